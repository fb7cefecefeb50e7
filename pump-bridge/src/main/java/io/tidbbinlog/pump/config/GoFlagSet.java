package io.tidbbinlog.pump.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line flags as Go's standard {@code flag} package reads them, which is what Pump and binlogctl use: one or
 * two dashes ({@code -addr}, {@code --addr}), the value either joined with {@code =} or as the next argument
 * ({@code -addr x}, {@code --addr=x}), booleans bare or joined ({@code -V}, {@code -V=false}; a separate
 * {@code false} is not their value). Parsing stops at the first argument that is not a flag or after {@code --};
 * an undefined flag is an error naming it, as is a value that does not parse as the flag's type.
 *
 * <p>Define flags first, then {@link #parse}; a definition is immutable once parsing starts (instances are not
 * meant to be shared between threads while being defined).
 */
public final class GoFlagSet {

    /** A flag's value type, which decides how its text is checked (Go's {@code StringVar}, {@code IntVar}, ...). */
    public enum Kind { STRING, INT, BOOL }

    /** One defined flag. */
    public record Flag(String name, Kind kind, String defaultValue, String usage) {
    }

    private final String program;
    private final Map<String, Flag> flags = new LinkedHashMap<>();

    public GoFlagSet(String program) {
        this.program = program;
    }

    public GoFlagSet string(String name, String defaultValue, String usage) {
        return define(new Flag(name, Kind.STRING, defaultValue, usage));
    }

    public GoFlagSet integer(String name, long defaultValue, String usage) {
        return define(new Flag(name, Kind.INT, Long.toString(defaultValue), usage));
    }

    public GoFlagSet bool(String name, String usage) {
        return define(new Flag(name, Kind.BOOL, "false", usage));
    }

    private GoFlagSet define(Flag flag) {
        if (flags.putIfAbsent(flag.name(), flag) != null) {
            throw new IllegalStateException(program + " flag redefined: " + flag.name());
        }
        return this;
    }

    public Map<String, Flag> flags() {
        return Collections.unmodifiableMap(flags);
    }

    public Flag lookup(String name) {
        return flags.get(name);
    }

    /**
     * Reads {@code args}. {@code -h}/{@code -help} (when not defined as flags) stop parsing and mark the result
     * as a help request, as Go's {@code flag.ErrHelp} does.
     *
     * @throws GoFlagException for an undefined flag, a missing value or a value of the wrong type
     */
    public GoFlags parse(List<String> args) {
        Map<String, String> set = new LinkedHashMap<>();
        int i = 0;
        while (i < args.size()) {
            String arg = args.get(i);
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                break; // first non-flag argument
            }
            int dashes = 1;
            if (arg.charAt(1) == '-') {
                dashes = 2;
                if (arg.length() == 2) { // "--" ends the flags
                    i++;
                    break;
                }
            }
            i++;
            String body = arg.substring(dashes);
            if (body.isEmpty() || body.charAt(0) == '-' || body.charAt(0) == '=') {
                throw new GoFlagException("bad flag syntax: " + arg);
            }
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq > 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            }
            Flag flag = flags.get(name);
            if (flag == null) {
                if (name.equals("help") || name.equals("h")) {
                    return new GoFlags(this, set, args.subList(i, args.size()), true);
                }
                throw new GoFlagException("flag provided but not defined: -" + name);
            }
            if (flag.kind() == Kind.BOOL) {
                value = value == null ? "true" : value;
            } else if (value == null) {
                if (i >= args.size()) {
                    throw new GoFlagException("flag needs an argument: -" + name);
                }
                value = args.get(i++); // Go takes the next argument even when it starts with a dash
            }
            set.put(name, check(flag, value, "flag -" + name));
        }
        return new GoFlags(this, set, new ArrayList<>(args.subList(i, args.size())), false);
    }

    /** Checks {@code text} against the flag's type and returns it in canonical form; {@code what} names the source. */
    String check(Flag flag, String text, String what) {
        switch (flag.kind()) {
            case BOOL -> {
                return Boolean.toString(parseBool(text, what));
            }
            case INT -> {
                return Long.toString(parseInt(text, what));
            }
            default -> {
                return text;
            }
        }
    }

    /** Go's {@code strconv.ParseBool}. */
    static boolean parseBool(String text, String what) {
        return switch (text) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new GoFlagException("invalid boolean value \"" + text + "\" for " + what
                    + ": parse error");
        };
    }

    /** Go's {@code strconv.ParseInt(text, 0, 64)}: optional sign, then decimal, 0x hex, 0o/0 octal or 0b binary. */
    static long parseInt(String text, String what) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int radix = 10;
        String lower = s.toLowerCase();
        if (lower.startsWith("0x")) {
            radix = 16;
            s = s.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            s = s.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            s = s.substring(2);
        } else if (s.length() > 1 && s.charAt(0) == '0') {
            radix = 8;
            s = s.substring(1);
        }
        s = s.replace("_", "");
        if (s.isEmpty() || s.charAt(0) == '+' || s.charAt(0) == '-') {
            throw new GoFlagException("invalid value \"" + text + "\" for " + what + ": parse error");
        }
        try {
            return Long.parseLong(negative ? "-" + s : s, radix);
        } catch (NumberFormatException e) {
            throw new GoFlagException("invalid value \"" + text + "\" for " + what + ": parse error");
        }
    }

    /** The flag list in the shape of Go's {@code PrintDefaults}. */
    public String usage() {
        StringBuilder sb = new StringBuilder("Usage of ").append(program).append(":\n");
        flags.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(f -> {
            sb.append("  -").append(f.name());
            if (f.kind() != Kind.BOOL) {
                sb.append(' ').append(f.kind() == Kind.INT ? "int" : "string");
            }
            sb.append("\n    \t").append(f.usage());
            boolean zero = f.defaultValue().isEmpty() || f.defaultValue().equals("0")
                    || f.defaultValue().equals("false");
            if (!zero) {
                sb.append(" (default ").append(f.kind() == Kind.STRING ? "\"" + f.defaultValue() + "\""
                        : f.defaultValue()).append(')');
            }
            sb.append('\n');
        });
        return sb.toString();
    }
}
