package io.tidbbinlog.format;

import io.tidbbinlog.codec.DurationText;
import io.tidbbinlog.codec.TemporalTextParser;
import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Drainer renders temporal and decimal values with Go's {@code %v} of TiDB's types; this class produces the same
 * text from model values, and parses it back. TIMESTAMP values are kept in UTC in the model and rendered in the
 * converter's zone, as drainer renders them in its host's local zone.
 */
final class DrainerValueText {
    private final ZoneId timestampZone;

    DrainerValueText(ZoneId timestampZone) {
        this.timestampZone = timestampZone;
    }

    /** Text of a DATE/DATETIME/TIMESTAMP/TIME/YEAR/DECIMAL model value, as drainer's {@code %v} prints it. */
    String render(Object value, FieldType ft) {
        if (value instanceof TidbTime t) {
            if (ft.tp() == MysqlType.TIMESTAMP) {
                t = t.convertZone(ZoneOffset.UTC, timestampZone);
            }
            return t.toString();
        }
        if (value instanceof Duration d) {
            return DurationText.format(d, Math.max(ft.decimal(), 0));
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Long l && ft.unsigned()) {
            return Long.toUnsignedString(l);
        }
        return String.valueOf(value);
    }

    /**
     * The model value for text that {@link #render} produced for a column of type {@code ft}, or for the text of
     * an origin default that drainer wrote in place of a number.
     */
    Object parse(String text, FieldType ft) {
        switch (ft.tp()) {
            case MysqlType.DATE, MysqlType.NEWDATE, MysqlType.DATETIME, MysqlType.TIMESTAMP: {
                TidbTime t = TemporalTextParser.parseTime(text, ft.tp() == MysqlType.NEWDATE ? MysqlType.DATE : ft.tp(), -1);
                return ft.tp() == MysqlType.TIMESTAMP ? t.convertZone(timestampZone, ZoneOffset.UTC) : t;
            }
            case MysqlType.DURATION:
                return TemporalTextParser.parseDuration(text);
            case MysqlType.NEWDECIMAL, MysqlType.DECIMAL:
                return new BigDecimal(text);
            case MysqlType.YEAR, MysqlType.TINY, MysqlType.SHORT, MysqlType.INT24, MysqlType.LONG,
                    MysqlType.LONGLONG:
                // Drainer writes a column filled from its origin default as that default's text; an unsigned
                // BIGINT default may exceed the signed range and keeps its 64 bits as the model does.
                String n = text.strip();
                return n.startsWith("-") ? Long.parseLong(n) : Long.parseUnsignedLong(n);
            case MysqlType.FLOAT:
                return Float.parseFloat(text.strip());
            case MysqlType.DOUBLE:
                return Double.parseDouble(text.strip());
            default:
                return text;
        }
    }
}
