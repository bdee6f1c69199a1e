package io.avatardrive.route;

import io.avatardrive.zego.DriveTicket;
import io.avatardrive.zego.ZegoFrames;

/** A ZEGO drive on its DriveId's socket: Start, binary PCM, Stop. */
final class ZegoSession implements AvatarSession {

    private final DriveTicket ticket;
    private final int sampleRate;
    private final DriveSocket socket;

    ZegoSession(DriveTicket ticket, int sampleRate, DriveSocket socket) {
        this.ticket = ticket;
        this.sampleRate = sampleRate;
        this.socket = socket;
    }

    @Override
    public String driveId() {
        return ticket.driveId();
    }

    @Override
    public void open() throws Exception {
        socket.send(ZegoFrames.start(ticket.driveId(), sampleRate));
    }

    @Override
    public void audio(byte[] chunk, boolean last) throws Exception {
        socket.send(chunk);
    }

    @Override
    public void end() throws Exception {
        socket.send(ZegoFrames.stop(ticket.driveId()));
    }

    @Override
    public void close() {
        socket.close();
    }
}
