package io.tidbbinlog.sim.pd;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The ids a PD cluster is known by. The cluster id is made the way PD makes it ({@code server/util.go
 * initOrGetClusterID}): Unix seconds in the high 32 bits, a random 32-bit number in the low ones. The member id
 * stands for etcd's random member id.
 */
public record PdIdentity(long clusterId, long memberId) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public PdIdentity {
        if (clusterId == 0) {
            throw new IllegalArgumentException("cluster id must not be 0 (0 means 'unknown' to PD clients)");
        }
        if (memberId == 0) {
            throw new IllegalArgumentException("member id must not be 0");
        }
    }

    static PdIdentity generate(Clock clock) {
        long seconds = Math.max(1, clock.millis() / 1000);
        long clusterId = (seconds << 32) + (RANDOM.nextInt() & 0xFFFF_FFFFL);
        long memberId;
        do {
            memberId = RANDOM.nextLong() & Long.MAX_VALUE;
        } while (memberId == 0);
        return new PdIdentity(clusterId, memberId);
    }
}
