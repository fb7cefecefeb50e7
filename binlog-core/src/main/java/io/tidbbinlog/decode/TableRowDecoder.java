package io.tidbbinlog.decode;

import io.tidbbinlog.codec.CodecException;
import io.tidbbinlog.codec.ColumnValueCodec;
import io.tidbbinlog.codec.Datum;
import io.tidbbinlog.codec.DecodedRow;
import io.tidbbinlog.codec.InsertRow;
import io.tidbbinlog.codec.MutationRowCodec;
import io.tidbbinlog.codec.UpdateRow;
import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.HandleKind;
import io.tidbbinlog.schema.IndexColumn;
import io.tidbbinlog.schema.TableInfo;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the rows of one table at one schema version. Built once per table version and reused for every row,
 * so the per-row work is a column-id lookup in an array and one value conversion per column.
 */
final class TableRowDecoder {
    private static final int DIRECT_LOOKUP_LIMIT = 1 << 16;

    private final TableMeta meta;
    /** How errors name the table: {@code db.table (#id)}. */
    private final String label;
    private final FieldType[] types;
    private final boolean[] writable;
    private final Object[] fill;
    private final int[] directIndex;
    private final Map<Long, Integer> sparseIndex;
    private final HandleKind handleKind;
    private final int handleDatums;
    private final int pkHandleIndex;
    /** For a clustered key: the row-image index of each handle datum's column, or -1 for a prefix column. */
    private final int[] commonHandleIndex;

    TableRowDecoder(TableMeta meta, TableInfo table) {
        this.meta = meta;
        this.label = meta.ref().schema() + "." + meta.ref().table() + " (#" + meta.ref().tableId() + ")";
        List<ColumnMeta> columns = meta.columns();
        int n = columns.size();
        types = new FieldType[n];
        writable = new boolean[n];
        fill = new Object[n];
        long maxId = 0;
        for (int i = 0; i < n; i++) {
            ColumnMeta c = columns.get(i);
            types[i] = c.type();
            fill[i] = c.fillValue();
            maxId = Math.max(maxId, c.columnId());
        }
        for (ColumnInfo c : table.writableColumns()) {
            int i = meta.indexOf(c.name().o());
            if (i >= 0) {
                writable[i] = true;
            }
        }
        if (maxId < DIRECT_LOOKUP_LIMIT) {
            directIndex = new int[(int) maxId + 1];
            Arrays.fill(directIndex, -1);
            for (int i = 0; i < n; i++) {
                if (columns.get(i).columnId() >= 0) {
                    directIndex[(int) columns.get(i).columnId()] = i;
                }
            }
            sparseIndex = null;
        } else {
            directIndex = null;
            sparseIndex = new HashMap<>();
            for (int i = 0; i < n; i++) {
                sparseIndex.put(columns.get(i).columnId(), i);
            }
        }
        handleKind = table.handleKind();
        handleDatums = table.handleDatumCount();
        pkHandleIndex = handleKind == HandleKind.INT_PRIMARY_KEY
                ? table.pkHandleColumn().map(c -> meta.indexOf(c.name().o())).orElse(-1) : -1;
        if (handleKind == HandleKind.COMMON) {
            List<IndexColumn> pk = table.commonHandleColumns();
            commonHandleIndex = new int[pk.size()];
            for (int k = 0; k < pk.size(); k++) {
                IndexColumn ic = pk.get(k);
                commonHandleIndex[k] = ic.isPrefix() ? -1 : meta.indexOf(ic.name().o());
            }
        } else {
            commonHandleIndex = new int[0];
        }
    }

    TableMeta meta() {
        return meta;
    }

    /** How errors name the table: {@code db.table (#id)}. */
    String label() {
        return label;
    }

    private int indexOf(long columnId) {
        if (directIndex != null) {
            return columnId >= 0 && columnId < directIndex.length ? directIndex[(int) columnId] : -1;
        }
        Integer i = sparseIndex.get(columnId);
        return i == null ? -1 : i;
    }

