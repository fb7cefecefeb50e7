package io.tidbbinlog.sim.reference;

import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.RowOp;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.model.TableRef;
import io.tidbbinlog.model.UniqueKey;
import io.tidbbinlog.schema.FieldType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a chunk of row changes in the journal: a dictionary of the table shapes the chunk uses, then
 * each change as table index, op and tagged model values. Self-contained per chunk, so replay reads one chunk at a
 * time.
 */
final class JournalCodec {
    private static final int VERSION = 1;
    private static final byte NULL = 0;
    private static final byte ABSENT = 1;
    private static final byte LONG = 2;
    private static final byte FLOAT = 3;
    private static final byte DOUBLE = 4;
    private static final byte DECIMAL = 5;
    private static final byte STRING = 6;
    private static final byte BYTES = 7;
    private static final byte TIME = 8;
    private static final byte DURATION = 9;

    private JournalCodec() {
    }

    /** Accumulates changes of one chunk; {@link #size()} tells the caller when to cut. */
    static final class ChunkWriter {
        private final ByteArrayOutputStream rowBytes = new ByteArrayOutputStream();
        private final DataOutputStream rows = new DataOutputStream(rowBytes);
        private final Map<TableMeta, Integer> tableIndex = new IdentityHashMap<>();
        private final List<TableMeta> tables = new ArrayList<>();
        private int count;

