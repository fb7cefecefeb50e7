package io.tidbbinlog.codec.bench;

import io.tidbbinlog.codec.ColumnValueCodec;
import io.tidbbinlog.codec.DecodedRow;
import io.tidbbinlog.codec.InsertRow;
import io.tidbbinlog.codec.MutationRowCodec;
import io.tidbbinlog.codec.MutationSequence;
import io.tidbbinlog.codec.SequenceVisitor;
import io.tidbbinlog.codec.UpdateRow;
import io.tidbbinlog.format.SecondaryBinlogConverter;
import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.model.TableRef;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.model.UniqueKey;
import io.tidbbinlog.proto.binlog.TableMutation;
import io.tidbbinlog.proto.secondary.Binlog;
import io.tidbbinlog.proto.secondary.Column;
import io.tidbbinlog.proto.secondary.Row;
import io.tidbbinlog.proto.secondary.Table;
import io.tidbbinlog.schema.FieldType;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A like-for-like reference for the decode benchmark: the same rows as a protobuf with typed columns (one
 * secondary binlog), parsed and every value read. Parsing a TableMutation only slices each row's bytes out;
 * this is what protobuf costs when it also has to produce ten typed values per row.
 */
final class TypedReference {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static long sink;

    private TypedReference() {
    }

    static byte[] secondaryBinlogOf(TableMutation m) {
        FieldType[] types = DecodeBenchmark.types();
        List<ColumnMeta> columns = new ArrayList<>();
        for (int id = 1; id < types.length; id++) {
            columns.add(new ColumnMeta("c" + id, id, types[id], id == 1, false));
        }
        TableMeta meta = new TableMeta(new TableRef("bench", "t", 45), columns,
                List.of(new UniqueKey(UniqueKey.PRIMARY, List.of("c1"))));
        List<RowChange> rows = new ArrayList<>();
        MutationSequence.walk(m, new SequenceVisitor() {
            @Override
            public void insert(int index, byte[] row) {
                InsertRow r = MutationRowCodec.decodeInsert(row, 1);
                Object[] image = new Object[types.length - 1];
                image[0] = ColumnValueCodec.toModelValue(r.handle(0), types[1]);
                fill(r.columns(), image);
                rows.add(RowChange.insert(meta, image));
            }

            @Override
            public void update(int index, byte[] row) {
                UpdateRow u = MutationRowCodec.decodeUpdate(row);
                Object[] before = new Object[types.length - 1];
                Object[] after = new Object[types.length - 1];
                fill(u.oldRow(), before);
                fill(u.newRow(), after);
                rows.add(RowChange.update(meta, before, after));
            }

            @Override
            public void delete(int index, byte[] row) {
                Object[] before = new Object[types.length - 1];
                fill(MutationRowCodec.decodeDelete(row), before);
                rows.add(RowChange.delete(meta, before));
            }

            private void fill(DecodedRow row, Object[] image) {
                for (int i = 0; i < row.size(); i++) {
                    int id = (int) row.columnId(i);
                    image[id - 1] = ColumnValueCodec.toModelValue(row.value(i), types[id]);
                }
            }
        });
        return new SecondaryBinlogConverter(ZoneOffset.UTC).toSecondary(Txn.dml(1, 2, 3, rows)).toByteArray();
    }

    /** Rows per second of this thread's CPU time, parsing the typed message and reading every value. */
    static double rate(byte[] wire, int rowsPerIteration, long roundNanos) throws IOException {
        long rows = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long end = System.nanoTime() + roundNanos;
        do {
            Binlog b = Binlog.parseFrom(wire);
            for (Table t : b.getDmlData().getTablesList()) {
                for (io.tidbbinlog.proto.secondary.TableMutation m : t.getMutationsList()) {
                    read(m.getRow());
                    if (m.hasChangeRow()) {
                        read(m.getChangeRow());
                    }
                }
            }
            rows += rowsPerIteration;
        } while (System.nanoTime() < end);
        return rows * 1e9 / (THREADS.getCurrentThreadCpuTime() - cpuStart);
    }

    private static void read(Row row) {
        for (Column c : row.getColumnsList()) {
            if (c.getIsNull()) {
                sink++;
            } else if (c.hasInt64Value()) {
                sink += c.getInt64Value();
            } else if (c.hasUint64Value()) {
                sink += c.getUint64Value();
            } else if (c.hasDoubleValue()) {
                sink += (long) c.getDoubleValue();
            } else if (c.hasStringValue()) {
                sink += c.getStringValue().length();
            } else if (c.hasBytesValue()) {
                sink += c.getBytesValue().size();
            }
        }
    }
}
