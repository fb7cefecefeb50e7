package io.tidbbinlog.pump.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The host Pump listens on by default (binlog:pkg/util/util.go {@code DefaultIP}): the first IPv4 address that is
 * neither loopback nor unspecified, walking the interfaces in index order; {@code 127.0.0.1} when there is none.
 */
public final class DefaultIp {

    public static final String FALLBACK = "127.0.0.1";

    private DefaultIp() {
    }

    public static String find() {
        List<NetworkInterface> interfaces;
        try {
            interfaces = Collections.list(NetworkInterface.getNetworkInterfaces());
        } catch (SocketException | NullPointerException e) {
            return FALLBACK;
        }
        interfaces.sort(Comparator.comparingInt(NetworkInterface::getIndex));
        for (NetworkInterface networkInterface : interfaces) {
            for (InetAddress address : Collections.list(networkInterface.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isAnyLocalAddress()) {
                    return address.getHostAddress();
                }
            }
        }
        return FALLBACK;
    }
}
