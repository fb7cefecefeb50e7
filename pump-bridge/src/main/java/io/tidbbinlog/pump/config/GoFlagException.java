package io.tidbbinlog.pump.config;

/** A command line (or flag environment variable) that does not fit the defined flags; the message names the flag. */
public final class GoFlagException extends IllegalArgumentException {

    public GoFlagException(String message) {
        super(message);
    }
}
