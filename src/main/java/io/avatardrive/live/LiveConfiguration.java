package io.avatardrive.live;

import io.avatardrive.drive.AvatarDriveRoute;
import io.avatardrive.drive.TaskInterrupts;
import io.avatardrive.drive.TaskLaneProcessor;
import io.avatardrive.drive.TaskLanes;
import io.avatardrive.ingress.LiveDrives;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.LiveSettings;
import io.avatardrive.settings.PortCheck;
import io.vertx.core.Vertx;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The live ingress's wiring (routes/live.yaml): HTTP on Camel's platform-http Vert.x server at
 * ingress.host:ingress.port and the WebSocket consumer on the same port, both on one Vert.x instance (which Vert.x
 * lets share the port), with the beans the routes refer to under the names they use. A bean made from another of
 * this class's is made once and shared, whatever order Camel binds them in.
 */
public class LiveConfiguration implements CamelConfiguration {

    private LiveSettings live;
    private TaskLaneProcessor lanes;
    private OpenRequests open;

    @BindToRegistry("liveSettings")
    public synchronized LiveSettings liveSettings(CamelContext context) {
        if (live == null) {
            live = LiveSettings.from(context.getPropertiesComponent()::resolveProperty);
            live.requireLoginBeyondLoopback();
            PortCheck.requireFree("ingress.port", live.host(), live.port());
        }
        return live;
    }

    /** An utterance's drive waits in its task's lane, beside every other ingress's work. */
    @BindToRegistry("liveLanes")
    public synchronized TaskLaneProcessor liveLanes(CamelContext context, DriveSettings settings, TaskLanes taskLanes) {
        if (lanes == null) {
            lanes = new TaskLaneProcessor(context, taskLanes, settings.taskId(), AvatarDriveRoute.DRIVE);
        }
        return lanes;
    }

    @BindToRegistry("liveRequests")
    public synchronized OpenRequests liveRequests(CamelContext context) {
        if (open == null) {
            open = new OpenRequests(liveSettings(context).maxOpen());
        }
        return open;
    }

    @BindToRegistry("httpSpeak")
    public HttpSpeak httpSpeak(CamelContext context) {
        return new HttpSpeak(liveSettings(context).utteranceGapMs(), login(context), liveRequests(context));
    }

    @BindToRegistry("socketSpeak")
    public SocketSpeak socketSpeak(CamelContext context, DriveSettings settings, TaskLanes taskLanes,
                                   TaskInterrupts interrupts) {
        LiveDrives drives = new LiveDrives(context, liveLanes(context, settings, taskLanes), interrupts);
        return new SocketSpeak(drives, liveSettings(context).utteranceGapMs(), login(context), liveRequests(context));
    }

    private IngressLogin login(CamelContext context) {
        return new IngressLogin(liveSettings(context).username(), liveSettings(context).password());
    }

    /** One Vert.x for the live ingress's HTTP and WebSocket; requests are routed without holding its workers. */
    @Override
    public void configure(CamelContext context) throws Exception {
        if (context.getRegistry().findSingleByType(Vertx.class) == null) {
            Vertx shared = Vertx.vertx();
            context.getRegistry().bind("vertx", shared);
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    shared.close().toCompletionStage().toCompletableFuture().get();
                }
            });
        }
        LiveIngress.serve(context, liveSettings(context));
    }
}
