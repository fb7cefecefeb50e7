package io.tidbbinlog.sim.autoid;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TiDB's autoid idea (pkg/meta/autoid/autoid.go): persist a block's upper bound before handing out its ids. */
class IdBlockAllocatorTest {

    @Test
    void idsStartAtOneAndIncreaseWhileOnlyOneBoundPerBlockIsSaved() {
        CountingStore store = new CountingStore();
        IdBlockAllocator a = new IdBlockAllocator(store, "t", 10);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(a.next());
        }
        assertEquals(1L, ids.get(0));
        assertEquals(25L, ids.get(24));
        for (int i = 1; i < ids.size(); i++) {
            assertEquals(ids.get(i - 1) + 1, ids.get(i));
        }
        assertEquals(List.of(10L, 20L, 30L), store.saves, "one save per block of 10");
    }

    @Test
    void aCrashedAllocatorsSuccessorContinuesAboveTheSavedBoundAndNeverRepeats() {
        IdBoundStore store = IdBoundStore.inMemory();
        Set<Long> seen = new HashSet<>();
        long last = 0;
        for (int run = 0; run < 5; run++) {
            // No close: the allocator is dropped mid-block, as a crash would leave it.
            IdBlockAllocator a = new IdBlockAllocator(store, "t", 7);
            for (int i = 0; i < 3 + run * 4; i++) {
                long id = a.next();
                assertTrue(seen.add(id), "id " + id + " repeated in run " + run);
                assertTrue(id > last, "ids increase across runs");
                last = id;
            }
        }
    }

    @Test
    void noIdIsHandedOutWhenItsBlockCouldNotBeSaved() {
        IdBoundStore failing = new CountingStore() {
            @Override
            public void save(String key, long bound) {
                throw new IllegalStateException("disk full");
            }
        };
        IdBlockAllocator a = new IdBlockAllocator(failing, "t", 5);
        assertThrows(IllegalStateException.class, a::next);
        assertEquals(0, a.lastId());
    }

    @Test
    void rebaseInsideTheBlockSavesNothingAndBeyondItReservesFromTheUsedId() {
        CountingStore store = new CountingStore();
        IdBlockAllocator a = new IdBlockAllocator(store, "t", 100);
        a.next();
        a.rebase(50);
        assertEquals(51, a.next());
        assertEquals(List.of(100L), store.saves);
        a.rebase(1_000);
        assertEquals(List.of(100L, 1_100L), store.saves, "TiDB's rebase reserves required base + step");
        assertEquals(1_001, a.next());
        a.rebase(10);
        assertEquals(1_002, a.next(), "a rebase below the base changes nothing");
        // After a crash the successor is above the rebased id too.
        assertEquals(1_101, new IdBlockAllocator(store, "t", 100).next());
    }

    @Test
    void keysAreIndependentAndARemovedKeyStartsOver() {
        IdBoundStore store = IdBoundStore.inMemory();
        IdBlockAllocator a = new IdBlockAllocator(store, "1", 10);
        IdBlockAllocator b = new IdBlockAllocator(store, "2", 10);
        assertEquals(1, a.next());
        assertEquals(1, b.next());
        assertEquals(Set.of("1", "2"), store.keys());
        store.remove("1");
        assertEquals(Set.of("2"), store.keys());
        assertEquals(1, new IdBlockAllocator(store, "1", 10).next());
    }

    @Test
    void badStepsAndBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new IdBlockAllocator(IdBoundStore.inMemory(), "t", 0));
        IdBoundStore store = IdBoundStore.inMemory();
        store.save("t", -3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new IdBlockAllocator(store, "t", 1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
        store.save("t", Long.MAX_VALUE - 1);
        assertThrows(IllegalStateException.class, () -> new IdBlockAllocator(store, "t", 5).next());
    }

    private static class CountingStore implements IdBoundStore {
        final List<Long> saves = new ArrayList<>();
        private final Map<String, Long> bounds = new ConcurrentHashMap<>();

        @Override
        public long bound(String key) {
            return bounds.getOrDefault(key, 0L);
        }

        @Override
        public void save(String key, long bound) {
            saves.add(bound);
            bounds.put(key, bound);
        }

        @Override
        public void remove(String key) {
            bounds.remove(key);
        }

        @Override
        public Set<String> keys() {
            return Set.copyOf(bounds.keySet());
        }
    }
}
