package io.tidbbinlog.format;

import com.google.protobuf.ByteString;
import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.RowOp;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.model.TableRef;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.model.UniqueKey;
import io.tidbbinlog.proto.secondary.Binlog;
import io.tidbbinlog.proto.secondary.BinlogType;
import io.tidbbinlog.proto.secondary.Column;
import io.tidbbinlog.proto.secondary.ColumnInfo;
import io.tidbbinlog.proto.secondary.DDLData;
import io.tidbbinlog.proto.secondary.DMLData;
import io.tidbbinlog.proto.secondary.Key;
import io.tidbbinlog.proto.secondary.MutationType;
import io.tidbbinlog.proto.secondary.Row;
import io.tidbbinlog.proto.secondary.Table;
import io.tidbbinlog.proto.secondary.TableMutation;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Txn} to and from the secondary binlog ({@code slave.binlog.Binlog}), one message per transaction, as
 * drainer's Kafka sink writes it and Arbiter reads it.
 *
 * <p>Drainer's rules kept here: one {@code Table} per table the transaction touched, its mutations in the order
 * TiDB applied them; {@code row} is the NEW image of an update and {@code change_row} the OLD one; insert and
 * delete images fill columns they lack with the column's fill value, while an update image reports them as
 * NULL (drainer discards the default it looks up there), and reports generated columns as NULL too (drainer
 * decodes updates with the non-generated columns only). TIMESTAMP text is rendered in {@code timestampZone}
 * (drainer uses its host's local zone; the message's {@code time_zone} field stays unset, as drainer leaves it).
 */
public final class SecondaryBinlogConverter {
    private final DrainerValueText text;

    public SecondaryBinlogConverter(ZoneId timestampZone) {
        this.text = new DrainerValueText(timestampZone);
    }

    public Binlog toSecondary(Txn txn) {
        Binlog.Builder out = Binlog.newBuilder().setCommitTs(txn.commitTs());
        if (txn.isDdl()) {
            DdlChange ddl = txn.ddl();
            return out.setType(BinlogType.DDL)
                    .setDdlData(DDLData.newBuilder()
                            .setSchemaName(ddl.schema())
                            .setTableName(ddl.table())
                            .setDdlQuery(ByteString.copyFromUtf8(ddl.query())))
                    .build();
        }
        DMLData.Builder dml = DMLData.newBuilder();
        Table.Builder current = null;
        TableMeta currentMeta = null;
        for (RowChange change : txn.rows()) {
            if (currentMeta == null || !currentMeta.ref().equals(change.table().ref())) {
                if (current != null) {
                    dml.addTables(current);
                }
                currentMeta = change.table();
                current = tableHeader(currentMeta);
            }
            current.addMutations(mutation(change));
        }
        if (current != null) {
            dml.addTables(current);
        }
        return out.setType(BinlogType.DML).setDmlData(dml).build();
    }

    private static Table.Builder tableHeader(TableMeta meta) {
        Table.Builder table = Table.newBuilder()
                .setSchemaName(meta.ref().schema())
                .setTableName(meta.ref().table());
        for (ColumnMeta c : meta.columns()) {
            table.addColumnInfo(ColumnInfo.newBuilder()
                    .setName(c.name())
                    .setMysqlType(c.type().typeName())
                    .setIsPrimaryKey(c.type().primaryKey())
                    .setFlen(c.type().flen())
                    .setDecimal(c.type().decimal()));
        }
        for (UniqueKey key : meta.uniqueKeys()) {
            table.addUniqueKeys(Key.newBuilder().setName(key.name()).addAllColumnNames(key.columnNames()));
        }
        return table;
    }

    private TableMutation mutation(RowChange change) {
        TableMeta meta = change.table();
        return switch (change.op()) {
            case INSERT -> TableMutation.newBuilder().setType(MutationType.Insert)
                    .setRow(row(meta, change.after(), false)).build();
            case DELETE -> TableMutation.newBuilder().setType(MutationType.Delete)
                    .setRow(row(meta, change.before(), false)).build();
            case UPDATE -> TableMutation.newBuilder().setType(MutationType.Update)
                    .setRow(row(meta, change.after(), true))
                    .setChangeRow(row(meta, change.before(), true)).build();
        };
    }

    private Row row(TableMeta meta, Object[] image, boolean update) {
        Row.Builder row = Row.newBuilder();
        List<ColumnMeta> columns = meta.columns();
        for (int i = 0; i < columns.size(); i++) {
            ColumnMeta c = columns.get(i);
            Object v = image[i];
            if (update && c.generated()) {
                // Drainer decodes updates with the non-generated columns only and has no datum for this one.
                v = null;
            } else if (v == RowChange.ABSENT) {
                v = update ? null : c.fillValue();
            }
            row.addColumns(column(c.type(), v));
        }
        return row.build();
    }

    private Column column(FieldType ft, Object v) {
        Column.Builder col = Column.newBuilder();
        if (v == null) {
            return col.setIsNull(true).build();
        }
        switch (ft.typeName()) {
            case "date", "datetime", "time", "timestamp", "year", "decimal" -> col.setStringValue(text.render(v, ft));
            case "int", "bigint", "smallint", "tinyint", "mediumint" -> {
                long l = (Long) v;
                if (ft.unsigned()) {
                    col.setUint64Value(l);
                } else {
                    col.setInt64Value(l);
                }
            }
            case "float", "double" -> col.setDoubleValue(((Number) v).doubleValue());
            case "bit" -> col.setBytesValue(ByteString.copyFrom(BitBytes.toBytes((Long) v, ft.flen())));
            case "text", "longtext", "mediumtext", "char", "tinytext", "varchar", "var_string" ->
                    col.setStringValue(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : (String) v);
            case "blob", "longblob", "mediumblob", "binary", "tinyblob", "varbinary" ->
                    col.setBytesValue(ByteString.copyFrom(v instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                            : (byte[]) v));
            case "enum", "set" -> col.setUint64Value((Long) v);
            case "json" -> col.setBytesValue(ByteString.copyFromUtf8((String) v));
            default -> col.setStringValue(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                    : String.valueOf(v));
        }
        return col.build();
    }

