package io.avatardrive.drive;

/** The body a drive ends with: its report, whether it was spoken or not. */
public sealed interface DriveOutcome permits DriveReport, FailureReport {

    boolean succeeded();

    /** How the drive ended. */
    Outcome outcome();

    /** The clip's name, as reports and logs give it. */
    String clipName();

    String taskId();
}
