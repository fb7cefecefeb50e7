package io.tidbbinlog.binlogfile;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rough write/read throughput of the binlog file format (not a test; run by hand):
 * {@code java -cp binlog-core/target/classes:binlog-core/target/test-classes:<slf4j-api.jar>
 * io.tidbbinlog.binlogfile.BinlogFileThroughput [dir] [records] [payloadBytes]}.
 */
public final class BinlogFileThroughput {
    private BinlogFileThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path parent = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        byte[] payload = new byte[args.length > 2 ? Integer.parseInt(args[2]) : 200];
        Path dir = Files.createTempDirectory(parent, "binlogfile-throughput");
        long t0 = System.nanoTime();
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, BinlogFileWriter.Options.defaults()
                .withSyncPolicy(SyncPolicy.ON_FLUSH).withSegmentBytes(64L << 20), CorruptionListener.NONE)) {
            for (int i = 0; i < n; i++) {
                w.append(payload);
            }
        }
        double writeSec = (System.nanoTime() - t0) / 1e9;
        System.out.printf("write: %d records of %d bytes in %.2f s = %.0f records/s (sync on flush)%n", n,
                payload.length, writeSec, n / writeSec);
        for (int rep = 0; rep < 3; rep++) {
            long s = System.nanoTime();
            long count = 0;
            try (BinlogFileReader r = BinlogFileReader.fromStart(dir, CorruptionListener.NONE)) {
                while (r.next() != null) {
                    count++;
                }
            }
            double sec = (System.nanoTime() - s) / 1e9;
            System.out.printf("read pass %d: %d records in %.2f s = %.0f records/s%n", rep + 1, count, sec, count / sec);
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }
}
