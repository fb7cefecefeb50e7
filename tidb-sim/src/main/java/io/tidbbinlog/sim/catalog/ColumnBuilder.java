package io.tidbbinlog.sim.catalog;

import io.tidbbinlog.schema.CIStr;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.SchemaState;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Builds the ColumnInfo TiDB stores for a column definition ({@code columnDefToCol} and
 * {@code processAndCheckDefaultValueAndColumn} in pkg/ddl/create_table.go): NOT NULL; the default; for a NOT NULL
 * YEAR without one the default "0000"; NoDefaultValueFlag for a NOT NULL column without a default (TiDB runs with
 * explicit_defaults_for_timestamp, so TIMESTAMP gets no implicit default or ON UPDATE); DEFAULT NULL on a NOT NULL
 * column refused.
 */
final class ColumnBuilder {
    /** {@code model.CurrLatestColumnInfoVersion}. */
    static final long COLUMN_INFO_VERSION = 2;

    private ColumnBuilder() {
    }

    static ColumnInfo build(ColumnDef def, long id, int offset, ZoneId sessionZone) {
        if (def.name() == null || def.name().isBlank()) {
            throw new IllegalArgumentException("column definition without a name: " + def);
        }
        if (def.name().toLowerCase(Locale.ROOT).equals(ColumnInfo.EXTRA_HANDLE_NAME)) {
            throw DdlException.wrongColumnName(def.name());
        }
        FieldType t = ColumnTypes.parse(def.name(), def.sqlType());
        int flag = t.flag();
        if (!def.nullable()) {
            flag |= ColumnFlag.NOT_NULL;
        }
        t = withFlag(t, flag);
        boolean hasDefault = def.defaultSql() != null;
        ColumnDefaults.Value value = hasDefault
                ? ColumnDefaults.of(def.name(), t, def.defaultSql(), sessionZone) : ColumnDefaults.Value.NULL;
        if (hasDefault && value.value() == null && !def.nullable()) {
            throw DdlException.invalidDefault(def.name());
        }
        if (!hasDefault && !def.nullable()) {
            if (t.tp() == MysqlType.YEAR) {
                value = new ColumnDefaults.Value("0000", null);
            }
            t = withFlag(t, t.flag() | ColumnFlag.NO_DEFAULT_VALUE);
        }
        return new ColumnInfo(id, CIStr.of(def.name()), offset, null, null, value.value(), value.bits(), false,
                "", false, null, t, SchemaState.PUBLIC.code(), "", false, null, COLUMN_INFO_VERSION);
    }

    /** The column as an ADD COLUMN leaves it: with the origin default rows written before it read as. */
    static ColumnInfo withOriginDefault(ColumnInfo c, Instant statementTime, ZoneId zone) {
        ColumnDefaults.Value current = new ColumnDefaults.Value((String) c.defaultValue(), c.defaultBit());
        ColumnDefaults.Value origin = ColumnDefaults.originDefault(c.type(), current, statementTime, zone);
        byte[] originBits = c.type().tp() == MysqlType.BIT && origin.value() != null
                ? (origin.bits() != null ? origin.bits() : origin.value().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                : null;
        return new ColumnInfo(c.id(), c.name(), c.offset(), origin.value(), originBits, c.defaultValue(),
                c.defaultBit(), c.defaultIsExpr(), c.generatedExprString(), c.generatedStored(), c.dependences(),
                c.type(), c.state(), c.comment(), c.hidden(), c.changeStateInfo(), c.version());
    }

    static ColumnInfo withType(ColumnInfo c, FieldType t) {
        return new ColumnInfo(c.id(), c.name(), c.offset(), c.originDefault(), c.originDefaultBit(),
                c.defaultValue(), c.defaultBit(), c.defaultIsExpr(), c.generatedExprString(), c.generatedStored(),
                c.dependences(), t, c.state(), c.comment(), c.hidden(), c.changeStateInfo(), c.version());
    }

    static ColumnInfo withFlags(ColumnInfo c, int flag) {
        return withType(c, withFlag(c.type(), flag));
    }

    static ColumnInfo withIdAndOrigin(ColumnInfo c, long id, Object originDefault, byte[] originBit) {
        return new ColumnInfo(id, c.name(), c.offset(), originDefault, originBit, c.defaultValue(), c.defaultBit(),
                c.defaultIsExpr(), c.generatedExprString(), c.generatedStored(), c.dependences(), c.type(),
                c.state(), c.comment(), c.hidden(), c.changeStateInfo(), c.version());
    }

    static FieldType withFlag(FieldType t, int flag) {
        return new FieldType(t.tp(), flag, t.flen(), t.decimal(), t.charset(), t.collate(), t.elems(),
                t.elemsIsBinaryLit(), t.array());
    }
}