        void add(RowChange change) {
            try {
                Integer idx = tableIndex.get(change.table());
                if (idx == null) {
                    idx = tables.size();
                    tables.add(change.table());
                    tableIndex.put(change.table(), idx);
                }
                rows.writeInt(idx);
                rows.writeByte(change.op().ordinal());
                if (change.before() != null) {
                    writeImage(rows, change.before());
                }
                if (change.after() != null) {
                    writeImage(rows, change.after());
                }
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int count() {
            return count;
        }

        int size() {
            return rowBytes.size();
        }

        byte[] finish() {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream(rowBytes.size() + 256 * tables.size() + 16);
                DataOutputStream d = new DataOutputStream(out);
                d.writeInt(VERSION);
                d.writeInt(tables.size());
                for (TableMeta t : tables) {
                    writeTable(d, t);
                }
                d.writeInt(count);
                rows.flush();
                rowBytes.writeTo(d);
                d.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static List<RowChange> decode(byte[] chunk) {
        try {
            DataInputStream d = new DataInputStream(new ByteArrayInputStream(chunk));
            int version = d.readInt();
            if (version != VERSION) {
                throw new IllegalStateException("journal chunk has format version " + version + ", expected " + VERSION);
            }
            int tableCount = d.readInt();
            List<TableMeta> tables = new ArrayList<>(tableCount);
            for (int i = 0; i < tableCount; i++) {
                tables.add(readTable(d));
            }
            int count = d.readInt();
            List<RowChange> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                TableMeta t = tables.get(d.readInt());
                RowOp op = RowOp.values()[d.readByte()];
                int width = t.columns().size();
                Object[] before = op == RowOp.INSERT ? null : readImage(d, width);
                Object[] after = op == RowOp.DELETE ? null : readImage(d, width);
                out.add(new RowChange(t, op, before, after));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("corrupt journal chunk", e);
        }
    }

    private static void writeTable(DataOutputStream d, TableMeta t) throws IOException {
        writeString(d, t.ref().schema());
        writeString(d, t.ref().table());
        d.writeLong(t.ref().tableId());
        d.writeInt(t.columns().size());
        for (ColumnMeta c : t.columns()) {
            writeString(d, c.name());
            d.writeLong(c.columnId());
            d.writeBoolean(c.primaryKey());
            d.writeBoolean(c.generated());
            FieldType ft = c.type();
            d.writeInt(ft.tp());
            d.writeInt(ft.flag());
            d.writeInt(ft.flen());
            d.writeInt(ft.decimal());
            writeNullableString(d, ft.charset());
            writeNullableString(d, ft.collate());
            d.writeInt(ft.elems().size());
            for (String e : ft.elems()) {
                writeString(d, e);
            }
        }
        d.writeInt(t.uniqueKeys().size());
        for (UniqueKey uk : t.uniqueKeys()) {
            writeString(d, uk.name());
            d.writeInt(uk.columnNames().size());
            for (String n : uk.columnNames()) {
                writeString(d, n);
            }
        }
    }

    private static TableMeta readTable(DataInputStream d) throws IOException {
        TableRef ref = new TableRef(readString(d), readString(d), d.readLong());
        int n = d.readInt();
        List<ColumnMeta> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = readString(d);
            long id = d.readLong();
            boolean pk = d.readBoolean();
            boolean generated = d.readBoolean();
            int tp = d.readInt();
            int flag = d.readInt();
            int flen = d.readInt();
            int decimal = d.readInt();
            String charset = readNullableString(d);
            String collate = readNullableString(d);
            int ne = d.readInt();
            List<String> elems = new ArrayList<>(ne);
            for (int e = 0; e < ne; e++) {
                elems.add(readString(d));
            }
            columns.add(new ColumnMeta(name, id, FieldType.of(tp, flag, flen, decimal, charset, collate, elems), pk,
                    generated));
        }
        int nk = d.readInt();
        List<UniqueKey> keys = new ArrayList<>(nk);
        for (int i = 0; i < nk; i++) {
            String name = readString(d);
            int nc = d.readInt();
            List<String> cols = new ArrayList<>(nc);
            for (int c = 0; c < nc; c++) {
                cols.add(readString(d));
            }
            keys.add(new UniqueKey(name, cols));
        }
        return new TableMeta(ref, columns, keys);
    }

    private static void writeImage(DataOutputStream d, Object[] image) throws IOException {
        for (Object v : image) {
            writeValue(d, v);
        }
    }

    private static Object[] readImage(DataInputStream d, int width) throws IOException {
        Object[] image = new Object[width];
        for (int i = 0; i < width; i++) {
            image[i] = readValue(d);
        }
        return image;
    }

    private static void writeValue(DataOutputStream d, Object v) throws IOException {
        if (v == null) {
            d.writeByte(NULL);
        } else if (v == RowChange.ABSENT) {
            d.writeByte(ABSENT);
        } else if (v instanceof Long l) {
            d.writeByte(LONG);
            d.writeLong(l);
        } else if (v instanceof Float f) {
            d.writeByte(FLOAT);
            d.writeInt(Float.floatToRawIntBits(f));
        } else if (v instanceof Double x) {
            d.writeByte(DOUBLE);
            d.writeLong(Double.doubleToRawLongBits(x));
        } else if (v instanceof BigDecimal b) {
            d.writeByte(DECIMAL);
            writeString(d, b.toString());
        } else if (v instanceof String s) {
            d.writeByte(STRING);
            writeString(d, s);
        } else if (v instanceof byte[] b) {
            d.writeByte(BYTES);
            d.writeInt(b.length);
            d.write(b);
        } else if (v instanceof TidbTime t) {
            d.writeByte(TIME);
            d.writeLong(t.toPacked());
            d.writeInt(t.type());
            d.writeInt(t.fsp());
        } else if (v instanceof Duration x) {
            d.writeByte(DURATION);
            d.writeLong(x.getSeconds());
            d.writeInt(x.getNano());
        } else {
            throw new IllegalArgumentException("not a model value: " + v.getClass().getName() + " " + v);
        }
    }

    private static Object readValue(DataInputStream d) throws IOException {
        byte tag = d.readByte();
        return switch (tag) {
            case NULL -> null;
            case ABSENT -> RowChange.ABSENT;
            case LONG -> d.readLong();
            case FLOAT -> Float.intBitsToFloat(d.readInt());
            case DOUBLE -> Double.longBitsToDouble(d.readLong());
            case DECIMAL -> new BigDecimal(readString(d));
            case STRING -> readString(d);
            case BYTES -> {
                byte[] b = new byte[d.readInt()];
                d.readFully(b);
                yield b;
            }
            case TIME -> {
                long packed = d.readLong();
                int type = d.readInt();
                yield TidbTime.fromPacked(packed, type, d.readInt());
            }
            case DURATION -> {
                long seconds = d.readLong();
                yield Duration.ofSeconds(seconds, d.readInt());
            }
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    private static void writeString(DataOutputStream d, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.writeInt(b.length);
        d.write(b);
    }

    private static String readString(DataInputStream d) throws IOException {
        byte[] b = new byte[d.readInt()];
        d.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeNullableString(DataOutputStream d, String s) throws IOException {
        d.writeBoolean(s != null);
        if (s != null) {
            writeString(d, s);
        }
    }

    private static String readNullableString(DataInputStream d) throws IOException {
        return d.readBoolean() ? readString(d) : null;
    }
}
