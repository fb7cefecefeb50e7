package io.tidbbinlog.sim.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tidbbinlog.schema.CIStr;
import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.sim.catalog.CatalogView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * TiDB's schema routes (pingcap/tidb {@code pkg/server/handler/tikvhandler/tikv_handler_schema.go} SchemaHandler,
 * {@code tikv_handler.go} DBTableHandler): {@code /schema}, {@code /schema/{db}}, {@code /schema/{db}/{table}},
 * {@code /schema?table_id=}, {@code /schema?table_ids=} and {@code /db-table/{tableID}}. A table id may also be
 * a partition id, which answers with its partitioned table, as TiDB's {@code FindTableByPartitionID} does.
 */
final class SchemaApi {

    static final int MAX_TABLE_IDS = 1_000;

    private final CatalogView catalog;

    SchemaApi(CatalogView catalog) {
        this.catalog = catalog;
    }

    /** {@code GET /schema[?table_id=|?table_ids=]}. */
    Reply schema(QueryParams query) {
        String tableId = query.value("table_id");
        if (!tableId.isEmpty()) {
            return Reply.json(GoJson.indented(tableByIdText(tableId)));
        }
        String tableIds = query.value("table_ids");
        if (!tableIds.isEmpty()) {
            String[] ids = tableIds.split(",", -1);
            if (ids.length > MAX_TABLE_IDS) {
                throw new TidbRequestException("too many table_ids (more than " + MAX_TABLE_IDS + ")");
            }
            // Go writes map[int64]*TableInfo with its keys sorted as strings
            Map<String, TableInfo> found = new TreeMap<>();
            for (String id : ids) {
                try {
                    TableInfo t = tableByIdText(id);
                    found.put(Long.toString(t.id()), t);
                } catch (TidbRequestException skipped) {
                    // TiDB leaves out ids it cannot find
                }
            }
            if (found.isEmpty()) {
                throw new TidbRequestException("All tables are not found");
            }
            return Reply.json(GoJson.indented(found));
        }
        return Reply.json(GoJson.indented(catalog.databases()));
    }

    /** {@code GET /schema/{db}[?id_name_only=true]}. */
    Reply database(String db, QueryParams query) {
        if (catalog.database(db).isEmpty()) {
            throw TidbRequestException.unknownDatabase(db);
        }
        List<TableInfo> tables = catalog.tables(db);
        if ("true".equals(query.value("id_name_only"))) {
            List<TableNameInfo> names = new ArrayList<>(tables.size());
            for (TableInfo t : tables) {
                names.add(new TableNameInfo(t.id(), t.name()));
            }
            return Reply.json(GoJson.indented(names));
        }
        return Reply.json(GoJson.indented(tables));
    }

    /** {@code GET /schema/{db}/{table}}. */
    Reply table(String db, String table) {
        TableInfo t = catalog.table(db, table).orElseThrow(() -> TidbRequestException.noSuchTable(db, table));
        return Reply.json(GoJson.indented(t));
    }

    /** {@code GET /db-table/{tableID}}. */
    Reply dbTable(String tableIdText) {
        long id;
        try {
            id = GoStrconv.atoi(tableIdText);
        } catch (TidbRequestException e) {
            throw new TidbRequestException("Wrong tableID: " + tableIdText);
        }
        long version = catalog.schemaVersion();
        Optional<TableInfo> direct = catalog.tableById(id);
        if (direct.isPresent()) {
            DBInfo db = catalog.databaseOfTable(id)
                    .orElseThrow(() -> TidbRequestException.noTableWithId(tableIdText));
            return Reply.json(GoJson.indented(new DbTableInfo(db, direct.get(), version)));
        }
        PartitionOwner owner = byPartitionId(id).orElseThrow(() -> TidbRequestException.noTableWithId(tableIdText));
        return Reply.json(GoJson.indented(new DbTableInfo(owner.db(), owner.table(), version)));
    }

    /** TiDB's {@code getTableByIDStr}. */
    private TableInfo tableByIdText(String text) {
        long id = GoStrconv.atoi(text);
        if (id < 0) {
            throw TidbRequestException.noTableWithId(text);
        }
        Optional<TableInfo> direct = catalog.tableById(id);
        if (direct.isPresent()) {
            return direct.get();
        }
        return byPartitionId(id).map(PartitionOwner::table)
                .orElseThrow(() -> TidbRequestException.noTableWithId(text));
    }

    private Optional<PartitionOwner> byPartitionId(long partitionId) {
        for (DBInfo db : catalog.databases()) {
            for (TableInfo t : catalog.tables(db.name().o())) {
                if (t.isPartitioned() && t.physicalIds().contains(partitionId)) {
                    return Optional.of(new PartitionOwner(db, t));
                }
            }
        }
        return Optional.empty();
    }

    private record PartitionOwner(DBInfo db, TableInfo table) {
    }

    /** TiDB's {@code DBTableInfo}. */
    record DbTableInfo(@JsonProperty("db_info") DBInfo dbInfo, @JsonProperty("table_info") TableInfo tableInfo,
                       @JsonProperty("schema_version") long schemaVersion) {
    }

    /** TiDB's {@code model.TableNameInfo}. */
    record TableNameInfo(@JsonProperty("id") long id, @JsonProperty("name") CIStr name) {
    }
}
