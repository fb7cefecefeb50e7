package io.tidbbinlog.codec;

/** Receives the columns of an old-format row in stored order. */
@FunctionalInterface
public interface RowVisitor {
    void column(long columnId, Datum value);
}
