package io.avatardrive.zego;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON answer of DriveByWsStream, as ZEGO names its fields. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DriveByWsStreamResponse(
        @JsonProperty("Code") long code,
        @JsonProperty("Message") String message,
        @JsonProperty("RequestId") String requestId,
        @JsonProperty("Data") Data data) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(@JsonProperty("DriveId") String driveId, @JsonProperty("WssAddress") String wssAddress) {
    }

    /** The ticket, or the vendor's error when the call did not grant one. */
    public DriveTicket toTicket() {
        if (code != ZegoReturnCodes.OK) {
            throw new ZegoApiException(code, message);
        }
        if (data == null || isBlank(data.driveId()) || isBlank(data.wssAddress())) {
            throw new ZegoApiException(code, "the answer has no DriveId or WssAddress");
        }
        return new DriveTicket(data.driveId(), data.wssAddress(), requestId);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