    /**
     * A secondary binlog back to a {@link Txn} (what Arbiter applies). The format carries no start_ts, schema
     * version or table id: those are 0. Signedness of integer columns is taken from the values
     * ({@code uint64_value} means unsigned).
     */
    public Txn fromSecondary(Binlog binlog) {
        long commitTs = binlog.getCommitTs();
        if (binlog.getType() == BinlogType.DDL) {
            DDLData d = binlog.getDdlData();
            return Txn.ddl(0, commitTs, new DdlChange(d.getSchemaName(), d.getTableName(),
                    d.getDdlQuery().toStringUtf8(), 0, 0, 0));
        }
        List<RowChange> rows = new ArrayList<>();
        for (Table table : binlog.getDmlData().getTablesList()) {
            TableMeta meta = tableMeta(table);
            for (TableMutation m : table.getMutationsList()) {
                Object[] row = values(meta, m.getRow(), table);
                switch (m.getType()) {
                    case Insert -> rows.add(RowChange.insert(meta, row));
                    case Delete -> rows.add(RowChange.delete(meta, row));
                    case Update -> {
                        if (!m.hasChangeRow()) {
                            throw new IllegalArgumentException("update of " + meta.ref() + " at commit_ts "
                                    + commitTs + " has no change_row (old image)");
                        }
                        rows.add(RowChange.update(meta, values(meta, m.getChangeRow(), table), row));
                    }
                }
            }
        }
        return Txn.dml(0, commitTs, 0, rows);
    }

    private static TableMeta tableMeta(Table table) {
        List<ColumnMeta> columns = new ArrayList<>(table.getColumnInfoCount());
        for (int i = 0; i < table.getColumnInfoCount(); i++) {
            ColumnInfo ci = table.getColumnInfo(i);
            boolean unsigned = false;
            for (TableMutation m : table.getMutationsList()) {
                if (m.getRow().getColumnsCount() > i && m.getRow().getColumns(i).hasUint64Value()) {
                    unsigned = true;
                    break;
                }
            }
            boolean integer = switch (ci.getMysqlType()) {
                case "int", "bigint", "smallint", "tinyint", "mediumint" -> true;
                default -> false;
            };
            FieldType ft = TypeNames.fromName(ci.getMysqlType(), integer && unsigned, ci.getFlen(), ci.getDecimal());
            if (ci.getIsPrimaryKey()) {
                ft = new FieldType(ft.tp(), ft.flag() | io.tidbbinlog.schema.ColumnFlag.PRI_KEY, ft.flen(),
                        ft.decimal(), ft.charset(), ft.collate(), ft.elems());
            }
            columns.add(new ColumnMeta(ci.getName(), i + 1L, ft, ci.getIsPrimaryKey(), false));
        }
        List<UniqueKey> keys = new ArrayList<>();
        for (Key k : table.getUniqueKeysList()) {
            keys.add(new UniqueKey(k.getName(), k.getColumnNamesList()));
        }
        return new TableMeta(new TableRef(table.getSchemaName(), table.getTableName(), 0), columns, keys);
    }

    private Object[] values(TableMeta meta, Row row, Table table) {
        List<ColumnMeta> columns = meta.columns();
        if (row.getColumnsCount() != columns.size()) {
            throw new IllegalArgumentException("row of " + table.getSchemaName() + "." + table.getTableName()
                    + " has " + row.getColumnsCount() + " columns, column_info names " + columns.size());
        }
        Object[] out = new Object[columns.size()];
        for (int i = 0; i < out.length; i++) {
            ColumnMeta c = columns.get(i);
            try {
                out[i] = value(c, row.getColumns(i));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("column " + c.name() + " (" + c.type().typeName() + ") of "
                        + table.getSchemaName() + "." + table.getTableName() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private Object value(ColumnMeta c, Column col) {
        if (col.getIsNull()) {
            return null;
        }
        FieldType ft = c.type();
        if (col.hasInt64Value()) {
            return col.getInt64Value();
        }
        if (col.hasUint64Value()) {
            return col.getUint64Value();
        }
        if (col.hasDoubleValue()) {
            return ft.tp() == MysqlType.FLOAT ? (Object) (float) col.getDoubleValue() : (Object) col.getDoubleValue();
        }
        if (col.hasBytesValue()) {
            byte[] b = col.getBytesValue().toByteArray();
            return switch (ft.tp()) {
                case MysqlType.BIT -> BitBytes.toLong(b);
                case MysqlType.JSON -> new String(b, StandardCharsets.UTF_8);
                default -> ft.binary() ? b : new String(b, StandardCharsets.UTF_8);
            };
        }
        if (col.hasStringValue()) {
            String s = col.getStringValue();
            if (MysqlType.isString(ft.tp())) {
                return ft.binary() ? s.getBytes(StandardCharsets.UTF_8) : s;
            }
            return text.parse(s, ft);
        }
        if (MysqlType.isString(ft.tp())) {
            // Drainer leaves bytes_value unset for a string whose bytes are nil (TiDB's zero value for a NOT NULL
            // binary string); Arbiter reads such a column as the empty string.
            return ft.binary() ? new byte[0] : "";
        }
        throw new IllegalArgumentException("column " + c.name() + " carries no value and is not null");
    }
}
