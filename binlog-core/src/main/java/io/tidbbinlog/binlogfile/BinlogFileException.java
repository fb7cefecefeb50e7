package io.tidbbinlog.binlogfile;

import java.io.IOException;

/** A binlog directory or file that cannot be used as it is: bad names, an index gap, a held lock, an oversized record. */
public class BinlogFileException extends IOException {
    public BinlogFileException(String message) {
        super(message);
    }

    public BinlogFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
