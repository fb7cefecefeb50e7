package io.tidbbinlog.binlogfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Name vectors from binlog:pkg/binlogfile/file_test.go (TestParseBinlogName, TestFilterBinlogNames). */
class BinlogFileNameTest {
    @Test
    void formatsIndexZeroPaddedToSixteenDigitsAndLocalCreationTime() {
        assertEquals("binlog-0000000000000001-20181010101010",
                BinlogFileName.format(1, LocalDateTime.of(2018, 10, 10, 10, 10, 10)));
        assertEquals("binlog-0000000000012345-20240229235959",
                BinlogFileName.format(12345, LocalDateTime.of(2024, 2, 29, 23, 59, 59)));
    }

    @Test
    void parsesCurrentAndLegacyNames() {
        assertEquals(1, BinlogFileName.parse("binlog-0000000000000001").orElseThrow().index());
        assertEquals(3, BinlogFileName.parse("binlog-0000000000000003-20180315121212").orElseThrow().index());
        assertEquals(5, BinlogFileName.parse("binlog-0000000000000005").orElseThrow().index());
        assertEquals(OptionalLong.empty(),
                BinlogFileName.parse("binlog-0000000000000003-20180315121212").orElseThrow().firstCommitTs());
    }

    @Test
    void archivedNameCarriesTheFirstCommitTs() {
        BinlogFileName n = BinlogFileName.parse("binlog-0000000000000003-20180315121212-000000000000000001.tar.gz")
                .orElseThrow();
        assertEquals(3, n.index());
        assertEquals(OptionalLong.of(1), n.firstCommitTs());
        BinlogFileName plain = BinlogFileName.parse("binlog-0000000000000007-20181010101010-407623959013752832")
                .orElseThrow();
        assertEquals(OptionalLong.of(407623959013752832L), plain.firstCommitTs());
    }

    @ParameterizedTest
    @ValueSource(strings = {"binlog-index-20180315121212", "binlog-index", "binlog-index-20180315121212-000000000000000001.tar.gz",
            "test", "savepoint", "binlog-", "binlog-1-2-3-4", "binlog-0000000000000001-2018", "binlog-00001-20180315121212-x",
            "binlog-99999999999999999999", "binlog-0000000000000001.lock", "binlog-0000000000000001.tmp",
            "binlog-0000000000000001-20180315121212-5.zip"})
    void rejectsNamesThatAreNotBinlogFiles(String name) {
        assertTrue(BinlogFileName.parse(name).isEmpty(), name);
    }

    @Test
    void formattedNamesParseBack() {
        String name = BinlogFileName.format(42, LocalDateTime.of(2020, 1, 2, 3, 4, 5));
        BinlogFileName parsed = BinlogFileName.parse(name).orElseThrow();
        assertEquals(42, parsed.index());
        assertFalse(parsed.firstCommitTs().isPresent());
    }

    @Test
    void directoryListingSkipsOtherFilesAndOrdersByIndex(@TempDir Path dir) throws Exception {
        for (String f : List.of("binlog-0000000000000002-20180315121212", "test", "binlog-0000000000000001",
                "savepoint", "checkpoint", ".lock", "binlog-0000000000000003.tmp", "binlog-0000000000000000-20180315121212")) {
            Files.createFile(dir.resolve(f));
        }
        List<String> names = BinlogDirectory.list(dir).stream().map(BinlogFile::fileName).toList();
        assertEquals(List.of("binlog-0000000000000000-20180315121212", "binlog-0000000000000001",
                "binlog-0000000000000002-20180315121212"), names);
    }

    @Test
    void aGapInIndexesIsAnErrorNamingTheMissingIndex(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("binlog-0000000000000004-20180315121212"));
        Files.createFile(dir.resolve("binlog-0000000000000005-20180315121212"));
        Files.createFile(dir.resolve("binlog-0000000000000007-20180315121212"));
        BinlogFileException e = assertThrows(BinlogFileException.class, () -> BinlogDirectory.list(dir));
        assertTrue(e.getMessage().contains("missing the file with index 6"), e.getMessage());
    }

    @Test
    void twoFilesWithTheSameIndexAreAnError(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("binlog-0000000000000001"));
        Files.createFile(dir.resolve("binlog-0000000000000001-20180315121212"));
        BinlogFileException e = assertThrows(BinlogFileException.class, () -> BinlogDirectory.list(dir));
        assertTrue(e.getMessage().contains("two files with index 1"), e.getMessage());
    }

    @Test
    void aDirectoryMayStartAtAnyIndexAfterGc(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("binlog-0000000000000009-20180315121212"));
        Files.createFile(dir.resolve("binlog-0000000000000010-20180315121213"));
        assertEquals(2, BinlogDirectory.list(dir).size());
    }
}
