package io.tidbbinlog.format;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.tidbbinlog.codec.Datum;
import io.tidbbinlog.codec.DatumCodec;
import io.tidbbinlog.codec.DatumReader;
import io.tidbbinlog.codec.DatumWriter;
import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.model.TableRef;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.pbbinlog.Binlog;
import io.tidbbinlog.proto.pbbinlog.BinlogType;
import io.tidbbinlog.proto.pbbinlog.DMLData;
import io.tidbbinlog.proto.pbbinlog.Event;
import io.tidbbinlog.proto.pbbinlog.EventType;
import io.tidbbinlog.proto.pbbinlog.column;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Txn} to and from {@code pb_binlog.Binlog}, the record of drainer's file sink that Reparo replays.
 *
 * <p>Drainer's rules kept here: an insert carries every column (a column the image lacks gets its fill value);
 * an update carries the non-generated columns present in the new image, each with its old {@code value} and new
 * {@code changed_value}; a delete carries the columns it has. Each value is one TiDB {@code EncodeValue} datum of
 * drainer's formatted value: temporal, decimal, JSON and TIME values as text, ENUM/SET/BIT as unsigned
 * integers, integers signed or unsigned by the column, floats as floats, strings and bytes as bytes.
 * TIMESTAMP text is in {@code timestampZone} (drainer: its host's local zone).
 */
public final class PbBinlogConverter {
    private final DrainerValueText text;

    public PbBinlogConverter(ZoneId timestampZone) {
        this.text = new DrainerValueText(timestampZone);
    }

    public Binlog toPb(Txn txn) {
        Binlog.Builder out = Binlog.newBuilder().setCommitTs(txn.commitTs());
        if (txn.isDdl()) {
            return out.setTp(BinlogType.DDL)
                    .setDdlQuery(ByteString.copyFromUtf8(DdlQueryText.withUse(txn.ddl().schema(), txn.ddl().query())))
                    .build();
        }
        DMLData.Builder dml = DMLData.newBuilder();
        for (RowChange change : txn.rows()) {
            dml.addEvents(event(change));
        }
        return out.setTp(BinlogType.DML).setDmlData(dml).build();
    }

    private Event event(RowChange change) {
        TableMeta meta = change.table();
        Event.Builder event = Event.newBuilder()
                .setSchemaName(meta.ref().schema())
                .setTableName(meta.ref().table());
        List<ColumnMeta> columns = meta.columns();
        switch (change.op()) {
            case INSERT -> {
                event.setTp(EventType.Insert);
                for (int i = 0; i < columns.size(); i++) {
                    Object v = change.after()[i];
                    event.addRow(columnBytes(columns.get(i), v == RowChange.ABSENT ? columns.get(i).fillValue() : v,
                            null, false));
                }
            }
            case UPDATE -> {
                event.setTp(EventType.Update);
                for (int i = 0; i < columns.size(); i++) {
                    Object newValue = change.after()[i];
                    if (newValue == RowChange.ABSENT || columns.get(i).generated()) {
                        continue;
                    }
                    Object oldValue = change.before()[i];
                    event.addRow(columnBytes(columns.get(i), oldValue == RowChange.ABSENT ? null : oldValue,
                            newValue, true));
                }
            }
            case DELETE -> {
                event.setTp(EventType.Delete);
                for (int i = 0; i < columns.size(); i++) {
                    Object v = change.before()[i];
                    if (v != RowChange.ABSENT) {
                        event.addRow(columnBytes(columns.get(i), v, null, false));
                    }
                }
            }
        }
        return event.build();
    }

    private ByteString columnBytes(ColumnMeta c, Object value, Object changed, boolean update) {
        column.Builder col = column.newBuilder()
                .setName(c.name())
                .setTp(ByteString.copyFrom(new byte[] {(byte) c.type().tp()}))
                .setMysqlType(c.type().typeName())
                .setValue(encode(value, c.type()));
        if (update) {
            col.setChangedValue(encode(changed, c.type()));
        }
        return col.build().toByteString();
    }

    private ByteString encode(Object v, FieldType ft) {
        DatumWriter w = new DatumWriter();
        DatumCodec.encodeValue(w, formatted(v, ft));
        return ByteString.copyFrom(w.toByteArray());
    }

    /** Drainer's {@code formatData}: the datum it encodes for a column value. */
    private Datum formatted(Object v, FieldType ft) {
        if (v == null) {
            return Datum.ofNull();
        }
        switch (ft.tp()) {
            case MysqlType.DATE, MysqlType.NEWDATE, MysqlType.DATETIME, MysqlType.TIMESTAMP, MysqlType.NEWDECIMAL,
                    MysqlType.DECIMAL, MysqlType.DURATION:
                return Datum.ofBytes(text.render(v, ft).getBytes(StandardCharsets.UTF_8));
            case MysqlType.JSON:
                return Datum.ofBytes(((String) v).getBytes(StandardCharsets.UTF_8));
            case MysqlType.ENUM, MysqlType.SET, MysqlType.BIT:
                return Datum.ofUint((Long) v);
            case MysqlType.YEAR:
                // TiDB keeps YEAR as a signed integer datum whatever its flags say.
                return Datum.ofInt((Long) v);
            case MysqlType.FLOAT, MysqlType.DOUBLE:
                return Datum.ofFloat(((Number) v).doubleValue());
            default:
                break;
        }
        if (v instanceof Long l) {
            return ft.unsigned() ? Datum.ofUint(l) : Datum.ofInt(l);
        }
        if (v instanceof String s) {
            return Datum.ofBytes(s.getBytes(StandardCharsets.UTF_8));
        }
        if (v instanceof byte[] b) {
            return Datum.ofBytes(b);
        }
        if (v instanceof BigDecimal d) {
            return Datum.ofBytes(d.toPlainString().getBytes(StandardCharsets.UTF_8));
        }
        throw new IllegalArgumentException("no pb_binlog encoding for a " + v.getClass().getSimpleName()
                + " in a " + ft.typeName() + " column");
    }

    /**
     * A pb_binlog record back to a {@link Txn} (what Reparo applies). The format carries no start_ts, schema
     * version, table id or keys; each event's {@link TableMeta} holds the columns that event carries.
     */
    public Txn fromPb(Binlog binlog) {
        long commitTs = binlog.getCommitTs();
        if (binlog.getTp() == BinlogType.DDL) {
            DdlQueryText.Parsed ddl = DdlQueryText.parse(binlog.getDdlQuery().toStringUtf8());
            return Txn.ddl(0, commitTs, new DdlChange(ddl.schema(), ddl.table(), ddl.query(), 0, 0, 0));
        }
        List<RowChange> rows = new ArrayList<>(binlog.getDmlData().getEventsCount());
        for (Event e : binlog.getDmlData().getEventsList()) {
            rows.add(rowChange(e, commitTs));
        }
        return Txn.dml(0, commitTs, 0, rows);
    }

    private RowChange rowChange(Event e, long commitTs) {
        int n = e.getRowCount();
        List<ColumnMeta> columns = new ArrayList<>(n);
        Datum[] values = new Datum[n];
        Datum[] changed = new Datum[n];
        for (int i = 0; i < n; i++) {
            column col;
            try {
                col = column.parseFrom(e.getRow(i));
            } catch (InvalidProtocolBufferException ex) {
                throw new IllegalArgumentException("event on " + e.getSchemaName() + "." + e.getTableName()
                        + " at commit_ts " + commitTs + ": column " + i + " is not a pb_binlog column", ex);
            }
            if (col.getTp().size() != 1) {
                throw new IllegalArgumentException("column " + col.getName() + " of " + e.getSchemaName() + "."
                        + e.getTableName() + " has a type code of " + col.getTp().size() + " bytes");
            }
            values[i] = decode(col.getValue(), col.getName());
            changed[i] = e.getTp() == EventType.Update ? decode(col.getChangedValue(), col.getName()) : null;
            boolean unsigned = values[i].kind() == Datum.Kind.UINT64
                    || (changed[i] != null && changed[i].kind() == Datum.Kind.UINT64);
            int tp = col.getTp().byteAt(0) & 0xff;
            FieldType ft = TypeNames.fromCodeAndName(tp, col.getMysqlType(),
                    unsigned && MysqlType.isInteger(tp) && tp != MysqlType.YEAR);
            columns.add(new ColumnMeta(col.getName(), i + 1L, ft, false, false));
        }
        TableMeta meta = new TableMeta(new TableRef(e.getSchemaName(), e.getTableName(), 0), columns, List.of());
        Object[] image = new Object[n];
        for (int i = 0; i < n; i++) {
            image[i] = columnValue(values[i], columns.get(i), e);
        }
        return switch (e.getTp()) {
            case Insert -> RowChange.insert(meta, image);
            case Delete -> RowChange.delete(meta, image);
            case Update -> {
                Object[] after = new Object[n];
                for (int i = 0; i < n; i++) {
                    after[i] = columnValue(changed[i], columns.get(i), e);
                }
                yield RowChange.update(meta, image, after);
            }
        };
    }

    private static Datum decode(ByteString bytes, String columnName) {
        if (bytes.isEmpty()) {
            return Datum.ofNull();
        }
        byte[] b = bytes.toByteArray();
        DatumReader in = new DatumReader(b);
        Datum d = DatumCodec.decode(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("column " + columnName + ": " + (b.length - in.position())
                    + " bytes left after its value");
        }
        return d;
    }

    private Object columnValue(Datum d, ColumnMeta c, Event e) {
        try {
            return modelValue(d, c.type());
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("column " + c.name() + " (" + c.type().typeName() + ") of "
                    + e.getSchemaName() + "." + e.getTableName() + ": " + ex.getMessage(), ex);
        }
    }

    private Object modelValue(Datum d, FieldType ft) {
        switch (d.kind()) {
            case NULL:
                return null;
            case INT64:
            case UINT64:
                return d.asLong();
            case FLOAT64:
                return ft.tp() == MysqlType.FLOAT ? (Object) (float) d.asDouble() : (Object) d.asDouble();
            case BYTES: {
                byte[] b = d.asBytes();
                if (MysqlType.isString(ft.tp())) {
                    return ft.binary() ? b : new String(b, StandardCharsets.UTF_8);
                }
                String s = new String(b, StandardCharsets.UTF_8);
                return ft.tp() == MysqlType.JSON ? s : text.parse(s, ft);
            }
            default:
                throw new IllegalArgumentException("pb_binlog value of kind " + d.kind() + " in a "
                        + ft.typeName() + " column");
        }
    }
}
