package io.avatardrive.drive;

/** The body a drive ends with: its report, whether it was spoken or not. */
public sealed interface DriveOutcome permits DriveReport, FailureReport {

    boolean succeeded();

    String file();

    String taskId();
}
