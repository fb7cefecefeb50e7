package io.tidbbinlog.format;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tidbbinlog.codec.CodecException;
import io.tidbbinlog.proto.pbbinlog.Binlog;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;

import static io.tidbbinlog.format.ConverterFixtures.sampleTxn;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What Reparo reads (pb_binlog) and what Arbiter reads (secondary binlog) come from outside: corrupt records
 * are either not protobuf at all, or fail conversion with an {@link IllegalArgumentException} or a
 * {@link CodecException} naming what was wrong; nothing else escapes. A few seconds each;
 * {@code -Dfuzz.seconds=N} runs longer, {@code -Dfuzz.seed=S} replays.
 */
class ReadSideFuzzTest {
    private final PbBinlogConverter pb = new PbBinlogConverter(ZoneOffset.UTC);
    private final SecondaryBinlogConverter secondary = new SecondaryBinlogConverter(ZoneOffset.UTC);

    private interface Reader {
        void read(byte[] bytes) throws InvalidProtocolBufferException;
    }

    @Test
    void corruptPbBinlogRecords() {
        fuzz(pb.toPb(sampleTxn()).toByteArray(), bytes -> pb.fromPb(Binlog.parseFrom(bytes)));
    }

    @Test
    void corruptSecondaryBinlogMessages() {
        fuzz(secondary.toSecondary(sampleTxn()).toByteArray(),
                bytes -> secondary.fromSecondary(io.tidbbinlog.proto.secondary.Binlog.parseFrom(bytes)));
    }

    private static void fuzz(byte[] valid, Reader reader) {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        long seconds = Long.getLong("fuzz.seconds", 2);
        Random rnd = new Random(seed);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long cases = 0;
        while (System.nanoTime() < deadline) {
            byte[] b = valid.clone();
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                        b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length));
                default -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            }
            try {
                reader.read(b);
            } catch (InvalidProtocolBufferException expected) {
                // not protobuf at all
            } catch (IllegalArgumentException | CodecException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    fail("seed " + seed + ", case " + cases + ": a rejection that says nothing", e);
                }
            } catch (Throwable t) {
                fail("seed " + seed + ", case " + cases + ": " + t, t);
            }
            cases++;
        }
        System.out.printf("read-side fuzz: %d cases in %d s, seed %d%n", cases, seconds, seed);
        assertTrue(cases > 100, "ran " + cases + " cases");
    }
}
