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
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The live ingress's wiring (routes/live.yaml): HTTP on Camel's platform-http Vert.x server at
 * ingress.host:ingress.port and the WebSocket consumer on the same port, both on one Vert.x instance (which Vert.x
 * lets share the port), with the beans the routes refer to under the names they use.
 */
public class LiveConfiguration implements CamelConfiguration {

    @BindToRegistry("liveSettings")
    public LiveSettings liveSettings(CamelContext context) {
        LiveSettings live = LiveSettings.from(context.getPropertiesComponent()::resolveProperty);
        live.requireLoginBeyondLoopback();
        PortCheck.requireFree("ingress.port", live.host(), live.port());
        return live;
    }

    /** An utterance's drive waits in its task's lane, beside every other ingress's work. */
    @BindToRegistry("liveLanes")
    public TaskLaneProcessor liveLanes(CamelContext context, DriveSettings settings, TaskLanes lanes) {
        return new TaskLaneProcessor(context, lanes, settings.taskId(), AvatarDriveRoute.DRIVE);
    }

    @BindToRegistry("liveDrives")
    public LiveDrives liveDrives(CamelContext context, @BeanInject("liveLanes") TaskLaneProcessor lanes,
                                 TaskInterrupts interrupts) {
        return new LiveDrives(context, lanes, interrupts);
    }

    @BindToRegistry("liveRequests")
    public OpenRequests liveRequests(LiveSettings live) {
        return new OpenRequests(live.maxOpen());
    }

    @BindToRegistry("httpSpeak")
    public HttpSpeak httpSpeak(LiveSettings live, OpenRequests open) {
        return new HttpSpeak(live.utteranceGapMs(), login(live), open);
    }

    @BindToRegistry("socketSpeak")
    public SocketSpeak socketSpeak(LiveSettings live, @BeanInject("liveDrives") LiveDrives drives, OpenRequests open) {
        return new SocketSpeak(drives, live.utteranceGapMs(), login(live), open);
    }

    private static IngressLogin login(LiveSettings live) {
        return new IngressLogin(live.username(), live.password());
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
        LiveIngress.serve(context, context.getRegistry().findSingleByType(LiveSettings.class));
    }
}
