package io.avatardrive.inbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Emptied task folders do not cost the folder's poll for ever: one empty for drive.task-folder-idle-ms is removed, one
 * holding anything is kept, and a task folder made afterwards is driven as before.
 */
class TaskFolderPruneTest extends DriveTestSupport {

    @Override
    protected Map<String, String> properties() {
        Map<String, String> p = super.properties();
        p.put("drive.task-folder-idle-ms", "60000");
        p.put("drive.task-folder-prune-period-ms", "100");
        return p;
    }

    private long emptiedLeft() throws java.io.IOException {
        try (var left = Files.list(settings.inbox())) {
            return left.filter(f -> f.getFileName().toString().startsWith("emptied-")).count();
        }
    }

    @Test
    void taskFoldersEmptyLongerThanTheIdleTimeAreRemovedAndOthersKept() throws Exception {
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        for (int i = 0; i < 500; i++) {
            Path emptied = Files.createDirectories(settings.inbox().resolve("emptied-" + i));
            Files.setLastModifiedTime(emptied, anHourAgo);
        }
        Path recent = Files.createDirectories(settings.inbox().resolve("just-made"));
        Path configured = Files.createDirectories(settings.inbox().resolve("configured"));
        Files.writeString(configured.resolve(".drive.properties"), "backend = zego\n");
        Files.setLastModifiedTime(configured, anHourAgo);

        await().atMost(Duration.ofSeconds(10)).until(() -> emptiedLeft() == 0);
        assertTrue(Files.isDirectory(recent), "a folder made a moment ago was removed");
        assertTrue(Files.exists(configured.resolve(".drive.properties")), "a folder holding settings was removed");

        drop("emptied-7/after.wav", TestClips.wav16(16000, TestClips.pcm16(16000, 0.2)));
        assertEquals("driven", awaitDone("emptied-7/after.wav").path("outcome").asText());
    }
}
