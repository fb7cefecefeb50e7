package io.tidbbinlog.pump.node;

import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.pump.storage.BinlogStorage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Writes Pump's fake binlog {@code {tp=Rollback, start_ts=commit_ts=<fresh TSO>}} (binlog:pkg/util GenFakeBinlog,
 * binlog:pump/server.go writeFakeBinlog): it carries no data, but it moves this pump's watermark so drainers can merge
 * past it. Thread-safe.
 */
public final class FakeBinlogWriter {

    private final TsoClock tso;
    private final BinlogStorage storage;
    private final PumpMetrics metrics;

    public FakeBinlogWriter(TsoClock tso, BinlogStorage storage, PumpMetrics metrics) {
        this.tso = tso;
        this.storage = storage;
        this.metrics = metrics;
    }

    /**
     * Writes one fake binlog and waits until it is stored.
     *
     * @return its commit_ts
     * @throws IllegalStateException when PD or the storage fails (the message says which)
     */
    public long write() {
        long ts;
        try {
            ts = tso.fresh();
        } catch (RuntimeException e) {
            throw new IllegalStateException("gennerate fake binlog err: cannot get a TSO: " + e.getMessage(), e);
        }
        Binlog fake = Binlog.newBuilder().setTp(BinlogType.Rollback).setStartTs(ts).setCommitTs(ts).build();
        try {
            storage.write(fake, fake.toByteArray()).get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("write fake binlog err: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("write fake binlog interrupted", e);
        }
        metrics.fakeBinlogs.inc();
        return ts;
    }
}
