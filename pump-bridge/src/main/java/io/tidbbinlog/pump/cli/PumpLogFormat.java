package io.tidbbinlog.pump.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per record in the shape of TiDB's unified log format that Pump writes
 * ({@code [2026/11/21 09:00:00.123 +00:00] [INFO] [PumpBridge] [message]}), so that the greps and log collectors
 * operators built for Pump's log-file keep working.
 */
final class PumpLogFormat extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS xxx")
            .withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append('[').append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append("] [")
                .append(levelName(record.getLevel())).append("] [").append(shortName(record.getLoggerName()))
                .append("] [").append(formatMessage(record)).append(']');
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(" [error=\"").append(record.getThrown()).append("\"]\n").append(trace);
        } else {
            line.append('\n');
        }
        return line.toString();
    }

    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "-";
        }
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }
}
