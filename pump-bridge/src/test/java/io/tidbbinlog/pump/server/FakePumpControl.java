package io.tidbbinlog.pump.server;

import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A node control for tests: state, registry lists and TSO are set by the test; actions follow Pump's rules. */
final class FakePumpControl implements PumpControl {

    private final String nodeId;
    volatile NodeState state = NodeState.ONLINE;
    volatile List<NodeStatus> pumps = List.of();
    volatile List<NodeStatus> drainers = List.of();
    volatile RuntimeException registryFailure;
    final AtomicLong tso = new AtomicLong(400_000_000_000L);
    final AtomicBoolean gcRunning = new AtomicBoolean();
    final List<String> appliedActions = new CopyOnWriteArrayList<>();
    /** What /debug/binlog/{ts} finds, keyed as the storage keys it. */
    final Map<Long, byte[]> stored = new ConcurrentHashMap<>();

    FakePumpControl(String nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public NodeState state() {
        return state;
    }

    @Override
    public List<NodeStatus> pumps() {
        if (registryFailure != null) {
            throw registryFailure;
        }
        return pumps;
    }

    @Override
    public List<NodeStatus> drainers() {
        if (registryFailure != null) {
            throw registryFailure;
        }
        return drainers;
    }

    @Override
    public long freshTso() {
        return tso.incrementAndGet();
    }

    /** pump/server.go ApplyAction's checks and messages. */
    @Override
    public void applyAction(String id, String action) {
        if (!id.equals(nodeId)) {
            throw new IllegalArgumentException("invalide nodeID " + id + ", this pump's nodeID is " + nodeId);
        }
        if (state != NodeState.ONLINE) {
            throw new IllegalArgumentException("this pump's state is " + state.jsonName() + ", apply " + action
                    + " failed!");
        }
        switch (action) {
            case "pause" -> state = NodeState.PAUSING;
            case "close" -> state = NodeState.CLOSING;
            default -> throw new IllegalArgumentException("invalide action " + action);
        }
        appliedActions.add(action);
    }

    @Override
    public boolean triggerGc() {
        return gcRunning.compareAndSet(false, true);
    }

    @Override
    public Optional<byte[]> storedBinlog(long ts) {
        return Optional.ofNullable(stored.get(ts));
    }
}
