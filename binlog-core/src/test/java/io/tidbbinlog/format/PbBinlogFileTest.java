package io.tidbbinlog.format;

import io.tidbbinlog.binlogfile.BinlogDirectory;
import io.tidbbinlog.binlogfile.BinlogFileReader;
import io.tidbbinlog.binlogfile.BinlogFileWriter;
import io.tidbbinlog.binlogfile.BinlogRecord;
import io.tidbbinlog.binlogfile.CorruptionListener;
import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.pbbinlog.Binlog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.tidbbinlog.format.ConverterFixtures.assertSameImages;
import static io.tidbbinlog.format.ConverterFixtures.sampleTxn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the file sink writes and Reparo reads: pb_binlog records in binlog files, across rotations. */
class PbBinlogFileTest {
    private final PbBinlogConverter converter = new PbBinlogConverter(ZoneOffset.UTC);

    @Test
    void transactionsWrittenAsPbBinlogFilesReadBackInCommitOrder(@TempDir Path dir) throws Exception {
        List<Txn> written = new ArrayList<>();
        try (BinlogFileWriter w = BinlogFileWriter.open(dir,
                BinlogFileWriter.Options.defaults().withSegmentBytes(4096), CorruptionListener.NONE)) {
            for (int i = 0; i < 60; i++) {
                Txn txn = i % 10 == 0
                        ? Txn.ddl(i, 1000 + i, new DdlChange("test", "t", "ALTER TABLE t ADD c" + i + " INT", i, 5, i))
                        : retimed(sampleTxn(), 1000 + i);
                written.add(txn);
                w.append(converter.toPb(txn).toByteArray());
            }
        }
        assertTrue(BinlogDirectory.list(dir).size() > 3, "the segment size forces rotations");

        try (BinlogFileReader r = BinlogFileReader.fromStart(dir, CorruptionListener.NONE)) {
            for (Txn expected : written) {
                BinlogRecord record = r.next();
                Txn read = converter.fromPb(Binlog.parseFrom(record.payload()));
                assertEquals(expected.commitTs(), read.commitTs());
                if (expected.isDdl()) {
                    assertEquals(expected.ddl().schema(), read.ddl().schema());
                    assertEquals(expected.ddl().query(), read.ddl().query());
                } else {
                    assertSameImages(expected, read);
                }
            }
            assertNull(r.next());
        }
    }

    private static Txn retimed(Txn t, long commitTs) {
        return Txn.dml(t.startTs(), commitTs, t.schemaVersion(), t.rows());
    }
}
