package io.tidbbinlog.testservices;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends a process together with everything it spawned (mariadbd and etcd may fork helpers). */
final class ProcessTrees {

    private static final long GRACE_MILLIS = 15_000;
    private static final long KILL_WAIT_MILLIS = 5_000;

    private ProcessTrees() {
    }

    /**
     * Sends SIGTERM (or SIGKILL when {@code force}) to the process and its descendants and waits for them to
     * exit; a process that ignores SIGTERM for the grace period is killed.
     */
    static void kill(ProcessHandle root, boolean force) {
        List<ProcessHandle> tree = new java.util.ArrayList<>();
        root.descendants().forEach(tree::add);
        tree.add(root);
        for (ProcessHandle p : tree) {
            if (force) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }
        for (ProcessHandle p : tree) {
            if (!awaitExit(p, force ? KILL_WAIT_MILLIS : GRACE_MILLIS) && !force) {
                p.destroyForcibly();
                awaitExit(p, KILL_WAIT_MILLIS);
            }
        }
    }

    private static boolean awaitExit(ProcessHandle p, long millis) {
        CompletableFuture<ProcessHandle> exit = p.onExit();
        try {
            exit.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }
}
