package io.avatardrive.fourth;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.avatardrive.drive.AvatarBackend;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.vendor.AvatarSession;
import io.avatardrive.vendor.SocketClients;
import io.avatardrive.vendor.VendorSocket;
import io.vertx.core.Context;

/**
 * A fourth vendor, for tests only: its ticket is a socket address it hands out per drive, and its session sends "start",
 * the audio as binary frames, then "stop". It is this package and one bean; nothing else in the pipeline changes.
 */
public final class LoopbackBackend implements AvatarBackend {

    private final String socketUrl;
    /** The tasks it was asked for tickets for, in order. */
    public final List<String> ticketsFor = new CopyOnWriteArrayList<>();

    public LoopbackBackend(String socketUrl) {
        this.socketUrl = socketUrl;
    }

    @Override
    public String name() {
        return "loopback";
    }

    @Override
    public String accountKey() {
        return "loopback.account";
    }

    @Override
    public boolean hasAccount(DriveSettings settings) {
        return true;
    }

    @Override
    public int chunkMs(DriveSettings settings) {
        return 200;
    }

    @Override
    public boolean needsTicket() {
        return true;
    }

    @Override
    public CompletableFuture<Object> ticket(String taskId, DriveSettings settings) {
        ticketsFor.add(taskId);
        return CompletableFuture.completedFuture("loopback-" + UUID.randomUUID());
    }

    @Override
    public AvatarSession session(SessionRequest request) {
        String driveId = (String) request.ticket();
        return new AvatarSession() {
            private VendorSocket socket;

            @Override
            public String driveId() {
                return driveId;
            }

            @Override
            public void open() throws Exception {
                socket = VendorSocket.connect(request.clients().client(false), socketUrl + "/" + driveId, 5000,
                        "the loopback socket", VendorSocket.SEND_ONLY);
                socket.sendText("start " + request.sampleRate());
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
                socket.await(socket.write("stop"));
            }

            @Override
            public void close() {
                if (socket != null) {
                    socket.close();
                }
            }
        };
    }

    @Override
    public AvatarSession warmUpSession(SocketClients clients, String loopbackUrl) {
        return null;
    }
}