    private Object convert(Datum d, int i) {
        try {
            return ColumnValueCodec.toModelValue(d, types[i]);
        } catch (CodecException e) {
            throw e.withColumn(meta.columns().get(i).name());
        } catch (RuntimeException e) {
            throw new BinlogDecodeException("column " + meta.columns().get(i).name() + ": " + e.getMessage(), e);
        }
    }

    /** Puts the table's and the column's names on a codec error, which knows them only by id. */
    private CodecException named(CodecException e) {
        return e.withTable(label).namingColumn(id -> {
            int i = indexOf(id);
            return i < 0 ? null : meta.columns().get(i).name();
        });
    }

    RowChange insert(byte[] raw) {
        try {
            return insertImage(raw);
        } catch (CodecException e) {
            throw named(e);
        }
    }

    RowChange update(byte[] raw, boolean mayLackColumns) {
        try {
            return updateImages(raw, mayLackColumns);
        } catch (CodecException e) {
            throw named(e);
        }
    }

    RowChange delete(byte[] raw) {
        try {
            return RowChange.delete(meta, image(MutationRowCodec.decodeDelete(raw)));
        } catch (CodecException e) {
            throw named(e);
        }
    }

    private RowChange insertImage(byte[] raw) {
        InsertRow row = MutationRowCodec.decodeInsert(raw, handleDatums);
        Object[] image = absentImage();
        copyInto(row.columns(), image, false);
        switch (handleKind) {
            case INT_PRIMARY_KEY -> {
                if (pkHandleIndex >= 0) {
                    // TiDB writes the int handle as a signed datum; an unsigned column keeps its raw 64 bits,
                    // which is what the integer conversion gives either way.
                    image[pkHandleIndex] = convert(row.handle(0), pkHandleIndex);
                }
            }
            case COMMON -> {
                for (int k = 0; k < commonHandleIndex.length; k++) {
                    int i = commonHandleIndex[k];
                    if (i >= 0 && image[i] == RowChange.ABSENT) {
                        image[i] = convert(row.handle(k), i);
                    }
                }
            }
            case ROW_ID -> {
                // _tidb_rowid is not a column of the table: nothing to fill.
            }
        }
        for (int i = 0; i < image.length; i++) {
            if (image[i] == RowChange.ABSENT) {
                image[i] = fill[i];
            }
        }
        return RowChange.insert(meta, image);
    }

    private RowChange updateImages(byte[] raw, boolean mayLackColumns) {
        UpdateRow row = MutationRowCodec.decodeUpdate(raw);
        Object[] before = absentImage();
        Object[] after = absentImage();
        copyInto(row.oldRow(), before, true);
        copyInto(row.newRow(), after, true);
        for (int i = 0; i < before.length; i++) {
            if (!writable[i]) {
                continue;
            }
            boolean inOld = before[i] != RowChange.ABSENT;
            boolean inNew = after[i] != RowChange.ABSENT;
            if (inOld != inNew) {
                throw new BinlogDecodeException("row data is corrupted: column " + meta.columns().get(i).name()
                        + " is in the " + (inOld ? "old" : "new") + " image of an update only");
            }
            if (!inOld) {
                if (!mayLackColumns) {
                    throw new BinlogDecodeException("row data is corrupted: update lacks column "
                            + meta.columns().get(i).name() + " and the table has not changed since");
                }
                before[i] = fill[i];
                after[i] = fill[i];
            }
        }
        return RowChange.update(meta, before, after);
    }

    private Object[] image(DecodedRow row) {
        Object[] image = absentImage();
        copyInto(row, image, false);
        return image;
    }

    private Object[] absentImage() {
        Object[] image = new Object[types.length];
        Arrays.fill(image, RowChange.ABSENT);
        return image;
    }

    private void copyInto(DecodedRow row, Object[] image, boolean writableOnly) {
        for (int k = 0, n = row.size(); k < n; k++) {
            int i = indexOf(row.columnId(k));
            if (i >= 0 && (!writableOnly || writable[i])) {
                image[i] = convert(row.value(k), i);
            }
        }
    }
}
