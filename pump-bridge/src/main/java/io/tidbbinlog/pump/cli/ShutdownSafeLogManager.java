package io.tidbbinlog.pump.cli;

import java.util.logging.LogManager;

/**
 * java.util.logging closes every handler from its own shutdown hook, which may run before ours: the log lines of a
 * SIGTERM shutdown (paused written, storage closed) would be lost. Installed as {@code java.util.logging.manager}
 * before anything logs, this manager ignores that reset; the pump's own shutdown hook resets it at the very end.
 */
public final class ShutdownSafeLogManager extends LogManager {

    private static volatile boolean releasing;

    @Override
    public void reset() {
        if (releasing || !shuttingDown()) {
            super.reset();
        }
    }

    /** Closes the handlers for real: the last thing the pump's shutdown does. */
    static void release() {
        releasing = true;
        LogManager manager = LogManager.getLogManager();
        if (manager instanceof ShutdownSafeLogManager) {
            manager.reset();
        }
    }

    private static boolean shuttingDown() {
        // LogManager's Cleaner is the only caller of reset() on a thread of that name during shutdown.
        return Thread.currentThread().getClass().getName().startsWith("java.util.logging.LogManager");
    }
}
