package io.tidbbinlog.sim.pumpclient;

/**
 * The registry has no pump key at all, so TiDB with binlog enabled refuses to start (TiDB's
 * {@code NewPumpsClient}: "no pump found in pd"). A registry with only paused or offline pumps is not this
 * case: the client starts and every prewrite fails.
 */
public final class NoPumpFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoPumpFoundException(String where) {
        super("no pump found in pd (no key under " + where + ")");
    }
}
