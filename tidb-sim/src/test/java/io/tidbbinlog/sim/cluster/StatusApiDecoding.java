package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.decode.DdlDescription;
import io.tidbbinlog.decode.HistorySchemaView;
import io.tidbbinlog.decode.PumpBinlogDecoder;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.schema.DdlHistory;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.SchemaHistory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Decodes joined pump binlogs the way a drainer-side consumer does: schema from TiDB's status API only. */
final class StatusApiDecoding {

    private StatusApiDecoding() {
    }

    static PumpBinlogDecoder decoder(String statusUrl) throws IOException, InterruptedException {
        List<Job> jobs = new StatusApiClient(statusUrl).allJobs();
        SchemaHistory history = new SchemaHistory();
        history.applyAll(DdlHistory.applicableInOrder(jobs));
        HistorySchemaView view = new HistorySchemaView(history);
        Map<Long, DdlDescription> ddlById = new HashMap<>();
        for (Job j : jobs) {
            ddlById.put(j.id(), view.describe(j));
        }
        return new PumpBinlogDecoder(view, ddlById::get);
    }

    /** Every joined binlog (in the order given) decoded; DDL binlogs of earlier states yield nothing. */
    static List<Txn> decodeAll(String statusUrl, List<Binlog> joined) throws IOException, InterruptedException {
        PumpBinlogDecoder decoder = decoder(statusUrl);
        List<Txn> out = new ArrayList<>();
        for (Binlog b : joined) {
            decoder.decode(b).ifPresent(out::add);
        }
        return out;
    }
}
