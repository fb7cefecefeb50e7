package io.tidbbinlog.pump.server;

import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import java.util.List;
import java.util.Optional;

/**
 * What the gRPC service and the HTTP API need from the running node (implemented by the node lifecycle).
 * Thread-safe.
 */
public interface PumpControl {

    /** This pump's node id. */
    String nodeId();

    /** The in-memory state: prewrite binlogs are accepted only when {@code online} (spec §1.5). */
    NodeState state();

    /** Every pump's registry status, for GET /status. */
    List<NodeStatus> pumps();

    /** Every drainer's registry status, for GET /drainers. */
    List<NodeStatus> drainers();

    /** A fresh TSO from PD, for the CommitTS field of GET /status. */
    long freshTso();

    /**
     * Applies {@code pause} or {@code close} (PUT /state/{nodeID}/{action}): only for this node's id and only when
     * online; moves to pausing/closing and shuts the node down asynchronously.
     *
     * @throws IllegalArgumentException with the message to return (code 3) when refused
     */
    void applyAction(String nodeId, String action);

    /** The binlog stored under {@code ts} (start_ts of a waiting prewrite, else commit_ts), for /debug/binlog. */
    Optional<byte[]> storedBinlog(long ts);

    /**
     * Runs a GC round now (POST /debug/gc/trigger).
     *
     * @return false when a GC round is already running
     */
    boolean triggerGc();
}
