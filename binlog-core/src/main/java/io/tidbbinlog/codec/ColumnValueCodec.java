package io.tidbbinlog.codec;

import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * TiDB's per-column {@code flatten}/{@code unflatten} (tablecodec) between row datums and the model's value types
 * (see {@code io.tidbbinlog.model} package docs).
 *
 * <ul>
 *   <li>integers and YEAR: varint/uvarint datum ↔ {@link Long} (raw 64 bits for UNSIGNED)</li>
 *   <li>FLOAT ↔ {@link Float} (narrowed from the float64 datum), DOUBLE ↔ {@link Double}</li>
 *   <li>DECIMAL ↔ {@link BigDecimal}, encoded with the column's Flen/Decimal</li>
 *   <li>DATE/DATETIME/TIMESTAMP: packed uint64 ↔ {@link TidbTime}; TIMESTAMP stays in UTC as stored</li>
 *   <li>TIME: int64 nanoseconds ↔ {@link Duration}</li>
 *   <li>ENUM index / SET bits / BIT: uint64 ↔ {@link Long}</li>
 *   <li>strings: bytes ↔ {@link String} (UTF-8) for text charsets, {@code byte[]} for the binary charset</li>
 *   <li>JSON: binary JSON ↔ {@link String} (TiDB's text rendering)</li>
 * </ul>
 */
public final class ColumnValueCodec {
    private ColumnValueCodec() {
    }

    /** Unflatten: the model value of a decoded column datum, or {@code null} for SQL NULL. */
    public static Object toModelValue(Datum d, FieldType ft) {
        Datum.Kind k = d.kind();
        if (k == Datum.Kind.NULL) {
            return null;
        }
        int tp = ft.tp();
        switch (tp) {
            case MysqlType.TINY:
            case MysqlType.SHORT:
            case MysqlType.INT24:
            case MysqlType.LONG:
            case MysqlType.LONGLONG:
            case MysqlType.YEAR:
                return integerBits(d, ft);
            case MysqlType.FLOAT:
                return (float) floatValue(d, ft);
            case MysqlType.DOUBLE:
                return floatValue(d, ft);
            case MysqlType.NEWDECIMAL:
            case MysqlType.DECIMAL:
                if (k != Datum.Kind.DECIMAL) {
                    throw mismatch(d, ft);
                }
                return d.asDecimal();
            case MysqlType.DATE:
            case MysqlType.NEWDATE:
            case MysqlType.DATETIME:
            case MysqlType.TIMESTAMP:
                return TidbTime.fromPacked(integerBits(d, ft), tp == MysqlType.NEWDATE ? MysqlType.DATE : tp,
                        TidbTime.columnFsp(ft.decimal()));
            case MysqlType.DURATION:
                if (k != Datum.Kind.INT64 && k != Datum.Kind.DURATION && k != Datum.Kind.UINT64) {
                    throw mismatch(d, ft);
                }
                return Duration.ofNanos(d.asLong());
            case MysqlType.ENUM: {
                long v = integerBits(d, ft);
                // TiDB's unflatten turns an index outside the element list into the empty value.
                if (!ft.elems().isEmpty() && Long.compareUnsigned(v, ft.elems().size()) > 0) {
                    return 0L;
                }
                return v;
            }
            case MysqlType.SET:
            case MysqlType.BIT:
                return integerBits(d, ft);
            case MysqlType.JSON:
                if (k != Datum.Kind.JSON) {
                    throw mismatch(d, ft);
                }
                return BinaryJson.toText(d.bytesArray(), d.bytesOffset(), d.bytesLength());
            case MysqlType.VARCHAR:
            case MysqlType.VAR_STRING:
            case MysqlType.STRING:
            case MysqlType.TINY_BLOB:
            case MysqlType.MEDIUM_BLOB:
            case MysqlType.BLOB:
            case MysqlType.LONG_BLOB:
                if (k != Datum.Kind.BYTES) {
                    throw mismatch(d, ft);
                }
                return isBinary(ft) ? d.asBytes() : d.asString();
            default:
                return byKind(d);
        }
    }

    /** Flatten: the datum TiDB would encode for a model value of a column. */
    public static Datum toDatum(Object v, FieldType ft) {
        if (v == null) {
            return Datum.ofNull();
        }
        int tp = ft.tp();
        switch (tp) {
            case MysqlType.TINY:
            case MysqlType.SHORT:
            case MysqlType.INT24:
            case MysqlType.LONG:
            case MysqlType.LONGLONG:
            case MysqlType.YEAR: {
                long x = asLong(v, ft);
                // TiDB flags YEAR columns UNSIGNED|ZEROFILL yet keeps their values as signed int64 datums.
                return ft.unsigned() && tp != MysqlType.YEAR ? Datum.ofUint(x) : Datum.ofInt(x);
            }
            case MysqlType.FLOAT:
            case MysqlType.DOUBLE:
                if (v instanceof Float || v instanceof Double) {
                    double f = ((Number) v).doubleValue();
                    // TiDB casts a FLOAT column's value to float32 (convertToFloat), so only float32 values reach the row.
                    return Datum.ofFloat(tp == MysqlType.FLOAT ? (double) (float) f : f);
                }
                throw wrongType(v, ft);
            case MysqlType.NEWDECIMAL:
            case MysqlType.DECIMAL: {
                if (!(v instanceof BigDecimal)) {
                    throw wrongType(v, ft);
                }
                BigDecimal d = (BigDecimal) v;
                int prec = ft.flen() > 0 ? ft.flen() : 0;
                int frac = prec == 0 ? 0 : Math.max(0, ft.decimal());
                if (prec > 0 && d.scale() > frac) {
                    // TiDB rounds to the column's scale (half up) when it casts the value, before encoding.
                    d = d.setScale(frac, RoundingMode.HALF_UP);
                }
                return Datum.ofDecimal(d, prec, frac);
            }
            case MysqlType.DATE:
            case MysqlType.NEWDATE:
            case MysqlType.DATETIME:
            case MysqlType.TIMESTAMP:
                if (!(v instanceof TidbTime)) {
                    throw wrongType(v, ft);
                }
                return Datum.ofUint(((TidbTime) v).toPacked());
            case MysqlType.DURATION:
                if (!(v instanceof Duration)) {
                    throw wrongType(v, ft);
                }
                try {
                    return Datum.ofInt(((Duration) v).toNanos());
                } catch (ArithmeticException e) {
                    throw new CodecException("TIME value " + v + " does not fit int64 nanoseconds");
                }
            case MysqlType.ENUM:
            case MysqlType.SET:
            case MysqlType.BIT:
                return Datum.ofUint(asLong(v, ft));
            case MysqlType.JSON:
                if (v instanceof String) {
                    return Datum.ofJson(BinaryJson.fromText((String) v));
                }
                throw wrongType(v, ft);
            case MysqlType.VARCHAR:
            case MysqlType.VAR_STRING:
            case MysqlType.STRING:
            case MysqlType.TINY_BLOB:
            case MysqlType.MEDIUM_BLOB:
            case MysqlType.BLOB:
            case MysqlType.LONG_BLOB:
                if (v instanceof String) {
                    return Datum.ofString((String) v);
                }
                if (v instanceof byte[]) {
                    return Datum.ofBytes((byte[]) v);
                }
                throw wrongType(v, ft);
            default:
                throw new CodecException("cannot encode a value for column type " + ft.typeName() + " (" + tp + ")");
        }
    }

    private static boolean isBinary(FieldType ft) {
        return ft.binary() || (ft.charset() == null && "binary".equals(ft.collate()));
    }

    private static long integerBits(Datum d, FieldType ft) {
        Datum.Kind k = d.kind();
        if (k != Datum.Kind.INT64 && k != Datum.Kind.UINT64) {
            throw mismatch(d, ft);
        }
        return d.asLong();
    }

    private static double floatValue(Datum d, FieldType ft) {
        if (d.kind() != Datum.Kind.FLOAT64) {
            throw mismatch(d, ft);
        }
        return d.asDouble();
    }

    private static long asLong(Object v, FieldType ft) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw wrongType(v, ft);
    }

    private static Object byKind(Datum d) {
        switch (d.kind()) {
            case INT64:
            case UINT64:
            case DURATION:
                return d.asLong();
            case FLOAT64:
                return d.asDouble();
            case DECIMAL:
                return d.asDecimal();
            case JSON:
                return BinaryJson.toText(d.bytesArray(), d.bytesOffset(), d.bytesLength());
            case BYTES:
                return d.asBytes();
            default:
                throw new CodecException("unexpected datum " + d + " in a row");
        }
    }

    private static CodecException mismatch(Datum d, FieldType ft) {
        return new CodecException("datum " + d.kind() + " does not fit column type " + ft.typeName());
    }

    private static CodecException wrongType(Object v, FieldType ft) {
        return new CodecException("a " + v.getClass().getSimpleName() + " is not a value for column type "
                + ft.typeName());
    }
}
