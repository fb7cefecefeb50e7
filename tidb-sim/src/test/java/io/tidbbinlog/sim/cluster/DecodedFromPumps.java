package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.decode.DdlDescription;
import io.tidbbinlog.decode.HistorySchemaView;
import io.tidbbinlog.decode.PumpBinlogDecoder;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.schema.DdlHistory;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.SchemaHistory;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A consumer's view of a simulated cluster, built from the outside only: the binlogs the pumps received, joined as
 * Pump joins them, and the schema read over TiDB's HTTP status API, decoded by binlog-core.
 */
public final class DecodedFromPumps {
    private final SchemaHistory history;
    private final List<Txn> txns;

    private DecodedFromPumps(SchemaHistory history, List<Txn> txns) {
        this.history = history;
        this.txns = txns;
    }

    /**
     * Joins what the pumps hold as Pump does (prewrites left without a commit binlog resolved over the status
     * API's MVCC answers) and decodes it.
     */
    public static DecodedFromPumps read(List<RecordingPumpServer> pumps, String statusUrl)
            throws IOException, InterruptedException {
        return decode(PumpJoin.join(pumps, new MvccResolver(statusUrl)).joined(), statusUrl);
    }

    /** Decodes joined commit binlogs (in commit_ts order) with the schema fetched from {@code statusUrl}. */
    public static DecodedFromPumps decode(List<Binlog> joined, String statusUrl)
            throws IOException, InterruptedException {
        StatusApiClient api = new StatusApiClient(statusUrl);
        List<Job> jobs = api.allJobs();
        SchemaHistory history = new SchemaHistory();
        history.applyAll(DdlHistory.applicableInOrder(jobs));
        HistorySchemaView view = new HistorySchemaView(history);
        Map<Long, DdlDescription> ddlById = new HashMap<>();
        for (Job j : jobs) {
            ddlById.put(j.id(), view.describe(j));
        }
        PumpBinlogDecoder decoder = new PumpBinlogDecoder(view, ddlById::get);
        List<Txn> txns = new ArrayList<>();
        for (Binlog b : joined) {
            decoder.decode(b).ifPresent(txns::add);
        }
        return new DecodedFromPumps(history, txns);
    }

    /** The schema history rebuilt from {@code /ddl/history}. */
    public SchemaHistory history() {
        return history;
    }

    /** The decoded transactions in commit_ts order. */
    public List<Txn> txns() {
        return txns;
    }
}
