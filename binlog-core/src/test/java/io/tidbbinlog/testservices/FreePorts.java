package io.tidbbinlog.testservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks loopback ports that are free right now. Another process can still take one before our server binds
 * it, which is why {@link ServerProcess} retries with new ports when the server reports a bind failure.
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** {@code count} distinct free ports. */
    public static int[] pick(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            int port;
            boolean duplicate;
            do {
                port = pick();
                duplicate = false;
                for (int j = 0; j < i; j++) {
                    duplicate |= ports[j] == port;
                }
            } while (duplicate);
            ports[i] = port;
        }
        return ports;
    }
}
