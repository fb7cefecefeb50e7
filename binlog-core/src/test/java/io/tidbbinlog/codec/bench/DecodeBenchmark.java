package io.tidbbinlog.codec.bench;

import io.tidbbinlog.codec.ColumnValueCodec;
import io.tidbbinlog.codec.Datum;
import io.tidbbinlog.codec.DecodedRow;
import io.tidbbinlog.codec.InsertRow;
import io.tidbbinlog.codec.MutationRowCodec;
import io.tidbbinlog.codec.MutationSequence;
import io.tidbbinlog.codec.SequenceVisitor;
import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.codec.UpdateRow;
import io.tidbbinlog.proto.binlog.MutationType;
import io.tidbbinlog.proto.binlog.TableMutation;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Row decode throughput on one thread: a serialized TableMutation of a 10-column mixed-type table (bigint PK
 * handle, int, bigint unsigned, varchar, decimal(20,4), datetime(6), timestamp, double, enum, json) is parsed and
 * every row of every sequence entry decoded into model values. The reference, measured in alternating rounds in the
 * same run, is protobuf parsing of the same bytes alone. Rates are rows per second of this thread's CPU time
 * (the machines are shared, so wall-clock rates mostly measure the neighbours; they are printed alongside), and the
 * ratio is the median of the per-round ratios. Prints progress, then one JSON line (also written to
 * target/bench/decode.json).
 */
public final class DecodeBenchmark {
    private static final int ROWS = 1000;
    private static final int WARMUP_ROUNDS = 10;
    private static final int ROUNDS = 20;
    private static final long ROUND_NANOS = 300_000_000L;

    private static final FieldType[] TYPES = new FieldType[11]; // by column id
    private static final int PK_ID = 1;

    static {
        TYPES[1] = ft(MysqlType.LONGLONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20, 0, "binary");
        TYPES[2] = ft(MysqlType.LONG, 0, 11, 0, "binary");
        TYPES[3] = ft(MysqlType.LONGLONG, ColumnFlag.UNSIGNED, 20, 0, "binary");
        TYPES[4] = ft(MysqlType.VARCHAR, 0, 64, 0, "utf8mb4");
        TYPES[5] = ft(MysqlType.NEWDECIMAL, 0, 20, 4, "binary");
        TYPES[6] = ft(MysqlType.DATETIME, 0, 26, 6, "binary");
        TYPES[7] = ft(MysqlType.TIMESTAMP, 0, 19, 0, "binary");
        TYPES[8] = ft(MysqlType.DOUBLE, 0, 22, -1, "binary");
        TYPES[9] = FieldType.of(MysqlType.ENUM, 0, -1, -1, "utf8mb4", "utf8mb4_bin", List.of("a", "b", "c"));
        TYPES[10] = ft(MysqlType.JSON, 0, -1, -1, "binary");
    }

    /** The benchmark table's column types, by column id (index 0 unused). */
    static FieldType[] types() {
        return TYPES.clone();
    }

    private static FieldType ft(int tp, int flag, int flen, int dec, String charset) {
        return FieldType.of(tp, flag, flen, dec, charset, "utf8mb4".equals(charset) ? "utf8mb4_bin" : "binary",
                List.of());
    }

    /** Where decoded images go, so the JIT cannot drop the work. */
    static final Object[][] SINK = new Object[1024][];
    static int sinkPos;
    static long parseSink;

