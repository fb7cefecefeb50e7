/**
 * TiDB's datum and row codec as binlog rows carry it (wire format facts: shared/spec/tidb-binlog-facts.md §3).
 *
 * <ul>
 *   <li>{@link io.tidbbinlog.codec.DatumCodec} reads and writes single datums (flag byte + payload) with
 *       {@link io.tidbbinlog.codec.DatumReader}/{@link io.tidbbinlog.codec.DatumWriter};
 *       {@link io.tidbbinlog.codec.MyDecimalBinary}, {@link io.tidbbinlog.codec.BinaryJson} and
 *       {@link io.tidbbinlog.codec.TidbTime} handle the payloads that have their own layouts.</li>
 *   <li>{@link io.tidbbinlog.codec.ColumnValueCodec} maps datums to the model's Java values per column type.</li>
 *   <li>{@link io.tidbbinlog.codec.OldRowCodec}, {@link io.tidbbinlog.codec.MutationRowCodec} and
 *       {@link io.tidbbinlog.codec.MutationSequence} deal with whole rows of a {@code TableMutation}.</li>
 * </ul>
 *
 * <p>Every decoder checks lengths against the remaining input before using them and reports bad input with a
 * {@link io.tidbbinlog.codec.CodecException} naming the byte offset; callers add table/row/column context.
 */
package io.tidbbinlog.codec;
