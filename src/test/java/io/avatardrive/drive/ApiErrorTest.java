package io.avatardrive.drive;

import com.fasterxml.jackson.databind.JsonNode;
import io.avatardrive.support.DriveTestSupport;
import io.avatardrive.support.TestClips;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiErrorTest extends DriveTestSupport {

    @BeforeAll
    static void onlySomeTasksExist() {
        standIn.knownTasks(DEFAULT_TASK, "known");
    }

    @Test
    void unknownTaskGoesToErrorWithTheVendorCodeAndTheNextClipIsDriven() throws Exception {
        byte[] clip = TestClips.wav16(16000, TestClips.pcm16(16000, 0.2));
        drop("ended-task/a.wav", clip);
        drop("known/b.wav", clip);

        JsonNode error = awaitError("ended-task/a.wav");
        assertEquals("api", error.get("stage").asText());
        assertEquals(400000005L, error.get("code").asLong());
        assertTrue(error.get("reason").asText().contains("TaskId was not found"), error.toString());
        assertEquals("ended-task", error.get("taskId").asText());
        assertEquals("known", awaitDone("known/b.wav").get("taskId").asText());
    }
}
