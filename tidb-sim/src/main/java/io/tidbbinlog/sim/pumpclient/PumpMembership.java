package io.tidbbinlog.sim.pumpclient;

import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pumps the client knows and which of them are available for prewrite binlogs (TiDB's {@code PumpInfos}
 * with {@code addPump}, {@code updatePump}, {@code setPumpAvailable}, {@code removePump},
 * {@code checkPumpAvaliable}). Every change of the available set hands the selector a fresh list, which also
 * puts the range cursor back to the start, as TiDB's {@code SetPumps} does. Thread-safe.
 */
final class PumpMembership {

    private static final Logger LOG = LoggerFactory.getLogger(PumpMembership.class);

    private final Map<String, PumpNode> all = new TreeMap<>();
    private final Map<String, PumpNode> available = new TreeMap<>();
    private final Map<String, PumpNode> unavailable = new TreeMap<>();
    private final PumpSelector selector;
    private final PumpChannels channels;
    private final int maxErrors;

    PumpMembership(PumpSelector selector, PumpChannels channels, int maxErrors) {
        this.selector = selector;
        this.channels = channels;
        this.maxErrors = maxErrors;
    }

    /** A pump not seen before: available iff its state is online. */
    synchronized void add(NodeStatus status, boolean updateSelector) {
        PumpNode old = all.remove(status.nodeId());
        if (old != null) {
            old.close();
        }
        PumpNode pump = new PumpNode(status, channels);
        available.remove(pump.nodeId());
        unavailable.remove(pump.nodeId());
        if (pump.shouldBeUsable()) {
            available.put(pump.nodeId(), pump);
        } else {
            unavailable.put(pump.nodeId(), pump);
        }
        all.put(pump.nodeId(), pump);
        if (updateSelector) {
            publish();
        }
    }

    /** Hands the selector the current available set; done once after the initial listing. */
    synchronized void publish() {
        selector.setPumps(List.copyOf(available.values()));
    }

    /**
     * A PUT from the registry watch: a new node is added; a known node whose state changed becomes available
     * when it is now online, and unavailable when it was usable until now (TiDB's {@code updatePump}).
     */
    synchronized void applyStatus(NodeStatus status) {
        PumpNode pump = all.get(status.nodeId());
        if (pump == null) {
            LOG.info("found a new pump {} at {} ({})", status.nodeId(), status.host(), status.state());
            add(status, true);
            return;
        }
        NodeState oldState = pump.status().state();
        boolean changed = false;
        boolean nowAvailable = false;
        if (oldState != status.state()) {
            if (status.state() == NodeState.ONLINE) {
                changed = true;
                nowAvailable = true;
            } else if (pump.isUsable(maxErrors)) {
                changed = true;
            }
        }
        pump.setStatus(status);
        if (changed) {
            LOG.info("pump {} changed state {} -> {}", status.nodeId(), oldState, status.state());
            setAvailable(pump, nowAvailable);
        }
    }

    /** A DELETE from the registry watch (TiDB Binlog never deletes keys; kept for compatibility). */
    synchronized void remove(String nodeId) {
        PumpNode pump = all.remove(nodeId);
        if (pump == null) {
            return;
        }
        LOG.info("pump {} removed from the registry", nodeId);
        available.remove(nodeId);
        unavailable.remove(nodeId);
        pump.close();
        publish();
    }

    /**
     * Moves a pump between the available and unavailable sets, clearing its connection and error count (TiDB's
     * {@code setPumpAvailable}); a pump that was removed meanwhile stays removed.
     */
    synchronized void setAvailable(PumpNode pump, boolean isAvailable) {
        pump.reset();
        if (isAvailable) {
            unavailable.remove(pump.nodeId());
            if (all.get(pump.nodeId()) == pump) {
                available.put(pump.nodeId(), pump);
            }
        } else {
            available.remove(pump.nodeId());
            if (all.get(pump.nodeId()) == pump) {
                unavailable.put(pump.nodeId(), pump);
            }
        }
        LOG.info("pump {} is now {}", pump.nodeId(), isAvailable ? "available" : "unavailable");
        publish();
    }

    /** After failed writes: every pump that is no longer usable (not online, or too many errors) leaves. */
    void demoteUnusable() {
        for (PumpNode pump : allPumps()) {
            if (!pump.isUsable(maxErrors)) {
                setAvailable(pump, false);
            }
        }
    }

    synchronized int availableCount() {
        return available.size();
    }

    synchronized List<PumpNode> allPumps() {
        return new ArrayList<>(all.values());
    }

    /** Unavailable pumps that are online and not over the error limit: the ones the detector probes. */
    synchronized List<PumpNode> probeCandidates() {
        List<PumpNode> out = new ArrayList<>();
        for (PumpNode pump : unavailable.values()) {
            if (pump.isUsable(maxErrors)) {
                out.add(pump);
            }
        }
        return out;
    }

    synchronized boolean isEmpty() {
        return all.isEmpty();
    }

    synchronized Set<String> knownIds() {
        return Set.copyOf(all.keySet());
    }

    synchronized Set<String> availableIds() {
        return Set.copyOf(available.keySet());
    }

    synchronized Set<String> unavailableIds() {
        return Set.copyOf(unavailable.keySet());
    }

    synchronized void closeAll() {
        for (PumpNode pump : all.values()) {
            pump.close();
        }
    }
}
