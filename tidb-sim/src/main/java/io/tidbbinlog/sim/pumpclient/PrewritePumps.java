package io.tidbbinlog.sim.pumpclient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which pump accepted the prewrite binlog of each start_ts (TiDB's {@code tsMap}): the commit or rollback
 * binlog must reach the same pump, which joins the two. An entry lives from the prewrite's success to the end
 * of its commit/rollback write, so its size is the number of transactions between the two binlogs.
 */
final class PrewritePumps {

    private final Map<Long, PumpNode> byStartTs = new ConcurrentHashMap<>();

    void remember(long startTs, PumpNode pump) {
        byStartTs.put(startTs, pump);
    }

    PumpNode pumpOf(long startTs) {
        return byStartTs.get(startTs);
    }

    void forget(long startTs) {
        byStartTs.remove(startTs);
    }

    int size() {
        return byStartTs.size();
    }
}
