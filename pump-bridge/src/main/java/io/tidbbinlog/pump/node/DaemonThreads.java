package io.tidbbinlog.pump.node;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Single-threaded schedulers for the node's background loops, named so thread dumps say whose they are. */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ScheduledExecutorService single(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
