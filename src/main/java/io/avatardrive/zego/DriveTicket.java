package io.avatardrive.zego;

/** What one DriveByWsStream call grants: a DriveId used for exactly one drive, and the socket to drive it on. */
public record DriveTicket(String driveId, String wssAddress, String requestId) {

    /** The address without its query, which carries the drive's Token and must not be logged. */
    public String safeAddress() {
        int query = wssAddress.indexOf('?');
        return query < 0 ? wssAddress : wssAddress.substring(0, query);
    }
}
