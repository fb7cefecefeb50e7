package io.tidbbinlog.sim.status;

import io.tidbbinlog.sim.txn.KeyMvcc;
import io.tidbbinlog.sim.txn.MvccView;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** An MVCC store a test fills by hand; a transaction is found by its primary key's records. */
final class FixedMvcc implements MvccView {

    private final List<KeyMvcc> keys = new ArrayList<>();

    FixedMvcc put(KeyMvcc mvcc) {
        keys.add(mvcc);
        return this;
    }

    @Override
    public Optional<KeyMvcc> byKey(byte[] key) {
        String hex = HexFormat.of().formatHex(key);
        return keys.stream().filter(k -> HexFormat.of().formatHex(k.key()).equals(hex)).findFirst();
    }

    @Override
    public Optional<KeyMvcc> byStartTs(long startTs) {
        return keys.stream().filter(k -> (k.lock() != null && k.lock().startTs() == startTs)
                || k.writes().stream().anyMatch(w -> w.startTs() == startTs)).findFirst();
    }
}
