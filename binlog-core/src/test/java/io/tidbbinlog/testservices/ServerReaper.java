package io.tidbbinlog.testservices;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Closes every server still open when the JVM exits, so an aborted or failed test run leaves no process behind. */
final class ServerReaper {

    private static final Set<ServerProcess> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ServerReaper::closeAll, "test-services-reaper"));
    }

    private ServerReaper() {
    }

    static void register(ServerProcess server) {
        OPEN.add(server);
    }

    static void unregister(ServerProcess server) {
        OPEN.remove(server);
    }

    private static void closeAll() {
        List<ServerProcess> servers = new ArrayList<>(OPEN);
        for (ServerProcess server : servers) {
            try {
                server.close();
            } catch (RuntimeException e) {
                System.err.println("could not stop test service " + server + ": " + e);
            }
        }
    }
}
