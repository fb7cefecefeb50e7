package io.tidbbinlog.pd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.tidbbinlog.proto.pdpb.Error;
import io.tidbbinlog.proto.pdpb.ErrorType;
import io.tidbbinlog.proto.pdpb.TsoRequest;
import io.tidbbinlog.testservices.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PdClientTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private FakePd pd(String name) {
        FakePd pd = FakePd.start(name);
        toClose.add(pd);
        return pd;
    }

    private PdClient client(String urls, Duration timeout) {
        PdClient client = PdClient.connect(PdClientConfig.of(urls).withRequestTimeout(timeout));
        toClose.add(client);
        return client;
    }

    @Test
    void learnsTheClusterIdFromGetMembersWithoutSendingOne() {
        FakePd pd = pd("pd1");
        PdClient client = client(pd.url(), Duration.ofSeconds(5));

        assertEquals(FakePd.CLUSTER_ID, client.clusterId());
        assertEquals(0, pd.membersRequests.get(0).getHeader().getClusterId());
        PdMembers members = client.members();
        assertEquals("pd1", members.leader().name());
        assertEquals(List.of(pd.url()), members.leader().clientUrls());
        assertEquals(FakePd.CLUSTER_ID, members.clusterId());
    }

    @Test
    void timestampsCarryTheClusterIdAndDecodeToNow() {
        FakePd pd = pd("pd1");
        PdClient client = client(pd.url(), Duration.ofSeconds(5));

        long before = System.currentTimeMillis();
        long ts = client.getTs();
        long after = System.currentTimeMillis();

        assertTrue(Tso.physical(ts) >= before - 1 && Tso.physical(ts) <= after + 1, Tso.describe(ts));
        TsoRequest request = pd.tsoRequests.get(0);
        assertEquals(FakePd.CLUSTER_ID, request.getHeader().getClusterId());
        assertEquals(1, request.getCount());
        assertTrue(client.getTs() > ts);
    }

    @Test
    void concurrentCallersShareRequestsAndGetUniqueIncreasingTimestamps() throws Exception {
        FakePd pd = pd("pd1");
        pd.tsoDelayMillis = 5;   // while one request is in flight the others queue up
        PdClient client = client(pd.url(), Duration.ofSeconds(20));
        int threads = 32;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    long[] got = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        got[i] = client.getTs();
                    }
                    return got;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<long[]> f : results) {
                long[] got = f.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < got.length; i++) {
                    assertTrue(all.add(got[i]), "duplicate timestamp " + got[i]);
                    if (i > 0) {
                        assertTrue(got[i] > got[i - 1], "not increasing within a caller");
                    }
                }
            }
            int total = threads * perThread;
            assertEquals(total, all.size());
            int requests = pd.tsoRequests.size();
            assertEquals(total, pd.tsoRequests.stream().mapToInt(TsoRequest::getCount).sum());
            assertTrue(requests < total / 4, "expected batching, got " + requests + " requests for " + total);
            assertTrue(pd.tsoRequests.stream().anyMatch(r -> r.getCount() > 1));
            assertEquals(requests, client.tsoRequestsSent());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBatchGetsTheNConsecutiveTimestampsEndingWithPdsReply() throws Exception {
        FakePd pd = pd("pd1");
        PdClient client = client(pd.url(), Duration.ofSeconds(5));
        client.getTs();
        pd.tsoDelayMillis = 300;
        CompletableFuture<Long> first = client.getTsAsync();      // in flight alone
        Thread.sleep(100);
        List<CompletableFuture<Long>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            queued.add(client.getTsAsync());                       // wait behind it: one request of 10
        }
        first.get(5, TimeUnit.SECONDS);
        long[] got = new long[10];
        for (int i = 0; i < 10; i++) {
            got[i] = queued.get(i).get(5, TimeUnit.SECONDS);
        }
        TsoRequest batchRequest = pd.tsoRequests.get(pd.tsoRequests.size() - 1);
        assertEquals(10, batchRequest.getCount());
        for (int i = 1; i < 10; i++) {
            assertEquals(got[0] + i, got[i], "consecutive in submission order");
        }
        assertEquals(Tso.physical(got[0]), Tso.physical(got[9]));
    }

    @Test
    void followsTheLeaderNamedByGetMembers() {
        FakePd follower = pd("follower");
        FakePd leader = pd("leader");
        follower.leader = leader;
        PdClient client = client(follower.url(), Duration.ofSeconds(5));

        assertEquals(leader.url(), client.leaderUrl());
        long ts = client.getTs();
        assertEquals(1, leader.tsoRequests.size());
        assertTrue(follower.tsoRequests.isEmpty());

        // the leader dies and the other one takes over
        leader.stop();
        follower.leader = follower;
        long after = client.getTs();
        assertTrue(after > ts);
        assertEquals(follower.url(), client.leaderUrl());
        assertFalse(follower.tsoRequests.isEmpty());
    }

    @Test
    void aNotLeaderRejectionMakesTheClientAskForTheLeaderAgain() {
        FakePd a = pd("a");
        FakePd b = pd("b");
        a.leader = a;
        b.leader = a;
        PdClient client = client(a.url() + "," + b.url(), Duration.ofSeconds(5));
        long ts = client.getTs();

        a.rejectTso = Status.UNKNOWN.withDescription("generate timestamp failed, requested pd is not leader of cluster");
        a.leader = b;
        b.leader = b;
        long after = client.getTs();

        assertTrue(after > ts);
        assertEquals(b.url(), client.leaderUrl());
        assertEquals(1, b.tsoRequests.size());
    }

    @Test
    void reconnectsWhenPdComesBackOnTheSamePort() throws Exception {
        FakePd pd = pd("pd1");
        PdClient client = client(pd.url(), Duration.ofSeconds(15));
        long ts = client.getTs();

        pd.stop();
        CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(client::getTs);
        Thread.sleep(700);
        assertFalse(waiting.isDone());
        pd.start();

        long after = waiting.get(15, TimeUnit.SECONDS);
        assertTrue(after > ts);
    }

    @Test
    void recoversPromptlyEvenAfterALongOutage() throws Exception {
        FakePd pd = pd("pd1");
        PdClient client = client(pd.url(), Duration.ofMillis(500));
        client.getTs();
        pd.stop();
        long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        while (System.nanoTime() < outageEnds) {
            assertThrows(PdException.class, client::getTs);   // gRPC's own redial backoff grows meanwhile
        }
        pd.start();

        long start = System.nanoTime();
        Long ts = null;
        while (ts == null && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
            try {
                ts = client.getTs();
            } catch (PdException e) {
                // still reconnecting
            }
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ts != null && tookMillis < 2_500, "recovered after " + tookMillis + " ms");
    }

    @Test
    void anErrorInPdsResponseHeaderReachesTheCallerWithItsMessage() {
        FakePd pd = pd("pd1");
        PdClient client = client(pd.url(), Duration.ofSeconds(5));
        pd.nextTsoHeaderError.set(Error.newBuilder().setType(ErrorType.NOT_BOOTSTRAPPED)
                .setMessage("cluster is not bootstrapped").build());

        PdException e = assertThrows(PdException.class, client::getTs);
        assertTrue(e.getMessage().contains("cluster is not bootstrapped"), e.getMessage());
        assertEquals(ErrorType.NOT_BOOTSTRAPPED, e.errorType());
        assertTrue(client.getTs() > 0, "the next call works again");
    }

    @Test
    void callersGiveUpAfterTheTimeoutWhilePdIsDown() {
        FakePd pd = pd("pd1");
        PdClient client = client(pd.url(), Duration.ofMillis(800));
        client.getTs();
        pd.stop();

        long start = System.nanoTime();
        PdException e = assertThrows(PdException.class, client::getTs);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("no timestamp from PD within 800 ms"), e.getMessage());
        assertTrue(tookMillis < 5_000, "took " + tookMillis + " ms");
    }

    @Test
    void connectFailsNamingEveryUrlWhenNoPdAnswers() {
        String dead = "http://127.0.0.1:" + FreePorts.pick();
        PdException e = assertThrows(PdException.class,
                () -> PdClient.connect(PdClientConfig.of(dead).withRequestTimeout(Duration.ofSeconds(1))));
        assertTrue(e.getMessage().contains(dead), e.getMessage());
    }

    @Test
    void aPdOfAnotherClusterIsNeverUsed() {
        FakePd ours = pd("ours");
        FakePd stranger = FakePd.start("stranger", 42);
        toClose.add(stranger);
        PdClient client = client(ours.url() + "," + stranger.url(), Duration.ofSeconds(1));
        client.getTs();

        ours.stop();
        PdException e = assertThrows(PdException.class, client::getTs);
        assertTrue(e.getMessage().contains("belongs to cluster 42, not " + FakePd.CLUSTER_ID), e.getMessage());
        assertTrue(stranger.tsoRequests.isEmpty());
    }

    @Test
    void closingFailsLaterCalls() {
        FakePd pd = pd("pd1");
        PdClient client = PdClient.connect(pd.url());
        client.getTs();
        client.close();
        assertThrows(PdException.class, client::getTs);
    }

    @Test
    void urlsMustBeHttpOrHttpsWithHostAndPort() {
        assertThrows(IllegalArgumentException.class, () -> PdClientConfig.of("127.0.0.1:2379"));
        assertThrows(IllegalArgumentException.class, () -> PdClientConfig.of("http://127.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> PdClientConfig.of("http://a:1,https://b:2"));
        assertEquals(List.of("a:1", "b:2"), ClusterUrls.parse(" http://a:1 , http://b:2 ").authorities());
    }
}
