package io.tidbbinlog.pump.storage;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the commit index from a commit_ts on, reading one commit binlog (and its prewrite) at a time from the value
 * log and joining them as Pump's PullCommitBinlog does (spec §1.6).
 */
final class IndexPullCursor implements PullCursor {

    private static final Logger LOG = LoggerFactory.getLogger(IndexPullCursor.class);

    private final CommitIndex index;
    private final SegmentLog log;
    private final PumpMetrics metrics;
    private final AtomicLong missingPrewrites;
    /** Index entries read ahead in one go (44 bytes each, so the bound is small). */
    private static final int READ_AHEAD_ENTRIES = 256;

    private final ArrayDeque<IndexEntry> ahead = new ArrayDeque<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(SegmentLog.READ_AHEAD_BYTES);
    private long position;
    private CommitIndex.Position at;

    IndexPullCursor(CommitIndex index, SegmentLog log, PumpMetrics metrics, AtomicLong missingPrewrites,
                    long position) {
        this.index = index;
        this.log = log;
        this.metrics = metrics;
        this.missingPrewrites = missingPrewrites;
        this.position = position;
    }

    @Override
    public PulledBinlog next() {
        while (true) {
            if (ahead.isEmpty() && !readAhead()) {
                return null;
            }
            IndexEntry e = ahead.poll();
            if (e.commitTs() <= position) {
                continue;
            }
            position = e.commitTs();
            PulledBinlog b = join(e);
            if (b != null) {
                metrics.pulledBytes.inc(b.payload().length);
                return b;
            }
        }
    }

    /** Fills the read-ahead from the index; false when the index holds nothing after the cursor yet. */
    private boolean readAhead() {
        while (true) {
            if (at == null) {
                at = index.locate(position);
            }
            CommitIndex.Read read = index.readRunAt(at, READ_AHEAD_ENTRIES);
            if (read == null) {
                return false;
            }
            if (read instanceof CommitIndex.Run run) {
                ahead.addAll(run.entries());
                at = run.next();
                return true;
            }
            at = null; // the file was collected: find our place again
        }
    }

    private PulledBinlog join(IndexEntry e) {
        byte[] commitPayload;
        try {
            commitPayload = log.read(e.commit(), scratch);
        } catch (StorageException ex) {
            LOG.error("commit binlog commit_ts {} at {} cannot be read, skipped: {}", e.commitTs(), e.commit(),
                    ex.getMessage());
            metrics.lossBinlog.inc();
            return null;
        }
        if (e.fake()) {
            return new PulledBinlog(e.startTs(), e.commitTs(), commitPayload);
        }
        byte[] prewritePayload = null;
        if (e.prewrite() != null) {
            try {
                prewritePayload = log.read(e.prewrite(), scratch);
            } catch (StorageException ex) {
                LOG.error("prewrite of commit_ts {} at {} cannot be read: {}", e.commitTs(), e.prewrite(),
                        ex.getMessage());
            }
        }
        if (prewritePayload == null) {
            // binlog:pump/storage/storage.go PullCommitBinlog skips a commit binlog whose prewrite is not found.
            LOG.error("the prewrite binlog of start_ts {} (commit_ts {}) is missing: commit binlog skipped",
                    e.startTs(), e.commitTs());
            metrics.lossBinlog.inc();
            missingPrewrites.incrementAndGet();
            return null;
        }
        try {
            Binlog commit = Binlog.parseFrom(commitPayload);
            Binlog prewrite = Binlog.parseFrom(prewritePayload);
            Binlog.Builder joined = commit.toBuilder().setStartTs(prewrite.getStartTs())
                    .setDdlJobId(prewrite.getDdlJobId()).setDdlSchemaState(prewrite.getDdlSchemaState());
            if (prewrite.hasPrewriteValue()) {
                joined.setPrewriteValue(prewrite.getPrewriteValue());
            } else {
                joined.clearPrewriteValue();
            }
            if (prewrite.hasDdlQuery()) {
                joined.setDdlQuery(prewrite.getDdlQuery());
            } else {
                joined.clearDdlQuery();
            }
            return new PulledBinlog(prewrite.getStartTs(), e.commitTs(), joined.build().toByteArray());
        } catch (InvalidProtocolBufferException ex) {
            LOG.error("binlog of commit_ts {} cannot be parsed, skipped: {}", e.commitTs(), ex.getMessage());
            metrics.storageErrors.labels("read_value").inc();
            return null;
        }
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        // Nothing held between calls: files belong to the storage.
    }
}
