package io.tidbbinlog.registry;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running watch on one kind of node. The etcd client resumes a watch after a lost connection by itself;
 * when it gives up instead (the next revision was compacted away, or another fatal error), this watch lists
 * the nodes again, passes the snapshot to {@link NodeEventListener#onResync} and watches on from that
 * listing's revision, retrying with backoff while etcd is unreachable. Close it to stop.
 */
public final class NodeWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeWatch.class);
    private static final long MIN_RETRY_MILLIS = 200;
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final NodeRegistry registry;
    private final NodeKind kind;
    private final NodeEventListener listener;
    private final String prefix;
    private Watch.Watcher watcher;
    private int generation;
    private long retryMillis = MIN_RETRY_MILLIS;
    private boolean closed;

    NodeWatch(NodeRegistry registry, NodeKind kind, NodeEventListener listener) {
        this.registry = registry;
        this.kind = kind;
        this.listener = listener;
        this.prefix = registry.prefixOf(kind);
    }

    public NodeKind kind() {
        return kind;
    }

    @Override
    public void close() {
        Watch.Watcher toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
            toClose = watcher;
            watcher = null;
        }
        if (toClose != null) {
            toClose.close();
        }
        registry.forget(this);
    }

    synchronized void startAt(long revision) {
        if (closed) {
            return;
        }
        int myGeneration = ++generation;
        WatchOption option = WatchOption.builder().isPrefix(true).withRevision(revision).build();
        watcher = registry.client().getWatchClient().watch(NodeRegistry.bytes(prefix), option, new Watch.Listener() {
            @Override
            public void onNext(WatchResponse response) {
                deliver(myGeneration, response);
            }

            @Override
            public void onError(Throwable error) {
                reportError(myGeneration, error);
            }

            @Override
            public void onCompleted() {
                // the client closes a watcher it cannot resume; our own close() bumps the generation first
                scheduleResync(myGeneration, 0);
            }
        });
    }

    private synchronized void deliver(int fromGeneration, WatchResponse response) {
        if (closed || fromGeneration != generation) {
            return;
        }
        retryMillis = MIN_RETRY_MILLIS;
        for (WatchEvent event : response.getEvents()) {
            KeyValue kv = event.getKeyValue();
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            if (!NodeRegistry.isDirectChild(prefix, key)) {
                continue;
            }
            String nodeId = key.substring(prefix.length());
            switch (event.getEventType()) {
                case PUT -> {
                    NodeStatus status;
                    try {
                        status = NodeRegistry.parse(kv);
                    } catch (RegistryException e) {
                        listener.onError(e);
                        continue;
                    }
                    listener.onEvent(new NodeEvent(NodeEvent.Type.PUT, kind, nodeId, status, kv.getModRevision()));
                }
                case DELETE -> listener.onEvent(new NodeEvent(NodeEvent.Type.DELETE, kind, nodeId, null,
                        kv.getModRevision()));
                default -> LOG.debug("ignoring watch event of type {} on {}", event.getEventType(), key);
            }
        }
    }

    private synchronized void reportError(int fromGeneration, Throwable error) {
        if (closed || fromGeneration != generation) {
            return;
        }
        LOG.debug("watch on {} reported {}", prefix, error.toString());
        listener.onError(error);
    }

    private void scheduleResync(int fromGeneration, long delayMillis) {
        synchronized (this) {
            if (closed || fromGeneration != generation || registry.isClosed()) {
                return;
            }
        }
        try {
            registry.watchScheduler().schedule(() -> resync(fromGeneration), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the registry is closing
        }
    }

    private void resync(int fromGeneration) {
        NodeListing listing;
        try {
            listing = registry.list(kind);
        } catch (RuntimeException e) {
            long delay;
            synchronized (this) {
                if (closed || fromGeneration != generation) {
                    return;
                }
                listener.onError(e);
                delay = retryMillis;
                retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
            }
            scheduleResync(fromGeneration, delay);
            return;
        }
        synchronized (this) {
            if (closed || fromGeneration != generation) {
                return;
            }
            LOG.info("watch on {} re-established after a gap; resynchronised at revision {}", prefix,
                    listing.revision());
            listener.onResync(listing);
            startAt(listing.revision() + 1);
        }
    }
}
