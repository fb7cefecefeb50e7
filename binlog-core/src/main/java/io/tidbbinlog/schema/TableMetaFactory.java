package io.tidbbinlog.schema;

import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.model.TableRef;
import io.tidbbinlog.model.UniqueKey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the writer-facing {@link TableMeta} from TiDB's {@link TableInfo}: public, non-hidden columns in TiDB's
 * column order, and the unique keys with PRIMARY first, then the public unique indexes in index order.
 *
 * <p>For a {@code pk_is_handle} table the primary key has no IndexInfo: it is the column carrying the PRI_KEY
 * flag, and becomes the {@code PRIMARY} key here. A unique index over a hidden column (an expression index)
 * cannot be expressed by column names and is left out.
 */
public final class TableMetaFactory {
    private TableMetaFactory() {
    }

    public static TableMeta create(String schemaName, TableInfo table) {
        List<ColumnInfo> cols = table.publicColumns();
        cols.removeIf(ColumnInfo::hidden);
        Set<String> visible = new HashSet<>();
        for (ColumnInfo c : cols) {
            visible.add(c.name().l());
        }

        List<UniqueKey> keys = new ArrayList<>();
        Set<String> pkColumns = new HashSet<>();
        if (table.pkIsHandle()) {
            ColumnInfo pk = table.pkHandleColumn().orElseThrow();
            keys.add(new UniqueKey(UniqueKey.PRIMARY, List.of(pk.name().o())));
            pkColumns.add(pk.name().l());
        }
        for (IndexInfo index : table.uniqueIndexes()) {
            List<String> names = new ArrayList<>(index.columns().size());
            boolean expressible = !index.columns().isEmpty();
            for (IndexColumn ic : index.columns()) {
                if (!visible.contains(ic.name().l())) {
                    expressible = false;
                    break;
                }
                names.add(table.columnByName(ic.name().l()).map(c -> c.name().o()).orElse(ic.name().o()));
            }
            if (!expressible) {
                continue;
            }
            if (index.primary()) {
                if (table.pkIsHandle()) {
                    continue; // already listed from the handle column
                }
                keys.add(new UniqueKey(UniqueKey.PRIMARY, names));
                for (IndexColumn ic : index.columns()) {
                    pkColumns.add(ic.name().l());
                }
            } else {
                keys.add(new UniqueKey(index.name().o(), names));
            }
        }

        List<ColumnMeta> columns = new ArrayList<>(cols.size());
        for (ColumnInfo c : cols) {
            columns.add(new ColumnMeta(c.name().o(), c.id(), c.type(), pkColumns.contains(c.name().l()),
                    c.isGenerated()));
        }
        return new TableMeta(new TableRef(schemaName, table.name().o(), table.id()), columns, keys);
    }
}
