package io.tidbbinlog.pump.config;

/**
 * A {@code host:port} address split as Go's {@code net.SplitHostPort} does ({@code [::1]:8250} for IPv6), with the
 * port also required to be a number from 0 to 65535 so that a bad address fails here rather than at bind time.
 */
public record HostPort(String host, int port) {

    /** @param what the setting's name, for the message */
    public static HostPort parse(String what, String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new PumpConfigException(what + " \"" + text + "\" is not host:port");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new PumpConfigException(what + " \"" + text + "\" is not host:port: missing port");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new PumpConfigException(what + " \"" + text + "\" is not host:port: too many colons"
                        + (text.contains("://") ? " (give host:port without a scheme)" : ""));
            }
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0 || number > 65535 || !port.chars().allMatch(Character::isDigit)) {
            throw new PumpConfigException(what + " \"" + text + "\" has an invalid port \"" + port + "\"");
        }
        return new HostPort(host, number);
    }
}
