package io.tidbbinlog.decode.bench;

import io.tidbbinlog.codec.ColumnValueCodec;
import io.tidbbinlog.codec.Datum;
import io.tidbbinlog.codec.MutationRowCodec;
import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.decode.HistorySchemaView;
import io.tidbbinlog.decode.PumpBinlogDecoder;
import io.tidbbinlog.format.SecondaryBinlogConverter;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.binlog.MutationType;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.proto.binlog.TableMutation;
import io.tidbbinlog.proto.secondary.Column;
import io.tidbbinlog.proto.secondary.Row;
import io.tidbbinlog.proto.secondary.Table;
import io.tidbbinlog.schema.ActionType;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.HistoryInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.SchemaHistory;
import io.tidbbinlog.schema.TableInfo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Row decode throughput on one thread, through the production path: a completed commit binlog whose prewrite
 * value holds one TableMutation of a 10-column mixed-type table (bigint PK handle, int, bigint unsigned, varchar,
 * decimal(20,4), datetime(6), timestamp, double, enum, json) is parsed and decoded by {@link PumpBinlogDecoder}
 * over a {@link SchemaHistory} into a {@link Txn} of typed row images.
 *
 * <p>References, measured in alternating rounds of the same run: protobuf parsing of the same bytes alone (Binlog
 * and PrewriteValue; rows stay byte slices), and a like-for-like typed protobuf: the same rows as one secondary
 * binlog (ten typed columns per image), parsed and every value read. Rates are rows per second of this thread's
 * CPU time (wall-clock rates on a shared machine mostly measure the neighbours; they are printed alongside); ratios
 * are medians of per-round ratios. Prints progress, then one JSON line (also written to target/bench/decode.json).
 */
public final class DecodeBenchmark {
    private static final int ROWS = 1000;
    private static final int WARMUP_ROUNDS = 10;
    private static final int ROUNDS = 20;
    private static final long ROUND_NANOS = 300_000_000L;
    private static final long TABLE_ID = 45;
    private static final long SCHEMA_VERSION = 11;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static final FieldType[] TYPES = {
        null,
        ft(MysqlType.LONGLONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20, 0, "binary"),
        ft(MysqlType.LONG, 0, 11, 0, "binary"),
        ft(MysqlType.LONGLONG, ColumnFlag.UNSIGNED, 20, 0, "binary"),
        ft(MysqlType.VARCHAR, 0, 64, 0, "utf8mb4"),
        ft(MysqlType.NEWDECIMAL, 0, 20, 4, "binary"),
        ft(MysqlType.DATETIME, 0, 26, 6, "binary"),
        ft(MysqlType.TIMESTAMP, 0, 19, 0, "binary"),
        ft(MysqlType.DOUBLE, 0, 22, -1, "binary"),
        FieldType.of(MysqlType.ENUM, 0, -1, -1, "utf8mb4", "utf8mb4_bin", List.of("a", "b", "c")),
        ft(MysqlType.JSON, 0, -1, -1, "binary"),
    };

    /** Where results go, so the JIT cannot drop the work. */
    static long sink;

    private DecodeBenchmark() {
    }

    private static FieldType ft(int tp, int flag, int flen, int dec, String charset) {
        return FieldType.of(tp, flag, flen, dec, charset, "utf8mb4".equals(charset) ? "utf8mb4_bin" : "binary",
                List.of());
    }

