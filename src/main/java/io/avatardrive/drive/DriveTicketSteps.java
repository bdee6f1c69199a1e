package io.avatardrive.drive;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avatardrive.settings.DriveSettings;
import io.avatardrive.zego.DriveByWsStreamCall;
import io.avatardrive.zego.DriveByWsStreamResponse;
import io.avatardrive.zego.DriveTicket;
import io.avatardrive.zego.ZegoSigner;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/** A ZEGO drive's ticket: a fresh signed DriveByWsStream call, within the AppId's quota, for a new DriveId. */
final class DriveTicketSteps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DriveResources resources;
    private final ZegoSigner signer = new ZegoSigner();
    /** Made with the route, so that the first drive finds the API client ready. */
    private final DriveByWsStreamCall api = new DriveByWsStreamCall().warm();

    DriveTicketSteps(DriveResources resources) {
        this.resources = resources;
    }

    /** What the throttle needs to know: which AppId's quota, and how much of it one call spends. */
    void prepareCall(Exchange exchange) {
        DriveSettings settings = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class).settings();
        exchange.setProperty(AvatarDriveConstants.APP_ID, settings.appId());
        exchange.setProperty(AvatarDriveConstants.API_PERMITS, Math.max(1, settings.apiQps() / 10));
    }

    /** Sign: a fresh nonce, timestamp and signature for this one call, then the JSON body naming the task. */
    void signedRequest(Exchange exchange) throws IOException {
        ActiveDrive drive = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class);
        DriveSettings settings = drive.settings();
        String taskId = drive.taskId();
        ZegoSigner.SignedQuery query;
        try {
            query = signer.sign("DriveByWsStream", settings.appId(), settings.serverSecret(), Instant.now().getEpochSecond());
        } catch (RuntimeException e) {
            throw new DriveFailure(Stage.SIGN, "could not sign the DriveByWsStream call: " + e.getMessage(), e);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query.toQueryString());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(JSON.writeValueAsString(Map.of("TaskId", taskId)));
    }

    /**
     * The DriveByWsStream call, holding no thread while it waits: bounded by zego.api-timeout-ms as a whole (a timeout
     * is an API failure, retried with back-off), so a vendor that hangs or drips holds only its own task, and a storm
     * of starts costs no thread per call.
     */
    AsyncProcessor callApi() {
        return new AsyncProcessorSupport() {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                DriveSettings settings = exchange.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class).settings();
                api.call(settings.apiUrl(), exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class),
                        exchange.getMessage().getBody(String.class), settings.apiTimeoutMs()).whenComplete((answer, failure) -> {
                            if (failure != null) {
                                exchange.setException(failure instanceof CompletionException && failure.getCause() != null
                                        ? failure.getCause() : failure);
                            } else {
                                exchange.getMessage().setBody(answer);
                            }
                            callback.done(false);
                        });
                return false;
            }
        };
    }

    void ticket(Exchange exchange) {
        DriveByWsStreamResponse answer = exchange.getMessage().getBody(DriveByWsStreamResponse.class);
        resources.metrics(exchange).apiAnswer(answer.code());
        DriveBoard board = DriveResources.board(exchange);
        if (board != null) {
            board.apiAnswer(answer.code());
        }
        DriveTicket ticket = answer.toTicket();
        exchange.getMessage().setBody(ticket);
    }

    /** The enrich strategy: the ticket joins the drive; an API failure stays an API failure. */
    Exchange withTicket(Exchange drive, Exchange answer) {
        if (answer.getException() != null) {
            drive.setException(answer.getException());
            return drive;
        }
        drive.getProperty(AvatarDriveConstants.DRIVE, ActiveDrive.class).ticket(answer.getMessage().getBody(DriveTicket.class));
        return drive;
    }
}
