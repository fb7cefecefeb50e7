package io.tidbbinlog.codec;

import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds random and mutated rows to every decoder. The only exception allowed out is {@link CodecException}; each
 * input must finish (the whole run is under a timeout) and must not allocate much more than its own size.
 * Runs for {@code fuzz.seconds} (default 3); e.g. {@code mvn -pl binlog-core test -Dtest=CodecFuzzTest -Dfuzz.seconds=180}.
 */
class CodecFuzzTest {
    private static final FieldType[] TYPES = {
            ColumnTypes.bigint(), ColumnTypes.bigintUnsigned(), ColumnTypes.varchar(), ColumnTypes.varbinary(),
            ColumnTypes.decimal(20, 4), ColumnTypes.time(MysqlType.DATETIME, 6), ColumnTypes.time(MysqlType.TIMESTAMP, 0),
            ColumnTypes.time(MysqlType.DATE, 0), ColumnTypes.of(MysqlType.DURATION), ColumnTypes.of(MysqlType.FLOAT),
            ColumnTypes.of(MysqlType.DOUBLE), ColumnTypes.enumOf("a", "b"), ColumnTypes.of(MysqlType.SET),
            ColumnTypes.of(MysqlType.BIT), ColumnTypes.of(MysqlType.JSON), ColumnTypes.of(MysqlType.GEOMETRY)};

    @Test
    void decodersOnlyEverThrowCodecException() {
        long seconds = Long.getLong("fuzz.seconds", 3L);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        long[] tried = new long[1];
        assertTimeoutPreemptively(Duration.ofSeconds(seconds + 60), () -> tried[0] = run(seconds, seed),
                "decoders hung (seed " + seed + ")");
        System.out.println("CodecFuzzTest: " + tried[0] + " inputs in " + seconds + " s (seed " + seed + ")");
        assertTrue(tried[0] > 100, "fuzzer made no progress");
    }

    private static long run(long seconds, long seed) {
        Random rnd = new Random(seed);
        List<byte[]> corpus = seeds(rnd);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        while (System.nanoTime() < deadline) {
            for (int k = 0; k < 200; k++, n++) {
                byte[] input = mutate(rnd, corpus.get(rnd.nextInt(corpus.size())));
                long before = mx.getCurrentThreadAllocatedBytes();
                try {
                    decodeEverything(input);
                } catch (CodecException expected) {
                    // the one allowed failure
                } catch (Throwable t) {
                    fail("input " + Hex.of(input) + " (seed " + seed + ") threw " + t, t);
                }
                long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                if (allocated > 1_000_000L + 64L * input.length) {
                    fail("input of " + input.length + " bytes allocated " + allocated + " bytes: " + Hex.of(input));
                }
                if (rnd.nextInt(50) == 0 && corpus.size() < 5000) {
                    corpus.add(input);
                }
            }
        }
        return n;
    }

    private static void decodeEverything(byte[] input) {
        int failures = 0;
        for (int mode = 0; mode < 5; mode++) {
            try {
                switch (mode) {
                    case 0:
                        consume(MutationRowCodec.decodeInsert(input, 1).columns());
                        break;
                    case 1:
                        consume(MutationRowCodec.decodeInsert(input, 2).columns());
                        break;
                    case 2: {
                        UpdateRow u = MutationRowCodec.decodeUpdate(input);
                        consume(u.oldRow());
                        consume(u.newRow());
                        break;
                    }
                    case 3:
                        consume(MutationRowCodec.decodeDelete(input));
                        break;
                    default: {
                        DatumReader r = new DatumReader(input);
                        while (r.hasRemaining()) {
                            consumeDatum(DatumCodec.decode(r), input.length);
                        }
                    }
                }
            } catch (CodecException e) {
                failures++;
                if (e.getMessage() == null || e.getMessage().isEmpty()) {
                    throw new AssertionError("CodecException without a message");
                }
            }
        }
        if (failures == 5) {
            throw new CodecException("all decoders rejected the input");
        }
    }

    private static void consume(DecodedRow row) {
        for (int i = 0; i < row.size(); i++) {
            consumeDatum(row.value(i), i);
        }
    }

    private static void consumeDatum(Datum d, int salt) {
        FieldType ft = TYPES[Math.floorMod(salt + d.kind().ordinal(), TYPES.length)];
        try {
            ColumnValueCodec.toModelValue(d, ft);
        } catch (CodecException ignored) {
            // a datum that does not fit this column type
        }
        if (d.kind() == Datum.Kind.JSON) {
            BinaryJson.toText(d.bytesArray(), d.bytesOffset(), d.bytesLength());
        }
    }

    private static List<byte[]> seeds(Random rnd) {
        List<byte[]> corpus = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int n = rnd.nextInt(10);
            long[] ids = new long[n];
            Datum[] a = new Datum[n];
            Datum[] b = new Datum[n];
            for (int c = 0; c < n; c++) {
                ids[c] = c + 1;
                a[c] = RandomDatums.any(rnd);
                b[c] = RandomDatums.any(rnd);
            }
            corpus.add(MutationRowCodec.encodeInsert(new Datum[] {Datum.ofInt(rnd.nextInt())}, ids, a));
            corpus.add(MutationRowCodec.encodeUpdate(ids, a, b));
            corpus.add(MutationRowCodec.encodeDelete(ids, b));
        }
        return corpus;
    }

    private static byte[] mutate(Random rnd, byte[] src) {
        byte[] b = src.clone();
        int ops = 1 + rnd.nextInt(4);
        for (int o = 0; o < ops; o++) {
            switch (rnd.nextInt(7)) {
                case 0:
                    if (b.length > 0) {
                        b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                    break;
                case 1:
                    if (b.length > 0) {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    }
                    break;
                case 2:
                    b = java.util.Arrays.copyOf(b, b.length == 0 ? 0 : rnd.nextInt(b.length));
                    break;
                case 3: {
                    int at = rnd.nextInt(b.length + 1);
                    byte[] ins = new byte[1 + rnd.nextInt(8)];
                    rnd.nextBytes(ins);
                    byte[] nb = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, nb, 0, at);
                    System.arraycopy(ins, 0, nb, at, ins.length);
                    System.arraycopy(b, at, nb, at + ins.length, b.length - at);
                    b = nb;
                    break;
                }
                case 4: {
                    byte[] r = new byte[rnd.nextInt(64)];
                    rnd.nextBytes(r);
                    b = r;
                    break;
                }
                case 5:
                    // interesting bytes: flags, 0x80 continuation, 0xff
                    if (b.length > 0) {
                        int[] pick = {0, 1, 2, 6, 8, 9, 10, 0x7f, 0x80, 0xff, 250};
                        b[rnd.nextInt(b.length)] = (byte) pick[rnd.nextInt(pick.length)];
                    }
                    break;
                default:
                    if (b.length > 4) {
                        int at = rnd.nextInt(b.length - 4);
                        for (int i = 0; i < 4; i++) {
                            b[at + i] = (byte) 0xff;
                        }
                    }
            }
        }
        return b;
    }
}
