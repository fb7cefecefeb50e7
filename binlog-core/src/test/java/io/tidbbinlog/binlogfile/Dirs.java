package io.tidbbinlog.binlogfile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helpers around a binlog directory. */
final class Dirs {
    private Dirs() {
    }

    static List<BinlogRecord> readAll(BinlogFileReader reader) throws IOException {
        List<BinlogRecord> out = new ArrayList<>();
        BinlogRecord r;
        while ((r = reader.next()) != null) {
            out.add(r);
        }
        return out;
    }

    static List<BinlogRecord> readAll(Path dir) throws IOException {
        try (BinlogFileReader reader = BinlogFileReader.fromStart(dir, CorruptionListener.NONE)) {
            return readAll(reader);
        }
    }

    /** A payload that says which record it is, of varying length. */
    static byte[] payload(int i) {
        byte[] p = new byte[(i * 37) % 300 + (i % 7 == 0 ? 0 : 5)];
        for (int k = 0; k < p.length; k++) {
            p[k] = (byte) (i * 31 + k);
        }
        if (p.length >= 4) {
            p[0] = (byte) i;
            p[1] = (byte) (i >> 8);
            p[2] = (byte) (i >> 16);
            p[3] = (byte) (i >> 24);
        }
        return p;
    }

    /** Collects what a reader or the writer's recovery reports. */
    static final class Skips implements CorruptionListener {
        final List<String> events = new ArrayList<>();
        long bytes;

        @Override
        public void onSkipped(String fileName, long offset, long length, String reason) {
            events.add(fileName + "@" + offset + "+" + length + ": " + reason);
            bytes += length;
        }
    }
}
