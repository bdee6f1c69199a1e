package io.avatardrive.drive;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClipNamesTest {

    @Test
    void aClipNameFromTheQueueCannotNameAPath() {
        assertEquals("____etc_passwd", ClipNames.safe("../../etc/passwd"));
        assertEquals("hello world.wav", ClipNames.safe("hello world.wav"));
        assertEquals("clip", ClipNames.safe("   "));
        assertEquals("_", ClipNames.safe("/"));
    }
}
