package io.tidbbinlog.model;

/** The three row operations every format knows. */
public enum RowOp {
    INSERT, UPDATE, DELETE
}
