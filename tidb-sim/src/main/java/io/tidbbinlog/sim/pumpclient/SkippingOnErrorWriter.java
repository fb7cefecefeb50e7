package io.tidbbinlog.sim.pumpclient;

import io.tidbbinlog.proto.binlog.Binlog;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TiDB's {@code binlog.ignore-error = true} (sessionctx/binloginfo {@code WriteBinlog}, spec §5.5 step 2): the
 * first prewrite binlog no pump takes is logged, counted as a critical error and reported as success, and
 * TiDB switches to "skipping": from then on no binlog is written at all, prewrite or commit, each skipped one
 * counted as another critical error ({@code CriticalErrorCounter}; a transaction whose own prewrite was skipped
 * does not even try its commit binlog, so that one is not counted), until {@link #recover()} (TiDB's
 * {@code GET /binlog/recover}) turns writing back on. Without ignore-error, use the wrapped writer directly:
 * its failures then fail the transaction.
 *
 * <p>It also keeps TiDB's {@code skippedCommitterCounter} (binloginfo {@code AddOneSkippedCommitter} /
 * {@code RemoveOneSkippedCommitter}): a transaction whose prewrite binlog was skipped counts as a skipped committer
 * until its 2PC ends (its commit or rollback binlog comes here); {@code GET /binlog/recover} waits for it to reach
 * zero. Such a transaction never gets a commit binlog written, even when writing resumed meanwhile (client-go
 * {@code twoPhaseCommitter.execute}: {@code binlogSkipped} means {@code binlog.Skip()} instead of
 * {@code binlog.Commit}). Thread-safe.
 */
public final class SkippingOnErrorWriter implements BinlogWriter {

    private static final Logger LOG = LoggerFactory.getLogger(SkippingOnErrorWriter.class);

    private final BinlogWriter delegate;
    private final AtomicBoolean skipping = new AtomicBoolean();
    private final AtomicLong criticalErrors = new AtomicLong();
    private final AtomicInteger skippedCommitters = new AtomicInteger();
    private final Set<Long> skippedPrewrites = ConcurrentHashMap.newKeySet();

    public SkippingOnErrorWriter(BinlogWriter delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void writePrewrite(Binlog prewrite) {
        if (skipping.get()) {
            criticalErrors.incrementAndGet();
            skippedCommitter(prewrite.getStartTs());
            return;
        }
        try {
            delegate.writePrewrite(prewrite);
        } catch (PumpWriteException e) {
            LOG.error("write binlog failed (start_ts {}): {}; error ignored, binlog writing stops until recovered",
                    prewrite.getStartTs(), e.getMessage());
            criticalErrors.incrementAndGet();
            skipping.set(true);
            skippedCommitter(prewrite.getStartTs());
        }
    }

    private void skippedCommitter(long startTs) {
        skippedPrewrites.add(startTs);
        skippedCommitters.incrementAndGet();
    }

    /**
     * Dropped without a count when the transaction's own prewrite binlog was skipped (it ends the skipped
     * committer); skipped and counted (completed at once) while skipping; otherwise passed on. TiDB's pump client
     * never reports a commit binlog failure, so such a failure does not start skipping.
     */
    @Override
    public CompletableFuture<Void> writeCommit(Binlog commitOrRollback) {
        if (skippedPrewrites.remove(commitOrRollback.getStartTs())) {
            // client-go's binlog.Skip(): no commit binlog is even attempted, so nothing is counted either
            skippedCommitters.decrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
        if (skipping.get()) {
            criticalErrors.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }
        return delegate.writeCommit(commitOrRollback);
    }

    /** TiDB's binlog status "Skipping". */
    public boolean isSkipping() {
        return skipping.get();
    }

    /** The failure that started skipping plus every binlog skipped since. */
    public long criticalErrors() {
        return criticalErrors.get();
    }

    /**
     * TiDB's {@code SkippedCommitterCount}: transactions whose prewrite binlog was skipped and whose commit has not
     * ended yet. May go below zero after {@link #resetSkippedCommitters()}, as TiDB's counter does.
     */
    public int skippedCommitters() {
        return skippedCommitters.get();
    }

    /** TiDB's {@code ResetSkippedCommitterCounter} ({@code GET /binlog/recover?op=reset}). */
    public void resetSkippedCommitters() {
        skippedCommitters.set(0);
        LOG.warn("skipped committer counter reset to 0");
    }

    /** Writes binlogs again (TiDB's {@code GET /binlog/recover}); the counter keeps its value. */
    public void recover() {
        if (skipping.compareAndSet(true, false)) {
            LOG.warn("binlog writing recovered: binlogs are written again");
        }
    }
}
