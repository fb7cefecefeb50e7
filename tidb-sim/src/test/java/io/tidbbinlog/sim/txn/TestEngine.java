package io.tidbbinlog.sim.txn;

import io.tidbbinlog.decode.HistorySchemaView;
import io.tidbbinlog.decode.PumpBinlogDecoder;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.schema.SchemaHistory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** An engine over an in-memory catalog, a counting TSO and a recording writer, with a listener that keeps every Txn. */
final class TestEngine implements AutoCloseable {
    final InMemoryCatalog catalog;
    final RecordingWriter writer = new RecordingWriter();
    final AtomicLong tso = new AtomicLong(400_000_000_000L);
    final List<Txn> committed = new ArrayList<>();
    final TxnEngine engine;

    TestEngine(InMemoryCatalog catalog, TxnEngine.Options options) {
        this.catalog = catalog;
        // Listeners are called one at a time; the list is read after the commits returned.
        this.engine = new TxnEngine(catalog, tso::incrementAndGet, writer, List.of(committed::add), options);
    }

    TestEngine(InMemoryCatalog catalog) {
        this(catalog, TxnEngine.Options.defaults());
    }

    /** Decodes the committed transactions from the binlogs alone, as a drainer behind Pump would. */
    List<Txn> decodeFromBinlogs(SchemaHistory history) {
        HistorySchemaView view = new HistorySchemaView(history);
        PumpBinlogDecoder decoder = new PumpBinlogDecoder(view, jobId -> catalog.ddlHistory(jobId, 1).stream()
                .filter(j -> j.id() == jobId).findFirst().map(view::describe).orElse(null));
        List<Txn> out = new ArrayList<>();
        for (Binlog b : writer.joinedCommits()) {
            decoder.decode(b).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public void close() {
        engine.close();
    }
}