    public static void main(String[] args) throws IOException {
        PumpBinlogDecoder decoder = new PumpBinlogDecoder(new HistorySchemaView(history()), jobId -> null);
        TableMutation mutation = buildMutation(new Random(2026));
        byte[] wire = Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(400).setCommitTs(401)
                .setPrewriteValue(PrewriteValue.newBuilder().setSchemaVersion(SCHEMA_VERSION).addMutations(mutation)
                        .build().toByteString())
                .build().toByteArray();
        int rowsPerIteration = mutation.getSequenceCount();
        Txn sample = decoder.decode(Binlog.parseFrom(wire)).orElseThrow();
        byte[] typedWire = new SecondaryBinlogConverter(ZoneOffset.UTC).toSecondary(sample).toByteArray();
        System.out.printf(Locale.ROOT, "binlog: %d rows (%d insert, %d update, %d delete), %d bytes; "
                        + "as a secondary binlog: %d bytes%n", rowsPerIteration, mutation.getInsertedRowsCount(),
                mutation.getUpdatedRowsCount(), mutation.getDeletedRowsCount(), wire.length, typedWire.length);
        System.out.println("sample row: " + sample.rows().get(0));

        double[] parseCpu = new double[ROUNDS];
        double[] decodeCpu = new double[ROUNDS];
        double[] typedCpu = new double[ROUNDS];
        double[] decodeWall = new double[ROUNDS];
        double[] ratios = new double[ROUNDS];
        double[] typedRatios = new double[ROUNDS];
        for (int r = -WARMUP_ROUNDS; r < ROUNDS; r++) {
            double[] p = rate(() -> parseOnly(wire), rowsPerIteration);
            double[] d = rate(() -> sink += decoder.decode(Binlog.parseFrom(wire)).orElseThrow().rows().size(), rowsPerIteration);
            double[] t = rate(() -> readTyped(typedWire), rowsPerIteration);
            System.out.printf(Locale.ROOT, "%s %d: protobuf parse %.0f rows/s, parse+decode %.0f rows/s "
                            + "(wall %.0f), typed protobuf %.0f rows/s%n", r < 0 ? "warm-up" : "round",
                    r < 0 ? r + WARMUP_ROUNDS + 1 : r + 1, p[0], d[0], d[1], t[0]);
            if (r >= 0) {
                parseCpu[r] = p[0];
                decodeCpu[r] = d[0];
                typedCpu[r] = t[0];
                decodeWall[r] = d[1];
                ratios[r] = d[0] / p[0];
                typedRatios[r] = d[0] / t[0];
            }
        }
        double decode = median(decodeCpu);
        double ratio = median(ratios);
        boolean met = decode >= 1_000_000 && ratio >= 0.5;
        String json = String.format(Locale.ROOT,
                "{\"bench\": \"decode\", \"machine\": {\"cores\": %d, \"java\": \"%s\", \"commit\": \"%s\"}, "
                        + "\"params\": {\"rows_per_binlog\": %d, \"columns\": 10, "
                        + "\"mix\": \"insert 70%%, update 20%%, delete 10%%\", \"binlog_bytes\": %d, \"rounds\": %d, "
                        + "\"warmup_rounds\": %d, \"round_ms\": %d, \"threads\": 1, \"path\": \"PumpBinlogDecoder\", "
                        + "\"clock\": \"thread CPU time; medians over rounds\"}, "
                        + "\"figures\": {\"rows_per_s\": %.0f, \"rows_per_s_wall\": %.0f}, "
                        + "\"references\": {\"protobuf_parse_rows_per_s\": %.0f, "
                        + "\"typed_protobuf_parse_rows_per_s\": %.0f}, "
                        + "\"ratios\": {\"vs_protobuf_parse\": %.3f, \"vs_typed_protobuf_parse\": %.3f}, "
                        + "\"targets\": {\"rows_per_s\": \">= 1000000\", \"vs_protobuf_parse\": \">= 0.5\"}, "
                        + "\"met\": %s}",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), commit(),
                rowsPerIteration, wire.length, ROUNDS, WARMUP_ROUNDS, ROUND_NANOS / 1_000_000, decode,
                median(decodeWall), median(parseCpu), median(typedCpu), ratio, median(typedRatios), met);
        Path out = Path.of("target", "bench", "decode.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json + System.lineSeparator(), StandardCharsets.UTF_8);
        System.out.println(json);
    }

    private interface Work {
        void run() throws IOException;
    }

    /** One timed round: {rows per second of this thread's CPU time, rows per second of wall time}. */
    private static double[] rate(Work work, int rowsPerIteration) throws IOException {
        long rows = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + ROUND_NANOS;
        long now;
        do {
            for (int i = 0; i < 10; i++) {
                work.run();
                rows += rowsPerIteration;
            }
            now = System.nanoTime();
        } while (now < end);
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        return new double[] {rows * 1e9 / cpu, rows * 1e9 / (now - start)};
    }

    private static void parseOnly(byte[] wire) throws IOException {
        Binlog b = Binlog.parseFrom(wire);
        PrewriteValue pv = PrewriteValue.parseFrom(b.getPrewriteValue());
        sink += pv.getMutations(0).getSequenceCount();
    }

    private static void readTyped(byte[] wire) throws IOException {
        var b = io.tidbbinlog.proto.secondary.Binlog.parseFrom(wire);
        for (Table t : b.getDmlData().getTablesList()) {
            for (io.tidbbinlog.proto.secondary.TableMutation m : t.getMutationsList()) {
                readRow(m.getRow());
                if (m.hasChangeRow()) {
                    readRow(m.getChangeRow());
                }
            }
        }
    }

    private static void readRow(Row row) {
        for (Column c : row.getColumnsList()) {
            if (c.getIsNull()) {
                sink++;
            } else if (c.hasInt64Value()) {
                sink += c.getInt64Value();
            } else if (c.hasUint64Value()) {
                sink += c.getUint64Value();
            } else if (c.hasDoubleValue()) {
                sink += (long) c.getDoubleValue();
            } else if (c.hasStringValue()) {
                sink += c.getStringValue().length();
            } else if (c.hasBytesValue()) {
                sink += c.getBytesValue().size();
            }
        }
    }

    private static SchemaHistory history() {
        List<ColumnInfo> columns = new ArrayList<>();
        for (int id = 1; id < TYPES.length; id++) {
            columns.add(ColumnInfo.of(id, "c" + id, id - 1, TYPES[id]));
        }
        SchemaHistory h = new SchemaHistory();
        h.apply(Job.finished(1, ActionType.CREATE_SCHEMA, 2, 0, "bench", "", "CREATE DATABASE bench",
                new HistoryInfo(SCHEMA_VERSION - 1, DBInfo.of(2, "bench", "utf8mb4", "utf8mb4_bin"), null, 0,
                        List.of())));
        h.apply(Job.finished(2, ActionType.CREATE_TABLE, 2, TABLE_ID, "bench", "t", "CREATE TABLE t (...)",
                new HistoryInfo(SCHEMA_VERSION, null, TableInfo.of(TABLE_ID, "t", columns, List.of(), true, false),
                        0, List.of())));
        return h;
    }

    static TableMutation buildMutation(Random rnd) {
        TableMutation.Builder b = TableMutation.newBuilder().setTableId(TABLE_ID);
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
