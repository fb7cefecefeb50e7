package io.tidbbinlog.pump.node;

import io.grpc.ChannelCredentials;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.proto.cistern.CisternGrpc;
import io.tidbbinlog.proto.cistern.NotifyReq;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every online drainer that a new pump exists, so it starts pulling from it at once instead of at its next
 * registry scan (spec §1.7, binlog:pump/node.go Notify / notifyDrainer): {@code /binlog.Cistern/Notify} to each
 * drainer's registered host, up to 3 attempts with 1 s then 2 s pauses, everything within one overall timeout (Pump:
 * 10 s). Calls wait for the connection to be ready (Go's blocking dial), so an unreachable drainer fails when the
 * overall time is up.
 */
public final class DrainerNotifier {

    /** Pump's {@code notifyDrainerTimeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(DrainerNotifier.class);

    private final ChannelCredentials credentials;
    private final Duration overallTimeout;

    /**
     * @param tls            the {@code [security]} files, or null for plaintext
     * @param overallTimeout how long notifying all drainers may take
     */
    public DrainerNotifier(TlsFiles tls, Duration overallTimeout) {
        this.credentials = credentialsFor(tls);
        this.overallTimeout = overallTimeout;
    }

    /**
     * Notifies each drainer whose state is {@code online}; the others are skipped.
     *
     * @throws IllegalStateException naming the first drainer that could not be notified
     */
    public void notifyOnline(Collection<NodeStatus> drainers) {
        Deadline deadline = Deadline.after(overallTimeout.toNanos(), TimeUnit.NANOSECONDS);
        for (NodeStatus drainer : drainers) {
            if (drainer.state() == NodeState.ONLINE) {
                notifyOne(drainer, deadline);
            }
        }
    }

    private void notifyOne(NodeStatus drainer, Deadline deadline) {
        LOG.info("Start trying to notify drainer {} at {}", drainer.nodeId(), drainer.host());
        ManagedChannel channel = Grpc.newChannelBuilder(drainer.host(), credentials).build();
        try {
            CisternGrpc.CisternBlockingStub stub = CisternGrpc.newBlockingStub(channel);
            Duration backoff = FIRST_BACKOFF;
            StatusRuntimeException last = null;
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    stub.withDeadline(deadline).withWaitForReady().notify(NotifyReq.getDefaultInstance());
                    LOG.info("notified drainer {} at {}", drainer.nodeId(), drainer.host());
                    return;
                } catch (StatusRuntimeException e) {
                    last = e;
                    LOG.warn("notify drainer({}) attempt {} failed: {}", drainer.host(), attempt, e.getStatus());
                }
                if (attempt == ATTEMPTS || deadline.timeRemaining(TimeUnit.NANOSECONDS) <= backoff.toNanos()) {
                    break;
                }
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
            throw new IllegalStateException("notify drainer(" + drainer.host() + "): " + last.getStatus(), last);
        } finally {
            channel.shutdownNow();
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while notifying drainers", e);
        }
    }

    private static ChannelCredentials credentialsFor(TlsFiles tls) {
        if (tls == null) {
            return InsecureChannelCredentials.create();
        }
        try {
            TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder().trustManager(tls.caFile().toFile());
            if (tls.hasClientCertificate()) {
                b.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TLS files for notifying drainers: " + e.getMessage(), e);
        }
    }
}
