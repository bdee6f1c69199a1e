package io.avatardrive.route;

import io.avatardrive.config.DriveSettings;
import io.avatardrive.zego.DriveByWsStreamResponse;
import io.vertx.core.http.HttpClientOptions;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;

/**
 * The drive of one clip on a ZEGO avatar: normalise, get a signed DriveId, connect, Start, real-time paced PCM, Stop,
 * report. It ends with a {@link DriveOutcome} as the body, whatever happened; the ingress decides where that goes.
 */
public class ZegoDriveRoute extends RouteBuilder {

    public static final String DRIVE = "direct:zego-drive";
    static final String TICKET = "direct:zego-drive-ticket";
    static final String STREAM = "direct:zego-drive-stream";

    /**
     * The throttle's rolling window counts calls where they leave; a little more than a second keeps network jitter
     * from ever putting an 11th call into the vendor's one-second window.
     */
    static final long RATE_WINDOW_MS = 1050;

    private final DriveSettings settings;
    private final DriveSteps steps;

    public ZegoDriveRoute(DriveSettings settings) {
        this.settings = settings;
        this.steps = new DriveSteps(settings);
    }

    @Override
    public void configure() {
        bindSocketOptions();

        from(DRIVE).routeId("zego-drive")
                .doTry()
                    .process(steps::read)
                    .setProperty(DriveHeaders.STAGE, constant(Stage.API))
                    .enrich(TICKET, steps::withTicket, true)
                    .setProperty(DriveHeaders.STAGE, constant(Stage.CONNECT))
                    .process(steps::start)
                    .setProperty(DriveHeaders.STAGE, constant(Stage.STREAM))
                    .to(STREAM)
                    .process(steps::succeeded)
                .doCatch(Exception.class)
                    // caught, not handled by onException, so that the caller's route goes on to file the outcome
                    .process(steps::failed)
                .end();

        from(STREAM).routeId("zego-drive-stream")
                .errorHandler(noErrorHandler())
                .doTry()
                    .split(steps.chunks()).streaming().stopOnException()
                        .process(steps::paceAndSend)
                    .endDoTry()
                .doFinally()
                    .process(steps::stop)
                .end();

        from(TICKET).routeId("zego-drive-ticket")
                .errorHandler(noErrorHandler())
                .removeHeaders("*")
                .throttle(settings.apiQps()).timePeriodMillis(RATE_WINDOW_MS)
                .process(steps::signedRequest)
                .to(settings.apiUrl() + "?httpMethod=POST")
                .unmarshal().json(JsonLibrary.Jackson, DriveByWsStreamResponse.class)
                .process(steps::ticket);
    }

    /** ZEGO asks clients to skip certificate verification on the drive socket; zego.ws-trust-all=false keeps it on. */
    private void bindSocketOptions() {
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout(10_000);
        if (settings.wsTrustAll()) {
            options.setTrustAll(true).setVerifyHost(false);
        }
        getContext().getRegistry().bind(DriveSteps.WS_CLIENT_OPTIONS, options);
    }
}
