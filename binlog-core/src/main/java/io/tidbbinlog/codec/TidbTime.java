package io.tidbbinlog.codec;

/**
 * A DATE, DATETIME or TIMESTAMP value exactly as TiDB holds it, including zero dates that java.time cannot hold.
 * {@code type} is the MySQL type code; {@code fsp} the fractional seconds precision (0..6).
 * The codec issue fills in packing ({@code ToPackedUint}) and rendering.
 */
public record TidbTime(int year, int month, int day, int hour, int minute, int second, int microsecond,
                       int type, int fsp) {
}
