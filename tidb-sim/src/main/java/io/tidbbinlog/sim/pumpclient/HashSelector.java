package io.tidbbinlog.sim.pumpclient;

import java.util.List;

/**
 * TiDB's {@code HashSelector}: the pump at {@code (start_ts + retryTime) % n} of the available pumps (sorted by
 * node id here; a Go map order in TiDB), so each retry of a prewrite moves on to the next pump.
 */
final class HashSelector implements PumpSelector {

    private List<PumpNode> pumps = List.of();

    @Override
    public synchronized void setPumps(List<PumpNode> available) {
        pumps = List.copyOf(available);
    }

    @Override
    public synchronized PumpNode select(long startTs, int retryTime) {
        if (pumps.isEmpty()) {
            return null;
        }
        // TSO timestamps are positive; floorMod only keeps a malformed negative start_ts from failing here
        return pumps.get((int) Math.floorMod(startTs + retryTime, (long) pumps.size()));
    }
}
