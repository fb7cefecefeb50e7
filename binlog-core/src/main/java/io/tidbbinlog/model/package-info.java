/**
 * The one transaction model every stage speaks: a {@link io.tidbbinlog.model.Txn} is either row changes or one DDL.
 *
 * <p>Column values in {@link io.tidbbinlog.model.RowChange} images have one Java type per TiDB column type, so
 * that every converter renders them the same way:
 * <ul>
 *   <li>TINYINT..BIGINT, YEAR: {@link java.lang.Long}; for UNSIGNED columns the long holds the 64 raw bits
 *       (render with {@link java.lang.Long#toUnsignedString(long)}).</li>
 *   <li>FLOAT: {@link java.lang.Float}; DOUBLE: {@link java.lang.Double}.</li>
 *   <li>DECIMAL: {@link java.math.BigDecimal} with the column's scale.</li>
 *   <li>DATE, DATETIME, TIMESTAMP: {@link io.tidbbinlog.codec.TidbTime}; TIMESTAMP values are in UTC, as TiDB
 *       stores them; zero dates are representable.</li>
 *   <li>TIME: {@link java.time.Duration} (may be negative).</li>
 *   <li>CHAR, VARCHAR, TEXT (non-binary charsets): {@link java.lang.String}; BINARY, VARBINARY, BLOB: {@code byte[]}.</li>
 *   <li>ENUM: {@link java.lang.Long} 1-based index (0 = the empty value); SET: {@link java.lang.Long} bitmask;
 *       BIT: {@link java.lang.Long}.</li>
 *   <li>JSON: {@link java.lang.String}, TiDB's text rendering of the binary JSON.</li>
 *   <li>SQL NULL: {@code null}. A column the image does not carry: {@link io.tidbbinlog.model.RowChange#ABSENT}.</li>
 * </ul>
 */
package io.tidbbinlog.model;
