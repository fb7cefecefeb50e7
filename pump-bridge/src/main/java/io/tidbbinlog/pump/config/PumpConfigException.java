package io.tidbbinlog.pump.config;

/** A pump-bridge setting that cannot be used; the message names the flag, key or variable and its value. */
public final class PumpConfigException extends IllegalArgumentException {

    public PumpConfigException(String message) {
        super(message);
    }

    public PumpConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
