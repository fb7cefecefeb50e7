package io.tidbbinlog.sim.txn;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TiKV's MVCC records as Pump reads them through TiDB's MVCC API (lock, then write or rollback). */
class MvccStoreTest {
    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void answersForLockedCommittedAndRolledBackTransactions() {
        MvccStore store = new MvccStore();
        store.prewrite(key("a"), 10, MvccOp.PUT, new byte[] {1, 2});
        KeyMvcc locked = store.byStartTs(10).orElseThrow();
        assertEquals(10, locked.lock().startTs());
        assertArrayEquals(new byte[] {1, 2}, locked.lock().shortValue());

        store.commit(key("a"), 10, 11);
        KeyMvcc committed = store.byKey(key("a")).orElseThrow();
        assertNull(committed.lock());
        assertEquals(MvccOp.PUT, committed.writes().get(0).op());
        assertEquals(11, committed.writes().get(0).commitTs());
        assertArrayEquals(new byte[] {1, 2}, committed.writes().get(0).shortValue());

        store.prewrite(key("a"), 20, MvccOp.DEL, null);
        store.rollback(key("a"), 20);
        KeyMvcc rolledBack = store.byStartTs(20).orElseThrow();
        assertNull(rolledBack.lock());
        // newest first; a rollback record is keyed by the start_ts
        assertEquals(MvccOp.ROLLBACK, rolledBack.writes().get(0).op());
        assertEquals(20, rolledBack.writes().get(0).commitTs());
        assertEquals(11, rolledBack.writes().get(1).commitTs());
    }

    @Test
    void longValuesAreDefaultCfValuesAndARollbackRemovesThem() {
        MvccStore store = new MvccStore();
        byte[] big = new byte[300];
        store.prewrite(key("b"), 5, MvccOp.PUT, big);
        assertNull(store.byKey(key("b")).orElseThrow().lock().shortValue());
        assertEquals(5, store.byKey(key("b")).orElseThrow().values().get(0).startTs());
        store.rollback(key("b"), 5);
        assertTrue(store.byKey(key("b")).orElseThrow().values().isEmpty());
    }

    @Test
    void anotherTransactionCannotPrewriteALockedKeyNorCommitSomeoneElsesLock() {
        MvccStore store = new MvccStore();
        store.prewrite(key("c"), 5, MvccOp.PUT, null);
        assertThrows(IllegalStateException.class, () -> store.prewrite(key("c"), 6, MvccOp.PUT, null));
        assertThrows(IllegalStateException.class, () -> store.commit(key("c"), 6, 7));
    }

    @Test
    void forgetsTheOldestTransactionsAndKeysBeyondItsBounds() {
        MvccStore store = new MvccStore(3, 2);
        for (int i = 1; i <= 5; i++) {
            store.prewrite(key("k" + i), i * 10, MvccOp.PUT, null);
            store.commit(key("k" + i), i * 10, i * 10 + 1);
        }
        assertFalse(store.byStartTs(10).isPresent());
        assertFalse(store.byKey(key("k1")).isPresent());
        assertTrue(store.byStartTs(50).isPresent());
        assertTrue(store.byKey(key("k4")).isPresent());
        assertEquals(2, store.keyCount());
    }
}
