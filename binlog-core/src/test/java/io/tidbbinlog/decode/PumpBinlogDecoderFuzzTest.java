package io.tidbbinlog.decode;

import com.google.protobuf.ByteString;
import io.tidbbinlog.codec.ColumnValueCodec;
import io.tidbbinlog.codec.Datum;
import io.tidbbinlog.codec.MutationRowCodec;
import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.binlog.MutationType;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.proto.binlog.TableMutation;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.TableInfo;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Garbage in a binlog's prewrite value (flipped bytes, cuts, insertions, random bytes) fails with a
 * {@link BinlogDecodeException} and nothing else. Runs a few seconds; {@code -Dfuzz.seconds=N} runs longer,
 * {@code -Dfuzz.seed=S} replays.
 */
class PumpBinlogDecoderFuzzTest {
    private static final FieldType[] TYPES = {
        FieldType.of(MysqlType.LONGLONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20, 0, "binary", "binary", List.of()),
        FieldType.of(MysqlType.VARCHAR, 0, 32, 0, "utf8mb4", "utf8mb4_bin", List.of()),
        FieldType.of(MysqlType.NEWDECIMAL, 0, 12, 3, "binary", "binary", List.of()),
        FieldType.of(MysqlType.DATETIME, 0, 26, 6, "binary", "binary", List.of()),
        FieldType.of(MysqlType.DURATION, 0, 10, 0, "binary", "binary", List.of()),
        FieldType.of(MysqlType.ENUM, ColumnFlag.NOT_NULL, -1, -1, "utf8mb4", "utf8mb4_bin", List.of("a", "b")),
        FieldType.of(MysqlType.JSON, 0, -1, -1, "binary", "binary", List.of()),
        FieldType.of(MysqlType.BLOB, 0, 65535, 0, "binary", "binary", List.of()),
    };

    @Test
    void corruptPrewriteValuesFailOnlyWithADecodeError() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        long seconds = Long.getLong("fuzz.seconds", 3);
        Random rnd = new Random(seed);
        List<ColumnInfo> columns = new ArrayList<>();
        for (int i = 0; i < TYPES.length; i++) {
            columns.add(ColumnInfo.of(i + 1, "c" + (i + 1), i, TYPES[i]));
        }
        TableInfo table = TableInfo.of(45, "t", columns, List.of(), true, false);
        SchemaView schema = new SchemaView() {
            @Override
            public Optional<TableInfo> tableAt(long tableId, long schemaVersion) {
                return tableId == 45 ? Optional.of(table) : Optional.empty();
            }

            @Override
            public Optional<String> schemaNameAt(long tableId, long schemaVersion) {
                return Optional.of("test");
            }

            @Override
            public boolean changedAfter(long tableId, long schemaVersion) {
                return rnd.nextBoolean();
            }
        };
        PumpBinlogDecoder decoder = new PumpBinlogDecoder(schema, id -> new DdlDescription("test", "t", 45, 5, 1));
        byte[] valid = validPrewriteValue(rnd);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long cases = 0;
        long rejected = 0;
        while (System.nanoTime() < deadline) {
            byte[] input = mutate(valid, rnd);
            Binlog b = Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(10).setCommitTs(11)
                    .setPrewriteValue(ByteString.copyFrom(input)).build();
            try {
                decoder.decode(b);
            } catch (BinlogDecodeException e) {
                assertTrue(e.getMessage().startsWith("binlog commit_ts 11"), e.getMessage());
                rejected++;
            } catch (Throwable t) {
                fail("seed " + seed + ", case " + cases + ": " + t, t);
            }
            cases++;
        }
        System.out.printf("decoder fuzz: %d cases (%d rejected) in %d s, seed %d%n", cases, rejected, seconds, seed);
        assertTrue(cases > 100, "ran " + cases + " cases");
    }

    private static byte[] validPrewriteValue(Random rnd) {
        TableMutation.Builder m = TableMutation.newBuilder().setTableId(45);
        long[] all = {1, 2, 3, 4, 5, 6, 7, 8};
        long[] rest = {2, 3, 4, 5, 6, 7, 8};
        for (int i = 0; i < 6; i++) {
            Datum[] v = row(rnd, i);
            switch (i % 3) {
                case 0 -> {
                    Datum[] tail = new Datum[7];
                    System.arraycopy(v, 1, tail, 0, 7);
                    m.addInsertedRows(ByteString.copyFrom(MutationRowCodec.encodeInsert(new Datum[] {v[0]}, rest, tail)))
                            .addSequence(MutationType.Insert);
                }
                case 1 -> m.addUpdatedRows(ByteString.copyFrom(MutationRowCodec.encodeUpdate(all, v, row(rnd, i))))
                        .addSequence(MutationType.Update);
                default -> m.addDeletedRows(ByteString.copyFrom(MutationRowCodec.encodeDelete(all, v)))
                        .addSequence(MutationType.DeleteRow);
            }
        }
        return PrewriteValue.newBuilder().setSchemaVersion(1).addMutations(m).build().toByteArray();
    }

    private static Datum[] row(Random rnd, long pk) {
        Object[] model = {pk, "v" + rnd.nextInt(), new BigDecimal("123.456"),
            new TidbTime(2020, 2, 29, 1, 2, 3, 456789, MysqlType.DATETIME, 6), Duration.ofSeconds(-3723),
            1L + rnd.nextInt(2), "{\"k\": [1, \"x\", null]}", new byte[] {1, 2, 3}};
        Datum[] out = new Datum[model.length];
        for (int i = 0; i < model.length; i++) {
            out[i] = ColumnValueCodec.toDatum(model[i], TYPES[i]);
        }
        return out;
    }

    private static byte[] mutate(byte[] valid, Random rnd) {
        byte[] b = valid.clone();
        switch (rnd.nextInt(5)) {
            case 0 -> {
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case 2 -> {
                int at = rnd.nextInt(b.length);
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) rnd.nextInt(256);
                System.arraycopy(b, at, out, at + 1, b.length - at);
                return out;
            }
            case 3 -> {
                b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                return b;
            }
            default -> {
                byte[] r = new byte[rnd.nextInt(64)];
                rnd.nextBytes(r);
                return r;
            }
        }
    }
}
