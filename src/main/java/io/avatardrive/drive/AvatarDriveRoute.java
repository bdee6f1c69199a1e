package io.avatardrive.drive;

import java.util.concurrent.ExecutorService;

import io.avatardrive.settings.DriveSettings;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The drive of one clip on an avatar, as a route template any ingress can instantiate: normalise (and convert the
 * voice, if asked), get the backend's ticket if it needs one (a fresh signed DriveId, within the quota), connect,
 * Start, real-time paced PCM (or words), Stop, report. The backend is an {@link AvatarBackend}, chosen by name. A drive
 * that was spoken, or cut short on purpose, ends with its {@link DriveReport} as the body; one that failed raises a
 * {@link DriveFailedException} carrying its {@link FailureReport}. The ingress decides where either goes.
 * <p>
 * The template's parameters carry the documented setting names ({@code zego.task-id}, {@code drive.lead-ms}, ...); a
 * parameter an instance leaves out falls back to the property of that name.
 */
public class AvatarDriveRoute extends RouteBuilder {

    public static final String TEMPLATE = "avatar-drive";
    public static final String ENDPOINT_PARAMETER = "driveEndpoint";
    public static final String DRIVE = "direct:avatar-drive";

    /** The template-local bean that holds an instance's settings. */
    static final String SETTINGS_BEAN = "instanceSettings";
    static final String CORE = "direct:avatar-drive-core";
    static final String TICKET = "direct:avatar-drive-ticket";
    static final String START = "direct:avatar-drive-start";
    static final String STREAM = "direct:avatar-drive-stream";

    /**
     * The quota is spent a tenth at a time, in rolling windows of 130 ms, so that no one-second window at the vendor
     * sees more calls than its quota (zego.api-qps) even when a call is held up on its way: ten calls spaced 130 ms
     * apart span 1170 ms, so one must be late by more than 170 ms before two meet in one second at the vendor (with
     * 115 ms, 35 ms was enough, and a start storm's JIT and GC made it: ApiRetryTest failed 2 runs in 4). Calls in
     * flight are not limited: a call that hangs holds its own task until zego.api-timeout-ms, never another's turn.
     */
    static final long RATE_WINDOW_MS = 130;

    /** Drives connecting and sending Start at once, per core. */
    static final int HANDSHAKE_THREADS = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());

    private DriveResources resources;
    private ClipReader reader;
    private DriveTicketSteps tickets;
    private DriveSteps steps;

    @Override
    public void configure() {
        // created with the context: made lazily, two first drives at once would race to create its Vert.x instance
        getContext().getComponent("vertx-websocket", true);
        // one registry of drives in flight per context, so that an interrupt reaches a task's drive from any ingress
        TaskDrives drives = getContext().getRegistry().lookupByNameAndType(TaskDrives.BEAN, TaskDrives.class);
        if (drives == null) {
            drives = new TaskDrives();
            getContext().getRegistry().bind(TaskDrives.BEAN, drives);
        }
        resources = new DriveResources(getContext().getExecutorServiceManager().newCachedThreadPool(this,
                "avatar-drive-io"), drives);
        reader = new ClipReader(resources, AvatarBackends.of(getContext()));
        tickets = new DriveTicketSteps(resources);
        steps = new DriveSteps(resources);
        // the socket handshake and Start wait here, each bounded by its timeout (the API call holds no thread). A few
        // at once: a storm of starts then reaches the avatar side spaced, so that each drive's first chunks are read
        // when they are written and its lead holds, instead of hundreds of handshakes fighting for the same cores
        ExecutorService handshakes = getContext().getExecutorServiceManager().newFixedThreadPool(this,
                "avatar-drive-handshake", HANDSHAKE_THREADS);
        // readiness waits until a drive's clients have been made and used once on loopback (no vendor call)
        DriveWarmUp warmUp = new DriveWarmUp();
        HealthCheckRegistry health = HealthCheckRegistry.get(getContext());
        if (health != null) {
            health.register(warmUp);
        }
        // before routes and sockets stop, drives in flight are cut short so that each still sends its Stop; once the
        // context runs, the drive's meters exist at zero and the drive warms up
        getContext().getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    steps.cancelAll();
                } else {
                    resources.metrics(getContext());
                    steps.warmUp(getContext(), warmUp);
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent
                       || event instanceof CamelEvent.CamelContextStartedEvent;
            }
        });

        RouteTemplateDefinition template = routeTemplate(TEMPLATE)
                .templateParameter(ENDPOINT_PARAMETER, DRIVE, "The endpoint this drive listens on");
        DriveSettings.DRIVE_KEYS.forEach(key -> template.templateOptionalParameter(key,
                "Overrides the property " + key + " for drives of this route"));
        // the settings are read and checked once, when an instance is made: the parameter if given, else the property
        template.templateBean(SETTINGS_BEAN, InstanceSettings.class, InstanceSettings::of);
        // clips are streamed; stream caching would read a whole clip into memory or a spool file first
        template.from("{{" + ENDPOINT_PARAMETER + "}}").streamCache("false")
                // a failed drive's exception goes to the caller as it is, for the ingress that owns the answer
                .errorHandler(noErrorHandler())
                .process("{{" + SETTINGS_BEAN + "}}")
                .to(CORE);

        from(CORE).routeId("avatar-drive-core").streamCache("false")
                .errorHandler(noErrorHandler())
                .doTry()
                    .process(reader.reader())
                    .filter(DriveSteps::needsTicket)
                        .setProperty(AvatarDriveConstants.STAGE, constant(Stage.API))
                        .to(TICKET)
                    .endDoTry()
                    .setProperty(AvatarDriveConstants.STAGE, constant(Stage.CONNECT))
                    .to(START)
                    .setProperty(AvatarDriveConstants.STAGE, constant(Stage.STREAM))
                    .to(STREAM)
                    .process(steps::succeeded)
                .doCatch(Exception.class)
                    // cut short on purpose: the report; failed: counted, logged, raised as a DriveFailedException
                    .process(steps::failed)
                .end();

        from(TICKET).routeId("avatar-drive-ticket").streamCache("false")
                .errorHandler(noErrorHandler())
                .process(tickets::prepareCall)
                // waiting for its turn holds no thread, nor does the call
                .throttle(exchangeProperty(AvatarDriveConstants.API_PERMITS)).totalRequestsMode().timePeriodMillis(RATE_WINDOW_MS)
                    .correlationExpression(exchangeProperty(AvatarDriveConstants.APP_ID)).asyncDelayed()
                .process(tickets.callApi());

        from(START).routeId("avatar-drive-start").streamCache("false")
                .errorHandler(noErrorHandler())
                .threads().executorService(handshakes)
                .process(steps::start);

        from(STREAM).routeId("avatar-drive-stream").streamCache("false")
                .errorHandler(noErrorHandler())
                .doTry()
                    .process(steps.pacedStream())
                .doFinally()
                    .process(steps::stop)
                .end();
    }
}
