package io.tidbbinlog.pump.ctl;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A line in the layout of PingCAP's logger, which is how binlogctl reports its results:
 * {@code [2019/04/11 17:44:13.904 -04:00] [INFO] ["query node"] [type=pump] [node="{...}"]}. Values with blanks,
 * quotes, brackets or '=' are quoted, as that logger does, so that scripts reading binlogctl's output can read
 * ours.
 */
final class LogLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS xxx");

    private LogLine() {
    }

    /** @param fields alternating names and values */
    static String format(Clock clock, String level, String message, String... fields) {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(TIME.format(ZonedDateTime.now(clock))).append("] [").append(level).append("] [")
                .append(quoted(message)).append(']');
        for (int i = 0; i + 1 < fields.length; i += 2) {
            sb.append(" [").append(fields[i]).append('=').append(quoted(fields[i + 1])).append(']');
        }
        return sb.toString();
    }

    private static String quoted(String value) {
        boolean needs = false;
        for (int i = 0; i < value.length() && !needs; i++) {
            char c = value.charAt(i);
            needs = c <= ' ' || c == '"' || c == '\\' || c == '[' || c == ']' || c == '=';
        }
        if (!needs) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
