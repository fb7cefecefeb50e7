package io.tidbbinlog.codec;

/**
 * Receives the rows of a {@code TableMutation} in {@code sequence} order; {@code index} is the row's position in
 * its own list (inserted_rows, updated_rows or deleted_rows).
 */
public interface SequenceVisitor {
    void insert(int index, byte[] row);

    void update(int index, byte[] row);

    void delete(int index, byte[] row);
}
