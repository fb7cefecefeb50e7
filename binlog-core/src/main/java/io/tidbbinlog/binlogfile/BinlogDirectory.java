package io.tidbbinlog.binlogfile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Lists the binlog files of a directory in index order and checks that no index is missing. */
public final class BinlogDirectory {
    private BinlogDirectory() {
    }

    /**
     * The binlog files of {@code dir}, ordered by index; other files (checkpoint, lock, tmp, anything unparsable)
     * are left out.
     *
     * @throws BinlogFileException when the indexes are not contiguous or one index appears twice
     */
    public static List<BinlogFile> list(Path dir) throws IOException {
        List<BinlogFile> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Optional<BinlogFileName> name = BinlogFileName.parse(entry.getFileName().toString());
                if (name.isPresent() && Files.isRegularFile(entry)) {
                    files.add(new BinlogFile(entry, name.get()));
                }
            }
        }
        files.sort(Comparator.comparingLong(BinlogFile::index));
        for (int i = 1; i < files.size(); i++) {
            BinlogFile prev = files.get(i - 1);
            BinlogFile cur = files.get(i);
            if (cur.index() == prev.index()) {
                throw new BinlogFileException("binlog directory " + dir + " holds two files with index " + cur.index()
                        + ": " + prev.fileName() + " and " + cur.fileName());
            }
            if (cur.index() != prev.index() + 1) {
                throw new BinlogFileException("binlog directory " + dir + " is missing the file with index "
                        + (prev.index() + 1) + " (between " + prev.fileName() + " and " + cur.fileName() + ")");
            }
        }
        return files;
    }
}
