package io.avatardrive.standin;

/**
 * The stand-in converter's "voice": 16-bit mono PCM resampled by linear interpolation, frame by frame, carrying the
 * position across frames so the output is continuous. Good enough to be heard; not meant for production audio.
 */
final class LinearResampler {

    private final double step;
    private double position;
    private short last;
    private boolean hasLast;

    LinearResampler(int fromRate, int toRate) {
        this.step = (double) fromRate / toRate;
    }

    byte[] push(byte[] pcm) {
        int carried = hasLast ? 1 : 0;
        int n = pcm.length / 2 + carried;
        if (n < 2) {
            if (n == 1 && !hasLast) {
                last = (short) ((pcm[0] & 0xff) | (pcm[1] << 8));
                hasLast = true;
            }
            return new byte[0];
        }
        short[] samples = new short[n];
        if (hasLast) {
            samples[0] = last;
        }
        for (int i = carried; i < n; i++) {
            int b = (i - carried) * 2;
            samples[i] = (short) ((pcm[b] & 0xff) | (pcm[b + 1] << 8));
        }
        int outCount = (int) Math.max(0, Math.ceil((n - 1 - position) / step));
        byte[] out = new byte[outCount * 2];
        for (int k = 0; k < outCount; k++) {
            int i = Math.min((int) position, n - 2);
            double frac = position - i;
            int v = (int) Math.round(samples[i] * (1 - frac) + samples[i + 1] * frac);
            out[2 * k] = (byte) v;
            out[2 * k + 1] = (byte) (v >> 8);
            position += step;
        }
        position -= n - 1;
        last = samples[n - 1];
        hasLast = true;
        return out;
    }
}
