package io.tidbbinlog.pump.ctl;

import io.tidbbinlog.registry.NodeStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A node as binlogctl prints it (binlog:pkg/node/node.go {@code Status.String}):
 * {@code {NodeID: <id>, Addr: <host>, State: <state>, MaxCommitTS: <ts>, UpdateTime: <time>}}, the update time
 * being the TSO's physical part rounded down to the second, in Go's {@code time.Time} text layout.
 */
final class NodeText {

    /** Go's {@code time.Time.String()} for whole seconds: {@code 2019-04-11 17:44:13 -0400 EDT}. */
    static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z z");

    private NodeText() {
    }

    static String of(NodeStatus node, ZoneId zone) {
        return "{NodeID: " + node.nodeId() + ", Addr: " + node.host() + ", State: " + node.state()
                + ", MaxCommitTS: " + node.maxCommitTS() + ", UpdateTime: " + GO_TIME.format(roughTime(node.updateTS(), zone))
                + "}";
    }

    /** binlog:pkg/util/ts.go {@code TSOToRoughTime}: milliseconds above bit 18, truncated to seconds. */
    static java.time.ZonedDateTime roughTime(long tso, ZoneId zone) {
        return Instant.ofEpochSecond((tso >> 18) / 1000).atZone(zone);
    }
}
