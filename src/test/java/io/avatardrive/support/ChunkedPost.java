package io.avatardrive.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 POST written by hand on a socket, one chunk at a time, as a streaming TTS client sends it: the test
 * decides when each chunk goes and whether the body ever ends.
 */
public final class ChunkedPost implements AutoCloseable {

    /** The status and body of the answer. */
    public record Answer(int status, String body) {
    }

    private final Socket socket;
    private final OutputStream out;

    /** @param headers more header lines, each "Name: value" */
    public ChunkedPost(int port, String pathAndQuery, String contentType, String... headers) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        StringBuilder head = new StringBuilder("POST " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                                               + "\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    public void chunk(byte[] data, int offset, int length) throws IOException {
        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data, offset, length);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Ends the body and reads the answer. */
    public Answer finish() throws IOException {
        finishBody();
        return answer();
    }

    /** Ends the body; the answer is read later. */
    public void finishBody() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads the answer, whether or not the body was ended. */
    public Answer answer() throws IOException {
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        int status = Integer.parseInt(head.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = chunked ? readChunked(in) : length >= 0 ? in.readNBytes((int) length) : in.readAllBytes();
        return new Answer(status, new String(body, StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the server closed the connection without an answer: " + head);
            }
            head.write(c);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return body.toByteArray();
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int n = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (n == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            in.readNBytes(2);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
