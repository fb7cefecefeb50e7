package io.tidbbinlog.pump.storage;

/**
 * The disk is at or below {@code stop-write-at-available-space}. The message keeps Pump's text (spec §1.5), which
 * operators grep for: {@code no available space, available: N, StopWriteAtAvailableSpace: M}.
 */
public final class NoSpaceException extends StorageException {

    private final long available;
    private final long threshold;

    public NoSpaceException(long available, long threshold) {
        super("no available space, available: " + available + ", StopWriteAtAvailableSpace: " + threshold);
        this.available = available;
        this.threshold = threshold;
    }

    public long available() {
        return available;
    }

    public long threshold() {
        return threshold;
    }
}
