package io.avatardrive.queue;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueueStepsTest {

    @Test
    void aClipNameFromTheQueueCannotNameAPath() {
        assertEquals("____etc_passwd", QueueSteps.safeName("../../etc/passwd"));
        assertEquals("hello world.wav", QueueSteps.safeName("hello world.wav"));
        assertEquals("clip", QueueSteps.safeName("   "));
        assertEquals("_", QueueSteps.safeName("/"));
    }
}
