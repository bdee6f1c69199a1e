package io.avatardrive;

import java.nio.file.Files;
import java.nio.file.Path;

import io.avatardrive.settings.InvalidSettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderCheckTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFolderIsCreated() {
        assertDoesNotThrow(() -> AvatarDriveConfiguration.requireWritable("drive.inbox", dir.resolve("a/inbox")));
        assertTrue(Files.isDirectory(dir.resolve("a/inbox")));
    }

    @Test
    void aFolderThatCannotBeMadeIsRefusedWithItsKey() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> AvatarDriveConfiguration.requireWritable("drive.done", file.resolve("done")));
        assertTrue(e.getMessage().startsWith("drive.done "), e.getMessage());
    }
}
