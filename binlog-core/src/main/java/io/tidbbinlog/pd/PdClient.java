package io.tidbbinlog.pd;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.tidbbinlog.proto.pdpb.ErrorType;
import io.tidbbinlog.proto.pdpb.GetMembersRequest;
import io.tidbbinlog.proto.pdpb.GetMembersResponse;
import io.tidbbinlog.proto.pdpb.Member;
import io.tidbbinlog.proto.pdpb.PDGrpc;
import io.tidbbinlog.proto.pdpb.RequestHeader;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of PD that Pump and Drainer use (spec §13): the cluster id and timestamps.
 *
 * <p>{@link #connect} asks the configured URLs for {@code GetMembers} until one answers, learns the cluster id
 * from the response header and opens the TSO stream to the leader's client URL. Concurrent {@link #getTs()}
 * callers share one TSO request; timestamps handed out by one client strictly increase. When the stream
 * breaks or PD reports an error, the client asks any configured or known PD for the leader again and
 * reconnects with backoff, so a PD restart or leader change only delays callers.
 */
public final class PdClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PdClient.class);

    private static final long MEMBERS_DEADLINE_CAP_MILLIS = 3_000;
    private static final long MEMBERS_DEADLINE_FLOOR_MILLIS = 1_000;
    private static final long CONNECT_DEADLINE_FLOOR_MILLIS = 10_000;

    private final PdClientConfig config;
    private final PdChannels channels;
    private final TsoDispatcher tso;
    private final Object membersLock = new Object();
    private volatile long clusterId;
    private volatile PdMembers lastMembers;
    private volatile String leaderUrl;

    private PdClient(PdClientConfig config) {
        this.config = config;
        this.channels = new PdChannels(config.urls().usesTls(), config.tls());
        this.tso = new TsoDispatcher(new TsoDispatcher.LeaderSource() {
            @Override
            public long clusterId() {
                return PdClient.this.clusterId;
            }

            @Override
            public ManagedChannel leaderChannel() {
                return channels.forUrl(leaderUrl);
            }

            @Override
            public void leaderFailed(Throwable cause) {
                refreshMembers(membersDeadlineMillis());
            }
        }, config.requestTimeout().toNanos());
    }

    /** Connects to PD and finds the leader; fails when no configured URL answers. */
    public static PdClient connect(PdClientConfig config) {
        PdClient client = new PdClient(config);
        try {
            client.refreshMembers(client.connectDeadlineMillis());
            client.tso.start();
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    public static PdClient connect(String pdUrls) {
        return connect(PdClientConfig.of(pdUrls));
    }

    /** The cluster id PD reported; the same for the life of the client. */
    public long clusterId() {
        return clusterId;
    }

    /** The client URL TSO requests currently go to. */
    public String leaderUrl() {
        return leaderUrl;
    }

    /** Asks PD for its members now (and follows the leader it names). */
    public PdMembers members() {
        return refreshMembers(membersDeadlineMillis());
    }

    /** A fresh timestamp, strictly greater than every one this client returned before. */
    public long getTs() {
        CompletableFuture<Long> future = getTsAsync();
        try {
            // the dispatcher fails the future at the deadline; the margin only guards against a stuck dispatcher
            return future.get(config.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PdException pd) {
                throw new PdException(pd.getMessage(), pd.errorType(), pd);
            }
            throw new PdException("getting a timestamp failed: " + cause, cause);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new PdException("no timestamp from PD within " + config.requestTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PdException("interrupted while waiting for a timestamp", e);
        }
    }

    /**
     * A timestamp, asynchronously; completes exceptionally with a {@link PdException}. Completion runs on the
     * client's dispatcher thread: keep dependent actions short or move them to an executor.
     */
    public CompletableFuture<Long> getTsAsync() {
        return tso.submit();
    }

    /** Number of TSO requests sent to PD so far: fewer than timestamps handed out when callers overlap. */
    public long tsoRequestsSent() {
        return tso.requestsSent();
    }

    @Override
    public void close() {
        tso.close();
        channels.close();
    }

    private PdMembers refreshMembers(long deadlineMillis) {
        synchronized (membersLock) {
            channels.resetBackoff();
            List<String> failures = new ArrayList<>();
            for (String url : candidateUrls()) {
                try {
                    PdMembers members = getMembers(url, deadlineMillis);
                    String newLeader = members.leader().clientUrls().get(0);
                    if (!newLeader.equals(leaderUrl)) {
                        LOG.info("PD leader is {} at {}", members.leader().name(), newLeader);
                    }
                    lastMembers = members;
                    leaderUrl = newLeader;
                    return members;
                } catch (PdException | StatusRuntimeException e) {
                    failures.add(url + ": " + e.getMessage());
                }
            }
            throw new PdException("no PD leader found; tried " + String.join("; ", failures));
        }
    }

    /**
     * One silent PD must not use up the callers' whole wait before the next URL is tried; a very short request
     * timeout must still leave time to dial.
     */
    private long membersDeadlineMillis() {
        return Math.max(MEMBERS_DEADLINE_FLOOR_MILLIS, Math.min(config.requestTimeout().toMillis(),
                MEMBERS_DEADLINE_CAP_MILLIS));
    }

    /** The first call also loads and warms up gRPC and TLS, which takes seconds on a busy machine. */
    private long connectDeadlineMillis() {
        return Math.max(config.requestTimeout().toMillis(), CONNECT_DEADLINE_FLOOR_MILLIS);
    }

    /** The configured URLs first, then the client URLs of members learned earlier. */
    private Set<String> candidateUrls() {
        Set<String> urls = new LinkedHashSet<>();
        for (URI url : config.urls().urls()) {
            urls.add(url.toString());
        }
        PdMembers known = lastMembers;
        if (known != null) {
            for (PdMember m : known.members()) {
                urls.addAll(m.clientUrls());
            }
        }
        return urls;
    }

    private PdMembers getMembers(String url, long deadlineMillis) {
        GetMembersResponse response = PDGrpc.newBlockingStub(channels.forUrl(url))
                .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
                .getMembers(GetMembersRequest.newBuilder()
                        .setHeader(RequestHeader.newBuilder().setClusterId(clusterId))
                        .build());
        var header = response.getHeader();
        if (header.hasError() && header.getError().getType() != ErrorType.OK) {
            throw new PdException("GetMembers returned " + header.getError().getType() + ": "
                    + header.getError().getMessage(), header.getError().getType(), null);
        }
        long reported = header.getClusterId();
        if (reported == 0) {
            throw new PdException("GetMembers answered without a cluster id");
        }
        if (clusterId != 0 && reported != clusterId) {
            throw new PdException("belongs to cluster " + reported + ", not " + clusterId);
        }
        if (!response.hasLeader() || response.getLeader().getClientUrlsCount() == 0) {
            throw new PdException("PD has no leader right now");
        }
        clusterId = reported;
        List<PdMember> members = new ArrayList<>();
        for (Member m : response.getMembersList()) {
            members.add(PdMember.of(m));
        }
        return new PdMembers(reported, members, PdMember.of(response.getLeader()), url);
    }
}