    public static void main(String[] args) throws IOException {
        byte[] wire = buildMutation(new Random(2026)).toByteArray();
        TableMutation check = TableMutation.parseFrom(wire);
        int rowsPerIteration = check.getSequenceCount();
        System.out.printf(Locale.ROOT, "mutation: %d rows (%d insert, %d update, %d delete), %d bytes%n",
                rowsPerIteration, check.getInsertedRowsCount(), check.getUpdatedRowsCount(),
                check.getDeletedRowsCount(), wire.length);
        System.out.println("sample insert row: " + Arrays.toString(decodeOneInsert(check)));

        byte[] typedWire = TypedReference.secondaryBinlogOf(check);
        System.out.printf(Locale.ROOT, "typed reference: the same rows as one secondary binlog, %d bytes%n",
                typedWire.length);

        double[] parseCpu = new double[ROUNDS];
        double[] typedCpu = new double[ROUNDS];
        double[] decodeCpu = new double[ROUNDS];
        double[] parseWall = new double[ROUNDS];
        double[] decodeWall = new double[ROUNDS];
        double[] ratios = new double[ROUNDS];
        for (int r = -WARMUP_ROUNDS; r < ROUNDS; r++) {
            double[] p = rate(wire, rowsPerIteration, false);
            double[] d = rate(wire, rowsPerIteration, true);
            double typed = TypedReference.rate(typedWire, rowsPerIteration, ROUND_NANOS);
            String phase = r < 0 ? "warm-up" : "round";
            System.out.printf(Locale.ROOT,
                        "%s %d: protobuf_parse %.0f rows/s (wall %.0f), parse+decode %.0f rows/s (wall %.0f), "
                            + "typed protobuf %.0f rows/s%n", phase,
                    r < 0 ? r + WARMUP_ROUNDS + 1 : r + 1, p[0], p[1], d[0], d[1], typed);
            if (r >= 0) {
                parseCpu[r] = p[0];
                parseWall[r] = p[1];
                decodeCpu[r] = d[0];
                decodeWall[r] = d[1];
                typedCpu[r] = typed;
                ratios[r] = d[0] / p[0];
            }
        }
        double parse = median(parseCpu);
        double decode = median(decodeCpu);
        double ratio = median(ratios);
        boolean met = decode >= 1_000_000 && ratio >= 0.5;
        String json = String.format(Locale.ROOT,
                "{\"bench\": \"decode\", \"machine\": {\"cores\": %d, \"java\": \"%s\", \"commit\": \"%s\"}, "
                        + "\"params\": {\"rows_per_mutation\": %d, \"columns\": 10, \"mix\": \"insert 70%%, update 20%%, delete 10%%\", "
                        + "\"mutation_bytes\": %d, \"rounds\": %d, \"warmup_rounds\": %d, \"round_ms\": %d, \"threads\": 1, "
                        + "\"clock\": \"thread CPU time (wall-clock figures alongside); medians over rounds\"}, "
                        + "\"figures\": {\"rows_per_s\": %.0f, \"rows_per_s_wall\": %.0f, \"rows_per_s_best\": %.0f}, "
                        + "\"references\": {\"protobuf_parse_rows_per_s\": %.0f, \"protobuf_parse_rows_per_s_wall\": %.0f, "
                        + "\"typed_protobuf_parse_rows_per_s\": %.0f}, "
                        + "\"ratios\": {\"vs_protobuf_parse\": %.3f, \"vs_typed_protobuf_parse\": %.3f}, "
                        + "\"targets\": {\"rows_per_s\": \">= 1000000\", \"vs_protobuf_parse\": \">= 0.5\"}, "
                        + "\"met\": %s}",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), commit(),
                rowsPerIteration, wire.length, ROUNDS, WARMUP_ROUNDS, ROUND_NANOS / 1_000_000, decode,
                median(decodeWall), max(decodeCpu), parse, median(parseWall), median(typedCpu), ratio,
                decode / median(typedCpu), met);
        Path out = Path.of("target", "bench", "decode.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json + System.lineSeparator(), StandardCharsets.UTF_8);
        System.out.println(json);
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One timed round: {rows per second of this thread's CPU time, rows per second of wall time}. */
    private static double[] rate(byte[] wire, int rowsPerIteration, boolean decode) throws IOException {
        long rows = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + ROUND_NANOS;
        long now;
        do {
            for (int i = 0; i < 10; i++) {
                TableMutation m = TableMutation.parseFrom(wire);
                if (decode) {
                    decodeAll(m);
                } else {
                    parseSink += m.getSequenceCount() + m.getInsertedRowsCount();
                }
                rows += rowsPerIteration;
            }
            now = System.nanoTime();
        } while (now < end);
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        return new double[] {rows * 1e9 / cpu, rows * 1e9 / (now - start)};
    }

    private static final class ImageBuilder implements SequenceVisitor {
        @Override
        public void insert(int index, byte[] row) {
            InsertRow r = MutationRowCodec.decodeInsert(row, 1);
            Object[] image = new Object[10];
            image[PK_ID - 1] = ColumnValueCodec.toModelValue(r.handle(0), TYPES[PK_ID]);
            fill(r.columns(), image);
            sink(image);
        }

        @Override
        public void update(int index, byte[] row) {
            UpdateRow u = MutationRowCodec.decodeUpdate(row);
            Object[] before = new Object[10];
            Object[] after = new Object[10];
            fill(u.oldRow(), before);
            fill(u.newRow(), after);
            sink(before);
            sink(after);
        }

        @Override
        public void delete(int index, byte[] row) {
            Object[] before = new Object[10];
            fill(MutationRowCodec.decodeDelete(row), before);
            sink(before);
        }

        private static void fill(DecodedRow row, Object[] image) {
            for (int i = 0, n = row.size(); i < n; i++) {
                int id = (int) row.columnId(i);
                image[id - 1] = ColumnValueCodec.toModelValue(row.value(i), TYPES[id]);
            }
        }

        private static void sink(Object[] image) {
            SINK[sinkPos++ & (SINK.length - 1)] = image;
        }
    }

    private static final ImageBuilder BUILDER = new ImageBuilder();

    private static void decodeAll(TableMutation m) {
        MutationSequence.walk(m, BUILDER);
    }

    private static Object[] decodeOneInsert(TableMutation m) {
        decodeAll(m);
        for (int i = 0; i < SINK.length; i++) {
            Object[] img = SINK[(sinkPos - 1 - i) & (SINK.length - 1)];
            if (img != null) {
                return img;
            }
        }
        return new Object[0];
    }

    static TableMutation buildMutation(Random rnd) {
        TableMutation.Builder b = TableMutation.newBuilder().setTableId(45);
        long[] rowIds = {2, 3, 4, 5, 6, 7, 8, 9, 10};
        long[] allIds = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        for (int i = 0; i < ROWS; i++) {
            int kind = rnd.nextInt(10);
            long pk = 1_000_000L + i;
            if (kind < 7) {
                Datum[] v = values(rnd, pk);
                b.addInsertedRows(com.google.protobuf.ByteString.copyFrom(MutationRowCodec.encodeInsert(
                        new Datum[] {Datum.ofInt(pk)}, rowIds, Arrays.copyOfRange(v, 1, 10))));
                b.addSequence(MutationType.Insert);
            } else if (kind < 9) {
                b.addUpdatedRows(com.google.protobuf.ByteString.copyFrom(
                        MutationRowCodec.encodeUpdate(allIds, values(rnd, pk), values(rnd, pk))));
                b.addSequence(MutationType.Update);
            } else {
                b.addDeletedRows(com.google.protobuf.ByteString.copyFrom(
                        MutationRowCodec.encodeDelete(allIds, values(rnd, pk))));
                b.addSequence(MutationType.DeleteRow);
            }
        }
        return b.build();
    }

    private static Datum[] values(Random rnd, long pk) {
        Object[] model = {
                pk,
                (long) rnd.nextInt(),
                rnd.nextLong(),
                "user-" + Long.toHexString(rnd.nextLong()) + (rnd.nextBoolean() ? "-é" : ""),
                BigDecimal.valueOf(rnd.nextLong() % 100_000_000_000L, 4),
                new TidbTime(2000 + rnd.nextInt(30), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28), rnd.nextInt(24),
                        rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(1_000_000), MysqlType.DATETIME, 6),
                new TidbTime(2000 + rnd.nextInt(30), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28), rnd.nextInt(24),
                        rnd.nextInt(60), rnd.nextInt(60), 0, MysqlType.TIMESTAMP, 0),
                rnd.nextDouble() * 1e6,
                (long) (1 + rnd.nextInt(3)),
                "{\"id\": " + rnd.nextInt(100000) + ", \"tag\": \"t" + rnd.nextInt(100) + "\", \"ok\": true}",
        };
        Datum[] out = new Datum[10];
        for (int c = 0; c < 10; c++) {
            out[c] = ColumnValueCodec.toDatum(model[c], TYPES[c + 1]);
        }
        return out;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
