package io.tidbbinlog.codec;

import io.tidbbinlog.proto.binlog.MutationType;
import io.tidbbinlog.proto.binlog.TableMutation;

/**
 * Walks a {@code TableMutation}'s {@code sequence} with three independent cursors, as drainer's sequence iterator
 * does: the k-th Insert is {@code inserted_rows[k]}, the k-th Update {@code updated_rows[k]}, the k-th DeleteRow
 * {@code deleted_rows[k]}. Any other mutation type, or a cursor running past its list, is an error naming the
 * table id and the sequence index.
 */
public final class MutationSequence {
    private static final int SEQUENCE_FIELD = TableMutation.SEQUENCE_FIELD_NUMBER;

    private MutationSequence() {
    }

    public static void walk(TableMutation m, SequenceVisitor v) {
        walk(m, "#" + m.getTableId(), v);
    }

    /** As {@link #walk(TableMutation, SequenceVisitor)}, naming the table in errors as {@code table}. */
    public static void walk(TableMutation m, String table, SequenceVisitor v) {
        if (m.getUnknownFields().hasField(SEQUENCE_FIELD)) {
            // proto2 parks enum numbers it does not know as unknown fields, which would silently reorder the walk.
            throw new CodecException("sequence holds a mutation type this decoder does not know").withTable(table);
        }
        int ins = 0;
        int upd = 0;
        int del = 0;
        int n = m.getSequenceCount();
        for (int i = 0; i < n; i++) {
            MutationType t = m.getSequence(i);
            try {
                switch (t) {
                    case Insert:
                        if (ins >= m.getInsertedRowsCount()) {
                            throw overrun(table, i, t, "inserted_rows", m.getInsertedRowsCount());
                        }
                        v.insert(ins, m.getInsertedRows(ins).toByteArray());
                        ins++;
                        break;
                    case Update:
                        if (upd >= m.getUpdatedRowsCount()) {
                            throw overrun(table, i, t, "updated_rows", m.getUpdatedRowsCount());
                        }
                        v.update(upd, m.getUpdatedRows(upd).toByteArray());
                        upd++;
                        break;
                    case DeleteRow:
                        if (del >= m.getDeletedRowsCount()) {
                            throw overrun(table, i, t, "deleted_rows", m.getDeletedRowsCount());
                        }
                        v.delete(del, m.getDeletedRows(del).toByteArray());
                        del++;
                        break;
                    default:
                        throw new CodecException("unsupported mutation type " + t).withTable(table)
                                .withRow("sequence[" + i + "]");
                }
            } catch (CodecException e) {
                throw e.withTable(table).withRow(rowName(t, i, ins, upd, del));
            }
        }
    }

    private static String rowName(MutationType t, int i, int ins, int upd, int del) {
        switch (t) {
            case Insert:
                return "inserted_rows[" + ins + "] (sequence[" + i + "])";
            case Update:
                return "updated_rows[" + upd + "] (sequence[" + i + "])";
            case DeleteRow:
                return "deleted_rows[" + del + "] (sequence[" + i + "])";
            default:
                return "sequence[" + i + "]";
        }
    }

    private static CodecException overrun(String table, int i, MutationType t, String list, int size) {
        return new CodecException(t + " but " + list + " has only " + size + " entries").withTable(table)
                .withRow("sequence[" + i + "]");
    }
}
