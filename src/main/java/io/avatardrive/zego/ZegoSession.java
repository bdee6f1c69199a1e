package io.avatardrive.zego;

import java.util.concurrent.CompletableFuture;

import io.avatardrive.vendor.AvatarSession;
import io.avatardrive.vendor.SocketClients;
import io.avatardrive.vendor.VendorSocket;
import io.vertx.core.Context;

/** A ZEGO drive on its DriveId's own socket (the WssAddress): Start, binary PCM, Stop. */
public final class ZegoSession implements AvatarSession {

    /** Stop, once written or being written: it goes out once, however many ways the drive ends. */
    private CompletableFuture<Void> stop;

    private final SocketClients clients;
    private final DriveTicket ticket;
    private final int sampleRate;
    private final boolean trustAll;
    private final long stallTimeoutMs;
    private VendorSocket socket;

    public ZegoSession(SocketClients clients, DriveTicket ticket, int sampleRate, boolean trustAll, long stallTimeoutMs) {
        this.clients = clients;
        this.ticket = ticket;
        this.sampleRate = sampleRate;
        this.trustAll = trustAll;
        this.stallTimeoutMs = stallTimeoutMs;
    }

    @Override
    public String driveId() {
        return ticket.driveId();
    }

    /** ZEGO asks clients to skip certificate verification on this socket; zego.ws-trust-all=false keeps it on. */
    @Override
    public void open() throws Exception {
        socket = VendorSocket.connect(clients.client(trustAll), ticket.wssAddress(), stallTimeoutMs, "the drive socket",
                VendorSocket.SEND_ONLY);
        socket.sendText(ZegoFrames.start(ticket.driveId(), sampleRate));
    }

    @Override
    public CompletableFuture<Void> audio(byte[] chunk, boolean last) {
        return socket.write(chunk);
    }

    @Override
    public Context context() {
        return socket.context();
    }

    @Override
    public void end() throws Exception {
        socket.await(endNow());
    }

    @Override
    public synchronized CompletableFuture<Void> endNow() {
        if (stop == null) {
            stop = socket.write(ZegoFrames.stop(ticket.driveId()));
        }
        return stop;
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
