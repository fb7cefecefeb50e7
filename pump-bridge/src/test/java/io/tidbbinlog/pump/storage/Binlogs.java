package io.tidbbinlog.pump.storage;

import com.google.protobuf.ByteString;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Binlogs as TiDB's pump client sends them (spec §2.2, §5.5), and helpers to write and pull them. */
final class Binlogs {

    private Binlogs() {
    }

    static Binlog prewrite(long startTs) {
        return Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(startTs)
                .setPrewriteKey(ByteString.copyFromUtf8("t_key_" + startTs))
                .setPrewriteValue(ByteString.copyFromUtf8("mutations of " + startTs)).build();
    }

    /** TiDB leaves the prewrite key on the commit binlog and clears the value. */
    static Binlog commit(long startTs, long commitTs) {
        return Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(startTs).setCommitTs(commitTs)
                .setPrewriteKey(ByteString.copyFromUtf8("t_key_" + startTs)).build();
    }

    static Binlog rollback(long startTs) {
        return Binlog.newBuilder().setTp(BinlogType.Rollback).setStartTs(startTs)
                .setPrewriteKey(ByteString.copyFromUtf8("t_key_" + startTs)).build();
    }

    /** Pump's forward binlog (binlog:pump/server.go genForwardBinlog): Rollback with start = commit = TSO. */
    static Binlog fake(long ts) {
        return Binlog.newBuilder().setTp(BinlogType.Rollback).setStartTs(ts).setCommitTs(ts).build();
    }

    static void write(BinlogStorage storage, Binlog b) {
        try {
            storage.write(b, b.toByteArray()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("write of " + b.getTp() + " " + b.getStartTs() + "/" + b.getCommitTs()
                    + " failed", e);
        }
    }

    static void txn(BinlogStorage storage, long startTs, long commitTs) {
        write(storage, prewrite(startTs));
        write(storage, commit(startTs, commitTs));
    }

    static List<PulledBinlog> pullAll(BinlogStorage storage, long after) {
        List<PulledBinlog> out = new ArrayList<>();
        try (PullCursor cursor = storage.pull(after)) {
            for (PulledBinlog b = cursor.next(); b != null; b = cursor.next()) {
                out.add(b);
            }
        }
        return out;
    }

    static List<Long> commitTsOf(List<PulledBinlog> pulled) {
        return pulled.stream().map(PulledBinlog::commitTs).toList();
    }
}
