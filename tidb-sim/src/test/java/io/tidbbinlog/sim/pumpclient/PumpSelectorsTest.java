package io.tidbbinlog.sim.pumpclient;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pingcap/tidb pkg/tidb-binlog/pump_client/selector.go: RangeSelector and HashSelector. */
class PumpSelectorsTest {

    private final PumpChannels channels = new PumpChannels(null);
    private final PumpNode a = pump("a");
    private final PumpNode b = pump("b");
    private final PumpNode c = pump("c");

    @Test
    void rangeCyclesAndRestartsWhenThePumpsAreReplaced() {
        RangeSelector range = new RangeSelector();
        assertNull(range.select(1, 0));
        range.setPumps(List.of(a, b, c));
        assertSame(a, range.select(9, 0));
        assertSame(b, range.select(9, 1));
        assertSame(c, range.select(4, 0));
        assertSame(a, range.select(4, 0));
        range.setPumps(List.of(b, c)); // SetPumps: Offset = 0
        assertSame(b, range.select(4, 0));
        range.setPumps(List.of(c));
        assertSame(c, range.select(4, 0));
        assertSame(c, range.select(4, 1));
    }

    @Test
    void hashAddsTheRetryCountToStartTs() {
        HashSelector hash = new HashSelector();
        assertNull(hash.select(1, 0));
        hash.setPumps(List.of(a, b, c));
        assertSame(b, hash.select(7, 0));
        assertSame(c, hash.select(7, 1));
        assertSame(a, hash.select(7, 2));
        assertSame(a, hash.select(3, 0));
    }

    private PumpNode pump(String id) {
        return new PumpNode(NodeStatus.of(id, "127.0.0.1:1", NodeState.ONLINE, 0, 0), channels);
    }
}
