package io.tidbbinlog.sim.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tidbbinlog.sim.catalog.CatalogView;
import io.tidbbinlog.sim.pumpclient.SkippingOnErrorWriter;
import io.tidbbinlog.sim.txn.MvccView;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches a decoded path against TiDB's routes (gorilla/mux in pingcap/tidb {@code pkg/server/http_status.go}):
 * a segment variable matches one non-empty segment, a trailing slash is a different path, anything else is 404.
 */
final class StatusRoutes {

    private final TidbStatusConfig config;
    private final SchemaApi schema;
    private final DdlHistoryApi history;
    private final MvccApi mvcc;
    private final BinlogRecoverApi binlogRecover;

    StatusRoutes(TidbStatusConfig config, CatalogView catalog, MvccView mvccView) {
        this(config, catalog, mvccView, null);
    }

    /** {@code ignoreErrorSwitch}: null when the TiDB runs without {@code binlog.ignore-error}. */
    StatusRoutes(TidbStatusConfig config, CatalogView catalog, MvccView mvccView,
                 SkippingOnErrorWriter ignoreErrorSwitch) {
        this.config = config;
        this.schema = new SchemaApi(catalog);
        this.history = new DdlHistoryApi(catalog);
        this.mvcc = new MvccApi(mvccView, catalog);
        this.binlogRecover = new BinlogRecoverApi(ignoreErrorSwitch);
    }

    Reply answer(String path, QueryParams query) {
        List<String> s = segments(path);
        if (s == null) {
            return Reply.notFound();
        }
        int n = s.size();
        String first = n > 0 ? s.get(0) : "";
        switch (first) {
            case "status":
                if (n == 1) {
                    return Reply.json(GoJson.compact(new Status(config.connections().getAsInt(), config.version(),
                            config.gitHash())));
                }
                break;
            case "schema":
                if (n == 1) {
                    return schema.schema(query);
                }
                if (n == 2) {
                    return schema.database(s.get(1), query);
                }
                if (n == 3) {
                    return schema.table(s.get(1), s.get(2));
                }
                break;
            case "db-table":
                if (n == 2) {
                    return schema.dbTable(s.get(1));
                }
                break;
            case "ddl":
                if (n == 2 && s.get(1).equals("history")) {
                    return history.history(query);
                }
                break;
            case "mvcc":
                if (n == 3 && s.get(1).equals("hex")) {
                    return mvcc.byHex(s.get(2));
                }
                if (n == 3 && s.get(1).equals("txn")) {
                    return mvcc.byStartTs(s.get(2), null, null);
                }
                if (n == 5 && s.get(1).equals("txn")) {
                    return mvcc.byStartTs(s.get(2), s.get(3), s.get(4));
                }
                break;
            case "binlog":
                if (n == 2 && s.get(1).equals("recover")) {
                    return binlogRecover.recover(query);
                }
                break;
            default:
                break;
        }
        return Reply.notFound();
    }

    /** The path's segments, or null when one is empty (no route matches it). */
    private static List<String> segments(String path) {
        if (path == null || !path.startsWith("/") || path.length() == 1) {
            return null;
        }
        List<String> out = new ArrayList<>();
        int from = 1;
        while (true) {
            int slash = path.indexOf('/', from);
            String seg = slash < 0 ? path.substring(from) : path.substring(from, slash);
            if (seg.isEmpty()) {
                return null;
            }
            out.add(seg);
            if (slash < 0) {
                return out;
            }
            from = slash + 1;
        }
    }

    /** TiDB's {@code status} struct ({@code pkg/server/http_status.go handleStatus}). */
    record Status(@JsonProperty("connections") int connections, @JsonProperty("version") String version,
                  @JsonProperty("git_hash") String gitHash) {
    }
}
