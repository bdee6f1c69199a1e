package io.avatardrive.drive;

/** A failure whose stage is known where it happens, rather than from how far the route had got. */
public class DriveFailure extends RuntimeException {

    private final Stage stage;

    public DriveFailure(Stage stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
