package io.avatardrive.drive;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a drive ended, as every report names it: a conversation needs to tell a cut from a failure. */
public enum Outcome {
    /** Spoken to its end. */
    DRIVEN,
    /** Cut short by an interrupt for its task: Stop sent after the audio sent so far. */
    INTERRUPTED,
    /** Waiting behind a drive of its task when an interrupt came: never spoken. */
    SUPERSEDED,
    /** Live audio that ended early (a gap, a skipped piece, a client gone, a shutdown): Stop sent, never replayed. */
    CUT,
    /** Could not be spoken: see the report's stage and reason. */
    FAILED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
