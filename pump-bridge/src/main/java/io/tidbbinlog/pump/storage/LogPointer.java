package io.tidbbinlog.pump.storage;

/**
 * Where a record starts in the segmented log: the segment's id and the byte offset of the record's header. Ordered
 * as the log is written (segment first, then offset), which is also arrival order.
 */
record LogPointer(int segment, long offset) implements Comparable<LogPointer> {

    LogPointer {
        if (segment < 0 || offset < 0) {
            throw new IllegalArgumentException("bad log pointer " + segment + ":" + offset);
        }
    }

    @Override
    public int compareTo(LogPointer o) {
        int c = Integer.compare(segment, o.segment);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }

    @Override
    public String toString() {
        return String.format("%06d.vlog@%d", segment, offset);
    }
}
