package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pump's join of what the pumps stored: a commit binlog takes its prewrite's payload, a rollback binlog drops the
 * prewrite, and a prewrite left without either is resolved as Pump resolves it, through TiDB's MVCC status API
 * ({@link MvccResolver}): committed ones get a commit binlog made up from the MVCC write's commit_ts (Pump's
 * {@code writeCBinlog}), rolled back ones are dropped. The output comes in commit_ts order, as a drainer merges it.
 */
final class PumpJoin {

    /** The joined commit binlogs and the start_ts of the prewrites that needed the MVCC API. */
    record Result(List<Binlog> joined, List<Long> resolvedCommitted, List<Long> resolvedRolledBack) {
    }

    private PumpJoin() {
    }

    /**
     * @throws AssertionError for a commit binlog without its prewrite on the same pump, a start_ts prewritten on
     *                        two pumps, or an orphan the MVCC record cannot decide (the cluster is meant to be idle)
     */
    static Result join(List<RecordingPumpServer> pumps, MvccResolver resolver) throws IOException,
            InterruptedException {
        List<Binlog> out = new ArrayList<>();
        List<Long> committed = new ArrayList<>();
        List<Long> rolledBack = new ArrayList<>();
        Map<Long, String> prewrittenOn = new HashMap<>();
        for (RecordingPumpServer p : pumps) {
            Map<Long, Binlog> prewrites = new LinkedHashMap<>();
            for (Binlog b : p.binlogs(BinlogType.Prewrite)) {
                String other = prewrittenOn.put(b.getStartTs(), p.nodeId());
                if (other != null) {
                    throw new AssertionError("prewrite binlog of start_ts " + b.getStartTs() + " stored on "
                            + other + " and " + p.nodeId());
                }
                prewrites.put(b.getStartTs(), b);
            }
            for (Binlog finish : p.binlogs()) {
                if (finish.getTp() == BinlogType.Prewrite) {
                    continue;
                }
                Binlog pw = prewrites.remove(finish.getStartTs());
                if (pw == null) {
                    throw new AssertionError(finish.getTp() + " binlog of start_ts " + finish.getStartTs()
                            + " reached pump " + p.nodeId() + " without its prewrite");
                }
                if (finish.getTp() == BinlogType.Commit) {
                    out.add(finish.toBuilder().setPrewriteValue(pw.getPrewriteValue()).build());
                }
            }
            for (Binlog orphan : prewrites.values()) {
                MvccResolver.Resolution r = resolver.resolve(orphan.getPrewriteKey().toByteArray(),
                        orphan.getStartTs());
                if (r instanceof MvccResolver.Committed c) {
                    out.add(orphan.toBuilder().setTp(BinlogType.Commit).setCommitTs(c.commitTs()).build());
                    committed.add(orphan.getStartTs());
                } else if (r instanceof MvccResolver.RolledBack) {
                    rolledBack.add(orphan.getStartTs());
                } else {
                    throw new AssertionError("prewrite of start_ts " + orphan.getStartTs() + " on pump "
                            + p.nodeId() + " is undecided: " + r);
                }
            }
        }
        out.sort(Comparator.comparingLong(Binlog::getCommitTs));
        return new Result(out, committed, rolledBack);
    }
}
