package io.tidbbinlog.sim.txn;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Commit steps run one at a time, in commit_ts order, with timestamps fetched for whole batches of waiters. */
class CommitSequencerTest {
    /** A TSO that counts requests and hands out timestamps in reverse within a batch, as a reply may order them. */
    static final class CountingTso implements TsoSource {
        final AtomicLong last = new AtomicLong(1000);
        final AtomicInteger requests = new AtomicInteger();

        @Override
        public long next() {
            requests.incrementAndGet();
            return last.incrementAndGet();
        }

        @Override
        public long[] next(int count) {
            requests.incrementAndGet();
            long[] ts = new long[count];
            for (int i = count - 1; i >= 0; i--) {
                ts[i] = last.incrementAndGet();
            }
            return ts;
        }
    }

    @Test
    void concurrentCommitsRunTheirStepsInStrictlyIncreasingCommitTsOrder() throws Exception {
        CountingTso tso = new CountingTso();
        CommitSequencer sequencer = new CommitSequencer(tso, new Object());
        List<Long> stepOrder = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Long>> results = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            results.add(pool.submit(() -> sequencer.commit(stepOrder::add)));
        }
        List<Long> returned = new ArrayList<>();
        for (Future<Long> f : results) {
            returned.add(f.get());
        }
        pool.shutdown();
        assertEquals(4000, stepOrder.size());
        for (int i = 1; i < stepOrder.size(); i++) {
            assertTrue(stepOrder.get(i) > stepOrder.get(i - 1), "step " + i + " ran out of order: " + stepOrder);
        }
        Collections.sort(returned);
        assertEquals(stepOrder, returned, "each commit got the timestamp its step ran with");
    }

    @Test
    void commitsThatArriveWhileATimestampIsFetchedShareTheNextTsoRequest() throws Exception {
        CountDownLatch firstRequestMayAnswer = new CountDownLatch(1);
        CountingTso counting = new CountingTso();
        TsoSource gated = new TsoSource() {
            @Override
            public long next() {
                return next(1)[0];
            }

            @Override
            public long[] next(int count) {
                if (counting.requests.get() == 0) {
                    try {
                        firstRequestMayAnswer.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return counting.next(count);
            }
        };
        CommitSequencer sequencer = new CommitSequencer(gated, new Object());
        List<Long> stepOrder = Collections.synchronizedList(new ArrayList<>());
        Thread leader = new Thread(() -> sequencer.commit(stepOrder::add));
        leader.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> leader.getState() == Thread.State.WAITING);
        List<Thread> followers = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Thread t = new Thread(() -> sequencer.commit(stepOrder::add));
            followers.add(t);
            t.start();
        }
        // Every follower is parked in the sequencer, behind the leader's unanswered TSO request.
        await().atMost(10, TimeUnit.SECONDS).until(() -> followers.stream()
                .allMatch(t -> t.getState() == Thread.State.WAITING));
        firstRequestMayAnswer.countDown();
        leader.join();
        for (Thread t : followers) {
            t.join();
        }
        assertEquals(16, stepOrder.size());
        assertEquals(2, counting.requests.get(), "the leader's request, then one for all fifteen waiting");
    }

    @Test
    void aTsoFailureFailsOnlyTheCommitsThatWereWaitingForIt() {
        AtomicInteger calls = new AtomicInteger();
        TsoSource flaky = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("PD is unreachable");
            }
            return 5000 + calls.get();
        };
        CommitSequencer sequencer = new CommitSequencer(flaky, new Object());
        List<Long> ran = new ArrayList<>();
        CommitSequencer.NoCommitTs e = assertThrows(CommitSequencer.NoCommitTs.class, () -> sequencer.commit(ran::add));
        assertTrue(e.getMessage().contains("PD is unreachable"));
        assertEquals(List.of(), ran, "a commit without a timestamp never runs its step");
        assertEquals(5002, sequencer.commit(ran::add));
        assertEquals(List.of(5002L), ran);
    }
}
