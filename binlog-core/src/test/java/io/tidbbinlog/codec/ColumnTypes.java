package io.tidbbinlog.codec;

import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.util.List;

/** FieldTypes as TiDB reports them for common column definitions. */
final class ColumnTypes {
    private ColumnTypes() {
    }

    static FieldType of(int tp) {
        return FieldType.of(tp, 0, -1, -1, "binary", "binary", List.of());
    }

    static FieldType bigint() {
        return FieldType.of(MysqlType.LONGLONG, 0, 20, 0, "binary", "binary", List.of());
    }

    static FieldType bigintUnsigned() {
        return FieldType.of(MysqlType.LONGLONG, ColumnFlag.UNSIGNED, 20, 0, "binary", "binary", List.of());
    }

    static FieldType intType() {
        return FieldType.of(MysqlType.LONG, 0, 11, 0, "binary", "binary", List.of());
    }

    static FieldType varchar() {
        return FieldType.of(MysqlType.VARCHAR, 0, 64, 0, "utf8mb4", "utf8mb4_bin", List.of());
    }

    static FieldType varbinary() {
        return FieldType.of(MysqlType.VARCHAR, ColumnFlag.BINARY, 64, 0, "binary", "binary", List.of());
    }

    static FieldType decimal(int flen, int dec) {
        return FieldType.of(MysqlType.NEWDECIMAL, 0, flen, dec, "binary", "binary", List.of());
    }

    static FieldType time(int tp, int fsp) {
        return FieldType.of(tp, 0, -1, fsp, "binary", "binary", List.of());
    }

    static FieldType enumOf(String... elems) {
        return FieldType.of(MysqlType.ENUM, 0, -1, -1, "utf8mb4", "utf8mb4_bin", List.of(elems));
    }
}
