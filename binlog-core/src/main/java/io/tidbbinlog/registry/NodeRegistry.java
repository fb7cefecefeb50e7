package io.tidbbinlog.registry;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The TiDB Binlog node registry in etcd (spec §5): one key per pump or drainer, holding its {@link NodeStatus}.
 * Writes follow TiDB Binlog exactly: create only if the key is absent, update only if it is present, no leases
 * (entries stay until someone deletes them), so the real TiDB, binlogctl and drainers read what we write.
 *
 * <p>Every call waits at most the configured request timeout and fails with a {@link RegistryException}; the
 * underlying client reconnects by itself, so the next call after an etcd restart works again.
 */
public final class NodeRegistry implements AutoCloseable {

    private static final int STATE_UPDATE_ATTEMPTS = 16;

    private final Client client;
    private final ExecutorService ownedExecutor;
    private final boolean ownsClient;
    private final String root;
    private final Duration timeout;
    private final ScheduledExecutorService watchScheduler;
    private final Set<NodeWatch> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private NodeRegistry(Client client, ExecutorService ownedExecutor, boolean ownsClient, String root,
                         Duration timeout) {
        this.client = client;
        this.ownedExecutor = ownedExecutor;
        this.ownsClient = ownsClient;
        this.root = root;
        this.timeout = timeout;
        this.watchScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "etcd-registry-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Connects to the configured etcd; closing the registry closes the connection. */
    public static NodeRegistry connect(RegistryConfig config) {
        EtcdClients.Built built = EtcdClients.build(config);
        return new NodeRegistry(built.client(), built.executor(), true, config.rootPath(), config.requestTimeout());
    }

    /** Uses a client the caller owns (and closes) itself. */
    public static NodeRegistry over(Client client, String rootPath, Duration requestTimeout) {
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
        return new NodeRegistry(client, null, false, NodeKeys.normalizeRoot(rootPath), requestTimeout);
    }

    public String rootPath() {
        return root;
    }

    /** The etcd key of a node: {@code <root>/<pumps|drainers>/<nodeId>}. */
    public String keyOf(NodeKind kind, String nodeId) {
        return NodeKeys.key(root, kind, nodeId);
    }

    /** Writes a new entry; fails with {@link NodeAlreadyExistsException} if the key exists. */
    public void create(NodeKind kind, NodeStatus status) {
        String key = keyOf(kind, status.nodeId());
        ByteSequence k = bytes(key);
        TxnResponse response = await(kv().txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(0)))
                .Then(Op.put(k, ByteSequence.from(status.toJsonBytes()), PutOption.DEFAULT))
                .commit(), "create " + key);
        if (!response.isSucceeded()) {
            throw new NodeAlreadyExistsException(key);
        }
    }

    /** Overwrites an existing entry; fails with {@link NodeNotFoundException} if the key is absent. */
    public void update(NodeKind kind, NodeStatus status) {
        String key = keyOf(kind, status.nodeId());
        ByteSequence k = bytes(key);
        TxnResponse response = await(kv().txn()
                .If(new Cmp(k, Cmp.Op.GREATER, CmpTarget.modRevision(0)))
                .Then(Op.put(k, ByteSequence.from(status.toJsonBytes()), PutOption.DEFAULT))
                .commit(), "update " + key);
        if (!response.isSucceeded()) {
            throw new NodeNotFoundException(key);
        }
    }

    /**
     * What a node does to register and heartbeat: create the entry when absent, update it otherwise (TiDB
     * Binlog's {@code UpdateNode}). A concurrent create or delete between the two steps surfaces as an error
     * rather than being papered over, as in TiDB Binlog.
     */
    public void updateNode(NodeKind kind, NodeStatus status) {
        if (get(kind, status.nodeId()).isPresent()) {
            update(kind, status);
        } else {
            create(kind, status);
        }
    }

    /** The entry of one node, or empty when there is none. */
    public Optional<NodeStatus> get(NodeKind kind, String nodeId) {
        String key = keyOf(kind, nodeId);
        GetResponse response = await(kv().get(bytes(key)), "get " + key);
        if (response.getKvs().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(response.getKvs().get(0)));
    }

    /**
     * All entries of one kind and the revision they were read at. Keys nested deeper than
     * {@code <kind>/<nodeId>} are not node entries and are skipped; an entry that does not parse fails the
     * listing with its key in the message, as TiDB Binlog's listing does.
     */
    public NodeListing list(NodeKind kind) {
        String prefix = NodeKeys.prefix(root, kind);
        GetResponse response = await(kv().get(bytes(prefix), GetOption.builder().isPrefix(true).build()),
                "list " + prefix);
        List<NodeStatus> nodes = new ArrayList<>(response.getKvs().size());
        for (KeyValue kv : response.getKvs()) {
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            if (isDirectChild(prefix, key)) {
                nodes.add(parse(kv));
            }
        }
        return new NodeListing(kind, nodes, response.getHeader().getRevision());
    }

    /**
     * Sets only the {@code state} of an existing entry and keeps every other field, like {@code binlogctl
     * update-pump -state}. The write is conditional on the entry not having changed since it was read (a
     * heartbeat in between would otherwise be lost or undone), retried a few times.
     *
     * @return the entry as written
     */
    public NodeStatus updateState(NodeKind kind, String nodeId, NodeState state) {
        String key = keyOf(kind, nodeId);
        ByteSequence k = bytes(key);
        for (int attempt = 0; attempt < STATE_UPDATE_ATTEMPTS; attempt++) {
            GetResponse current = await(kv().get(k), "get " + key);
            if (current.getKvs().isEmpty()) {
                throw new NodeNotFoundException(key);
            }
            KeyValue kv = current.getKvs().get(0);
            NodeStatus updated = parse(kv).withState(state);
            TxnResponse response = await(kv().txn()
                    .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(kv.getModRevision())))
                    .Then(Op.put(k, ByteSequence.from(updated.toJsonBytes()), PutOption.DEFAULT))
                    .commit(), "update state of " + key);
            if (response.isSucceeded()) {
                return updated;
            }
        }
        throw new RegistryException("state of " + key + " not updated: the entry kept changing during "
                + STATE_UPDATE_ATTEMPTS + " attempts");
    }

    /** Deletes an entry (TiDB Binlog never does; tests and manual clean-up do). Returns whether it existed. */
    public boolean delete(NodeKind kind, String nodeId) {
        String key = keyOf(kind, nodeId);
        return await(kv().delete(bytes(key)), "delete " + key).getDeleted() > 0;
    }

    /**
     * Watches all entries of one kind from {@code fromRevision} on (0 or less: from now). Use
     * {@code list(kind).revision() + 1} to continue exactly after a listing. See {@link NodeEventListener} for
     * what happens when etcd cannot replay the history any more.
     */
    public NodeWatch watch(NodeKind kind, long fromRevision, NodeEventListener listener) {
        if (closed) {
            throw new IllegalStateException("registry is closed");
        }
        NodeWatch watch = new NodeWatch(this, kind, listener);
        watches.add(watch);
        watch.startAt(Math.max(0, fromRevision));
        return watch;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (NodeWatch watch : List.copyOf(watches)) {
            watch.close();
        }
        watchScheduler.shutdownNow();
        if (ownsClient) {
            client.close();
            ownedExecutor.shutdownNow();
        }
    }

    /**
     * The etcd client underneath, owned by this registry (do not close it), for reads of PD's etcd outside the
     * binlog registry: TiDB's own topology under {@code /topology/tidb}, for example.
     */
    public Client client() {
        return client;
    }

    ScheduledExecutorService watchScheduler() {
        return watchScheduler;
    }

    boolean isClosed() {
        return closed;
    }

    void forget(NodeWatch watch) {
        watches.remove(watch);
    }

    String prefixOf(NodeKind kind) {
        return NodeKeys.prefix(root, kind);
    }

    static boolean isDirectChild(String prefix, String key) {
        return key.length() > prefix.length() && key.startsWith(prefix) && key.indexOf('/', prefix.length()) < 0;
    }

    static NodeStatus parse(KeyValue kv) {
        try {
            return NodeStatus.fromJson(kv.getValue().getBytes());
        } catch (IllegalArgumentException e) {
            throw new RegistryException("registry entry " + kv.getKey().toString(StandardCharsets.UTF_8)
                    + " is not a node status: " + e.getMessage(), e);
        }
    }

    static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    private KV kv() {
        if (closed) {
            throw new IllegalStateException("registry is closed");
        }
        return client.getKVClient();
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new RegistryException(what + ": no answer from etcd within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RegistryException(what + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegistryException(what + " interrupted", e);
        }
    }
}
