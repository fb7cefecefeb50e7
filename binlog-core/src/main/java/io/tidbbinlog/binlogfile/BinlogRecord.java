package io.tidbbinlog.binlogfile;

/**
 * One record read back from a binlog file.
 *
 * @param fileName   the file it is in
 * @param offset     where its frame starts
 * @param nextOffset where the next record starts (offset + 16 + payload length): the checkpoint after this record
 * @param payload    the payload bytes, CRC-checked
 */
public record BinlogRecord(String fileName, long offset, long nextOffset, byte[] payload) {
    public BinlogFilePosition position() {
        return new BinlogFilePosition(fileName, offset);
    }

    public BinlogFilePosition next() {
        return new BinlogFilePosition(fileName, nextOffset);
    }
}
