package io.tidbbinlog.binlogfile;

import java.nio.file.Path;

/** One binlog file of a directory: where it is and what its name says. */
public record BinlogFile(Path path, BinlogFileName name) {
    public long index() {
        return name.index();
    }

    public String fileName() {
        return name.name();
    }
}
