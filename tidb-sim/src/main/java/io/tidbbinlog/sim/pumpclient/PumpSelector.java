package io.tidbbinlog.sim.pumpclient;

import java.util.List;

/**
 * Picks the pump for one attempt at a prewrite binlog among the pumps currently available (pump_client/
 * selector.go). Commit and rollback binlogs do not go through a selector: they follow their prewrite
 * ({@link PrewritePumps}).
 */
interface PumpSelector {

    /** Replaces the candidates; called whenever the client's available set is rewritten. */
    void setPumps(List<PumpNode> available);

    /** The pump for attempt {@code retryTime} (0 for the first) of the prewrite with {@code startTs}, or null. */
    PumpNode select(long startTs, int retryTime);
}
