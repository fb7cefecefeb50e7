package io.tidbbinlog.sim.catalog;

import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.util.List;

/**
 * Whether TiDB must rewrite a column's data to change its type ({@code needChangeColumnData}, pkg/ddl/modify_column.go),
 * which decides whether MODIFY COLUMN keeps the column's id or swaps in a new column.
 */
final class ColumnChanges {
    private ColumnChanges() {
    }

    static boolean needsData(FieldType oldType, FieldType newType) {
        boolean toUnsigned = newType.unsigned();
        boolean fromUnsigned = oldType.unsigned();
        boolean signChange = toUnsigned != fromUnsigned;
        boolean truncates = newType.flen() > 0
                && (newType.flen() < oldType.flen() || newType.decimal() < oldType.decimal());
        int ot = oldType.tp();
        int nt = newType.tp();
        if (ot == nt) {
            switch (ot) {
                case MysqlType.NEWDECIMAL:
                    return oldType.flen() != newType.flen() || oldType.decimal() != newType.decimal() || signChange;
                case MysqlType.ENUM, MysqlType.SET:
                    return elemsChanged(oldType.elems(), newType.elems());
                case MysqlType.TINY, MysqlType.SHORT, MysqlType.INT24, MysqlType.LONG, MysqlType.LONGLONG:
                    return signChange;
                case MysqlType.STRING:
                    if (ColumnTypes.BINARY.equals(oldType.charset())) {
                        return newType.flen() != oldType.flen();
                    }
                    return truncates || signChange;
                default:
                    return truncates || signChange;
            }
        }
        if ((ot == MysqlType.STRING && (nt == MysqlType.VARCHAR || nt == MysqlType.VAR_STRING))
                || (nt == MysqlType.STRING && (ot == MysqlType.VARCHAR || ot == MysqlType.VAR_STRING))) {
            return true;
        }
        if (MysqlType.isString(ot) && MysqlType.isString(nt)) {
            return truncates || signChange;
        }
        if (ColumnTypes.isIntegerType(ot) && ColumnTypes.isIntegerType(nt)) {
            // Display widths do not count here, only the types' default widths.
            return defaultFlen(nt) < defaultFlen(ot) || signChange;
        }
        return true;
    }

    private static int defaultFlen(int tp) {
        return switch (tp) {
            case MysqlType.TINY -> 4;
            case MysqlType.SHORT -> 6;
            case MysqlType.INT24 -> 9;
            case MysqlType.LONG -> 11;
            default -> 20;
        };
    }

    private static boolean elemsChanged(List<String> oldElems, List<String> newElems) {
        if (newElems.size() < oldElems.size()) {
            return true;
        }
        for (int i = 0; i < oldElems.size(); i++) {
            if (!oldElems.get(i).equals(newElems.get(i))) {
                return true;
            }
        }
        return false;
    }
}
