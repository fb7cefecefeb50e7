package io.tidbbinlog.pump.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** binlog:pump/node.go readLocalNodeID / generateLocalNodeID / FormatNodeID. */
class NodeIdFileTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesHostnameAndListenPortAndPersistsIt() throws Exception {
        String id = NodeIdFile.resolve(dataDir, "", "http://0.0.0.0:8250", () -> "pump-host");
        assertEquals("pump-host:8250", id);
        assertEquals("pump-host:8250", Files.readString(dataDir.resolve(".node")));
        assertEquals("pump-host:8250", NodeIdFile.resolve(dataDir, "", "127.0.0.1:9999", () -> "other-host"),
                "the stored id survives a host rename and a port change");
    }

    @Test
    void theStoredIdIsTrimmedAndWinsOverTheConfiguredOne() throws Exception {
        Files.writeString(dataDir.resolve(".node"), "  stored:8250\n");
        assertEquals("stored:8250", NodeIdFile.resolve(dataDir, "configured-id", "0.0.0.0:8250", () -> "h"));
    }

    @Test
    void aConfiguredIdIsUsedWithoutWritingTheFile() {
        assertEquals("configured-id", NodeIdFile.resolve(dataDir, "configured-id", "0.0.0.0:8250", () -> "h"));
        assertFalse(Files.exists(dataDir.resolve(".node")));
    }

    @Test
    void anAddressWithoutPortIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeIdFile.resolve(dataDir, "", "localhost", () -> "h"));
        assertTrue(e.getMessage().contains("localhost"), e.getMessage());
    }
}
