package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.pd.PdClient;
import io.tidbbinlog.sim.txn.TsoSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** TiDB's timestamps from PD: several asked at once travel as one batched {@code Tso} request (binlog-core's client). */
final class PdTso implements TsoSource {
    private final PdClient pd;

    PdTso(PdClient pd) {
        this.pd = pd;
    }

    @Override
    public long next() {
        return pd.getTs();
    }

    @Override
    public long[] next(int count) {
        if (count == 1) {
            return new long[]{pd.getTs()};
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<Long>[] pending = new CompletableFuture[count];
        for (int i = 0; i < count; i++) {
            pending[i] = pd.getTsAsync();
        }
        long[] ts = new long[count];
        try {
            for (int i = 0; i < count; i++) {
                ts[i] = pending[i].join();
            }
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return ts;
    }
}
