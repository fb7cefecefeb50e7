package io.tidbbinlog.pump.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link GoFlagSet#parse}: which flags were given and their values (the last occurrence wins, as
 * in Go), the arguments left after the flags, and whether help was asked for. Values of flags not given are the
 * defaults. Immutable.
 */
public final class GoFlags {

    private final GoFlagSet definition;
    private final Map<String, String> given;
    private final List<String> remaining;
    private final boolean helpRequested;

    GoFlags(GoFlagSet definition, Map<String, String> given, List<String> remaining, boolean helpRequested) {
        this.definition = definition;
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
        this.remaining = List.copyOf(remaining);
        this.helpRequested = helpRequested;
    }

    /** Whether the flag appeared (Go's {@code FlagSet.Visit} set). */
    public boolean isSet(String name) {
        requireDefined(name);
        return given.containsKey(name);
    }

    public String string(String name) {
        GoFlagSet.Flag flag = requireDefined(name);
        return given.getOrDefault(name, flag.defaultValue());
    }

    public long integer(String name) {
        return Long.parseLong(string(name));
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(string(name));
    }

    /** Arguments after the last flag; Pump and binlogctl reject any. */
    public List<String> remaining() {
        return remaining;
    }

    public boolean helpRequested() {
        return helpRequested;
    }

    /** Names of the flags given, in order of first appearance. */
    public List<String> givenNames() {
        return new ArrayList<>(given.keySet());
    }

    /**
     * Go's {@code flags.SetFlagsFromEnv} (binlog:pkg/flags/flag.go): every defined flag not given on the command
     * line takes the value of {@code <PREFIX>_<NAME>} (upper case, dashes as underscores) when that is set and
     * non-empty; a value that does not fit the flag's type is an error naming the variable.
     *
     * @param used receives the names of the variables taken
     */
    public GoFlags withEnvironment(String prefix, Map<String, String> environment, List<String> used) {
        Map<String, String> merged = new LinkedHashMap<>(given);
        for (GoFlagSet.Flag flag : definition.flags().values()) {
            if (given.containsKey(flag.name())) {
                continue;
            }
            String key = environmentKey(prefix, flag.name());
            String value = environment.get(key);
            if (value != null && !value.isEmpty()) {
                merged.put(flag.name(), definition.check(flag, value, "environment variable " + key));
                used.add(key);
            }
        }
        return new GoFlags(definition, merged, remaining, helpRequested);
    }

    /** {@code PUMP} + {@code fake-binlog-interval} gives {@code PUMP_FAKE_BINLOG_INTERVAL}. */
    public static String environmentKey(String prefix, String flagName) {
        return prefix + "_" + flagName.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    private GoFlagSet.Flag requireDefined(String name) {
        GoFlagSet.Flag flag = definition.lookup(name);
        if (flag == null) {
            throw new IllegalArgumentException("no flag named " + name);
        }
        return flag;
    }
}
