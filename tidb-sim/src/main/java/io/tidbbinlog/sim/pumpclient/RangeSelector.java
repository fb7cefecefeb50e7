package io.tidbbinlog.sim.pumpclient;

import java.util.List;

/**
 * TiDB's {@code RangeSelector}: one cursor shared by every transaction walks the available pumps in turn; a
 * new candidate list puts the cursor back to the first pump. TiDB's list comes from a Go map (random order);
 * ours is sorted by node id so that runs are reproducible.
 */
final class RangeSelector implements PumpSelector {

    private List<PumpNode> pumps = List.of();
    private int offset;

    @Override
    public synchronized void setPumps(List<PumpNode> available) {
        pumps = List.copyOf(available);
        offset = 0;
    }

    @Override
    public synchronized PumpNode select(long startTs, int retryTime) {
        if (pumps.isEmpty()) {
            return null;
        }
        if (offset >= pumps.size()) {
            offset = 0;
        }
        return pumps.get(offset++);
    }
}
