package io.tidbbinlog.sim.txn;

import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.sim.pumpclient.BinlogWriter;
import io.tidbbinlog.sim.pumpclient.PumpWriteException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Keeps every binlog written, in arrival order; can refuse prewrites, or hold them until released. */
final class RecordingWriter implements BinlogWriter {
    private final List<Binlog> prewrites = new ArrayList<>();
    private final List<Binlog> finishes = new ArrayList<>();
    volatile boolean refusePrewrites;
    volatile CountDownLatch holdPrewrites;

    @Override
    public void writePrewrite(Binlog prewrite) throws PumpWriteException {
        synchronized (this) {
            prewrites.add(prewrite);
        }
        CountDownLatch hold = holdPrewrites;
        if (hold != null) {
            try {
                if (!hold.await(30, TimeUnit.SECONDS)) {
                    throw new PumpWriteException("held prewrite was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PumpWriteException("interrupted", e);
            }
        }
        if (refusePrewrites) {
            throw new PumpWriteException("no pump accepted the binlog (test)");
        }
    }

    @Override
    public synchronized CompletableFuture<Void> writeCommit(Binlog commitOrRollback) {
        finishes.add(commitOrRollback);
        return CompletableFuture.completedFuture(null);
    }

    synchronized List<Binlog> prewrites() {
        return List.copyOf(prewrites);
    }

    synchronized List<Binlog> finishes() {
        return List.copyOf(finishes);
    }

    /** What Pump hands out for a committed transaction: the commit binlog with its prewrite value copied in. */
    synchronized List<Binlog> joinedCommits() {
        List<Binlog> out = new ArrayList<>();
        for (Binlog c : finishes) {
            if (c.getTp() != io.tidbbinlog.proto.binlog.BinlogType.Commit) {
                continue;
            }
            Binlog p = prewrites.stream().filter(x -> x.getStartTs() == c.getStartTs()).findFirst().orElseThrow();
            out.add(c.toBuilder().setPrewriteValue(p.getPrewriteValue()).build());
        }
        return out;
    }
}
