package io.tidbbinlog.binlogfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFramingTest {
    /*
     * Built by hand from the layout in binlog:pkg/binlogfile/encoder.go (magic u32 LE, size u64 LE, payload,
     * crc32 Castagnoli u32 LE). The CRC is the published CRC-32C check value of "123456789", 0xE3069283
     * (RFC 3720 / the CRC catalogue), not computed by our code.
     */
    static final String RECORD_123456789 = """
            04 05 1b 1c                 // magic 471532804 = 0x1C1B0504, little-endian
            09 00 00 00 00 00 00 00     // payload length 9, u64 little-endian
            31 32 33 34 35 36 37 38 39  // payload "123456789"
            83 92 06 e3                 // CRC-32C 0xE3069283, little-endian
            """;

    @Test
    void framingAPayloadGivesTheHandBuiltBytes() {
        assertArrayEquals(Hex.bytes(RECORD_123456789),
                RecordFraming.frame("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyPayloadFramesAsHeaderAndTheCrcOfNothing() {
        byte[] expected = Hex.bytes("""
                04 05 1b 1c                 // magic
                00 00 00 00 00 00 00 00     // length 0
                00 00 00 00                 // CRC-32C of no bytes is 0
                """);
        assertArrayEquals(expected, RecordFraming.frame(new byte[0]));
    }

    @Test
    void aHandBuiltFileIsReadBackWithOffsets(@TempDir Path dir) throws Exception {
        byte[] two = Hex.bytes(RECORD_123456789 + RECORD_123456789);
        Files.write(dir.resolve("binlog-0000000000000000-20190101000000"), two);
        List<BinlogRecord> records = new ArrayList<>();
        try (BinlogFileReader reader = BinlogFileReader.fromStart(dir, CorruptionListener.NONE)) {
            BinlogRecord r;
            while ((r = reader.next()) != null) {
                records.add(r);
            }
            assertEquals(0, reader.skippedRegions());
        }
        assertEquals(2, records.size());
        assertArrayEquals("123456789".getBytes(StandardCharsets.US_ASCII), records.get(0).payload());
        assertEquals(0, records.get(0).offset());
        assertEquals(25, records.get(0).nextOffset());
        assertEquals(25, records.get(1).offset());
        assertEquals(50, records.get(1).nextOffset());
        assertEquals("binlog-0000000000000000-20190101000000", records.get(1).fileName());
    }

    @Test
    void readingAnEmptyDirectoryGivesEndOfData(@TempDir Path dir) throws Exception {
        try (BinlogFileReader reader = BinlogFileReader.fromStart(dir, CorruptionListener.NONE)) {
            assertNull(reader.next());
        }
    }
}
