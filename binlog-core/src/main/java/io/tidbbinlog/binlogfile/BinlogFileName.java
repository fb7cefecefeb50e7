package io.tidbbinlog.binlogfile;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed binlog file name. Current drainers write {@code binlog-<index %016d>-<yyyyMMddHHmmss>}; older ones wrote
 * {@code binlog-<index>}, and archived files are named {@code binlog-<index>-<datetime>-<firstCommitTs>[.tar.gz]}.
 *
 * @param name          the file name as found in the directory
 * @param index         the file's position in the sequence, starting at 0
 * @param firstCommitTs the commit ts of the first record when the name carries it
 */
public record BinlogFileName(String name, long index, OptionalLong firstCommitTs) {
    private static final String PREFIX = "binlog-";
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** The name drainer gives a new file: zero-padded index and the local creation time. */
    public static String format(long index, LocalDateTime createdAt) {
        if (index < 0) {
            throw new IllegalArgumentException("binlog file index must not be negative: " + index);
        }
        return String.format("%s%016d-%s", PREFIX, index, DATETIME.format(createdAt));
    }

    /** Files a binlog directory holds besides binlog files: checkpoints, the lock, files being written elsewhere. */
    public static boolean isIgnored(String name) {
        return name.endsWith("checkpoint") || name.endsWith(".lock") || name.endsWith(".tmp");
    }

    /** The parsed name, or empty if {@code name} is not a binlog file name. */
    public static Optional<BinlogFileName> parse(String name) {
        if (!name.startsWith(PREFIX) || isIgnored(name)) {
            return Optional.empty();
        }
        String[] parts = name.split("-", -1);
        long index = parseDigits(parts[1]);
        if (index < 0) {
            return Optional.empty();
        }
        switch (parts.length) {
            case 2:
                return Optional.of(new BinlogFileName(name, index, OptionalLong.empty()));
            case 3:
                return isDatetime(parts[2])
                        ? Optional.of(new BinlogFileName(name, index, OptionalLong.empty()))
                        : Optional.empty();
            case 4: {
                if (!isDatetime(parts[2])) {
                    return Optional.empty();
                }
                String ts = parts[3];
                int dot = ts.indexOf('.');
                if (dot >= 0) {
                    if (!ts.substring(dot).equals(".tar.gz")) {
                        return Optional.empty();
                    }
                    ts = ts.substring(0, dot);
                }
                long commitTs = parseDigits(ts);
                return commitTs < 0
                        ? Optional.empty()
                        : Optional.of(new BinlogFileName(name, index, OptionalLong.of(commitTs)));
            }
            default:
                return Optional.empty();
        }
    }

    /** Non-negative decimal value, or -1 when not 1..19 ASCII digits that fit a signed long. */
    private static long parseDigits(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                return -1;
            }
        }
        return v;
    }

    private static boolean isDatetime(String s) {
        return s.length() == 14 && parseDigits(s) >= 0;
    }
}
