package io.tidbbinlog.codec;

import java.util.Arrays;

/**
 * The columns of one row image: parallel column ids and datums in stored order, with lookup by column id
 * (a linear scan for narrow rows, an open-addressing index once a row grows wide), so decoding does not build maps.
 */
public final class DecodedRow {
    private static final int LINEAR_LIMIT = 16;

    private long[] ids;
    private Datum[] values;
    private int size;
    /** Slots hold index+1 (0 = empty); null while the row is narrow. */
    private int[] index;

    public DecodedRow() {
        this(8);
    }

    public DecodedRow(int capacity) {
        ids = new long[Math.max(4, capacity)];
        values = new Datum[ids.length];
    }

    public int size() {
        return size;
    }

    public long columnId(int i) {
        checkIndex(i);
        return ids[i];
    }

    public Datum value(int i) {
        checkIndex(i);
        return values[i];
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("column " + i + " of " + size);
        }
    }

    /** Position of the column in this row, or -1. */
    public int indexOf(long columnId) {
        if (index == null) {
            long[] a = ids;
            for (int i = 0, n = size; i < n; i++) {
                if (a[i] == columnId) {
                    return i;
                }
            }
            return -1;
        }
        int mask = index.length - 1;
        for (int slot = hash(columnId) & mask; ; slot = (slot + 1) & mask) {
            int e = index[slot];
            if (e == 0) {
                return -1;
            }
            if (ids[e - 1] == columnId) {
                return e - 1;
            }
        }
    }

    public boolean contains(long columnId) {
        return indexOf(columnId) >= 0;
    }

    /** The datum of a column, or {@code null} if the row does not carry it (a SQL NULL is {@link Datum#ofNull()}). */
    public Datum get(long columnId) {
        int i = indexOf(columnId);
        return i < 0 ? null : values[i];
    }

    /** Adds a column, or replaces the value of a column already present (later wins, as in drainer's map). */
    void put(long columnId, Datum value) {
        int i = indexOf(columnId);
        if (i >= 0) {
            values[i] = value;
        } else {
            add(columnId, value);
        }
    }

    /** Appends a column; the caller guarantees the id is not present yet. */
    void add(long columnId, Datum value) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        ids[size] = columnId;
        values[size] = value;
        size++;
        if (index != null) {
            if (size * 2 > index.length) {
                rebuildIndex();
            } else {
                insert(size - 1);
            }
        } else if (size > LINEAR_LIMIT) {
            rebuildIndex();
        }
    }

    private void rebuildIndex() {
        int cap = Integer.highestOneBit(size * 4);
        index = new int[cap];
        for (int i = 0; i < size; i++) {
            insert(i);
        }
    }

    private void insert(int i) {
        int mask = index.length - 1;
        int slot = hash(ids[i]) & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = i + 1;
    }

    private static int hash(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(ids[i]).append('=').append(values[i]);
        }
        return sb.append('}').toString();
    }
}
