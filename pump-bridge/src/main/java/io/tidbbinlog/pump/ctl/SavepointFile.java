package io.tidbbinlog.pump.ctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;

/**
 * The {@code savepoint} file of {@code binlogctl -cmd generate_meta} (binlog:binlogctl/meta.go {@code saveMeta}):
 * the TOML line {@code commitTS = <tso>}, and when a time zone is given, the TSO's time in UTC and in that zone
 * on two more lines, in Go's time layout. Written to a temporary file in the same directory and renamed over the
 * old one, so a reader never sees half a file.
 */
final class SavepointFile {

    static final String NAME = "savepoint";

    private SavepointFile() {
    }

    /** The file's text; {@code zone} null means no time lines. */
    static String text(long commitTs, ZoneId zone) {
        StringBuilder sb = new StringBuilder("commitTS = ").append(commitTs).append('\n');
        if (zone != null) {
            sb.append(NodeText.GO_TIME.format(NodeText.roughTime(commitTs, ZoneId.of("UTC")))).append('\n')
                    .append(NodeText.GO_TIME.format(NodeText.roughTime(commitTs, zone)));
        }
        return sb.toString();
    }

    static Path write(Path dataDir, String text) throws IOException {
        try {
            Files.createDirectories(dataDir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dataDir);
        }
        Path target = dataDir.resolve(NAME);
        Path temp = Files.createTempFile(dataDir, NAME, ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }
}
