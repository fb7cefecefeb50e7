package io.tidbbinlog.sim.datadir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidbbinlog.sim.autoid.IdBoundStore;
import io.tidbbinlog.sim.catalog.Catalog;
import io.tidbbinlog.sim.catalog.CatalogStore;
import io.tidbbinlog.sim.drive.WorkloadState;
import io.tidbbinlog.sim.workload.WorkloadSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The TiDB part of a simulator data dir (PD keeps its own under {@code pd/}):
 * <ul>
 *   <li>{@code tidb/cluster-id}: the PD cluster this TiDB belongs to; a restart against another cluster is
 *       refused, as its schema and ids would mean nothing there;</li>
 *   <li>{@code tidb/catalog.json}: the catalog ({@link Catalog#toJson()}), saved after every DDL;</li>
 *   <li>{@code tidb/autoid.json}: the {@code _tidb_rowid} / AUTO_INCREMENT block bounds by table id;</li>
 *   <li>{@code workload/schema.json} and {@code workload/key-ordinals.json}: the workload's picture of the schema
 *       and its key ordinal bounds by table id.</li>
 * </ul>
 * Rows are not kept: after a restart the engine knows only the rows inserted since.
 */
public final class TidbDataDir {
    static final String CLUSTER_ID_FILE = "tidb/cluster-id";
    static final String CATALOG_FILE = "tidb/catalog.json";
    static final String ROW_IDS_FILE = "tidb/autoid.json";
    static final String WORKLOAD_SCHEMA_FILE = "workload/schema.json";
    static final String KEY_ORDINALS_FILE = "workload/key-ordinals.json";

    private static final ObjectMapper WORKLOAD_JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private final Path dir;
    private final Catalog catalog;
    private final FileIdBoundStore rowIds;
    private final FileWorkloadState workload;

    private TidbDataDir(Path dir, Catalog catalog, FileIdBoundStore rowIds, FileWorkloadState workload) {
        this.dir = dir;
        this.catalog = catalog;
        this.rowIds = rowIds;
        this.workload = workload;
    }

    /**
     * Opens the TiDB state in {@code dataDir} for PD cluster {@code clusterId}: a new dir is claimed for that
     * cluster and gets an empty catalog; an existing one gives back its catalog, already persisting to its file.
     *
     * @throws IllegalStateException naming the file, when the dir belongs to another cluster or a file is corrupt
     */
    public static TidbDataDir open(Path dataDir, long clusterId) {
        Path dir = dataDir.toAbsolutePath();
        DurableFile idFile = new DurableFile(dir.resolve(CLUSTER_ID_FILE));
        Optional<byte[]> savedId = idFile.read();
        if (savedId.isPresent()) {
            String text = new String(savedId.get(), StandardCharsets.US_ASCII).trim();
            long saved;
            try {
                saved = Long.parseUnsignedLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("TiDB data file " + idFile + " is corrupt: '" + text
                        + "' is not a cluster id", e);
            }
            if (saved != clusterId) {
                throw new IllegalStateException("TiDB data file " + idFile + " belongs to PD cluster "
                        + Long.toUnsignedString(saved) + ", but PD has cluster id " + Long.toUnsignedString(clusterId)
                        + " (was " + dir.resolve("pd") + " replaced? use a fresh --data-dir)");
            }
        }
        DurableFile catalogFile = new DurableFile(dir.resolve(CATALOG_FILE));
        Catalog catalog = catalogFile.read().map(json -> {
            try {
                return Catalog.fromJson(json);
            } catch (RuntimeException e) {
                throw new IllegalStateException("TiDB data file " + catalogFile + " is corrupt: " + e.getMessage(), e);
            }
        }).orElseGet(Catalog::new);
        FileIdBoundStore rowIds = FileIdBoundStore.open(dir.resolve(ROW_IDS_FILE));
        FileWorkloadState workload = FileWorkloadState.open(dir);
        if (savedId.isEmpty()) {
            idFile.replace((Long.toUnsignedString(clusterId) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        catalog.persistTo(catalogFile::replace);
        return new TidbDataDir(dir, catalog, rowIds, workload);
    }

    public Path path() {
        return dir;
    }

    /** The catalog as last saved (or a new one), saving itself to {@code tidb/catalog.json} after each DDL. */
    public Catalog catalog() {
        return catalog;
    }

    /** The row id allocators' bounds. */
    public IdBoundStore rowIds() {
        return rowIds;
    }

    public WorkloadState workload() {
        return workload;
    }

    /** The workload's state in {@code workload/}. */
    private static final class FileWorkloadState implements WorkloadState {
        private final DurableFile schemaFile;
        private final FileIdBoundStore ordinals;
        private volatile WorkloadSchema schema;

        private FileWorkloadState(DurableFile schemaFile, FileIdBoundStore ordinals, WorkloadSchema schema) {
            this.schemaFile = schemaFile;
            this.ordinals = ordinals;
            this.schema = schema;
        }

        static FileWorkloadState open(Path dir) {
            DurableFile schemaFile = new DurableFile(dir.resolve(WORKLOAD_SCHEMA_FILE));
            WorkloadSchema schema = schemaFile.read().map(json -> {
                try {
                    WorkloadSchema s = WORKLOAD_JSON.readValue(json, WorkloadSchema.class);
                    if (s == null) {
                        throw new IllegalStateException("workload data file " + schemaFile + " is corrupt: null");
                    }
                    return s;
                } catch (IOException | RuntimeException e) {
                    if (e instanceof IllegalStateException ise && ise.getMessage().startsWith("workload data file")) {
                        throw ise;
                    }
                    throw new IllegalStateException("workload data file " + schemaFile + " is corrupt: "
                            + e.getMessage(), e);
                }
            }).orElse(null);
            return new FileWorkloadState(schemaFile, FileIdBoundStore.open(dir.resolve(KEY_ORDINALS_FILE)), schema);
        }

        @Override
        public IdBoundStore keyOrdinals() {
            return ordinals;
        }

        @Override
        public Optional<WorkloadSchema> savedSchema() {
            return Optional.ofNullable(schema);
        }

        @Override
        public synchronized void schemaChanged(WorkloadSchema changed) {
            try {
                schemaFile.replace(WORKLOAD_JSON.writeValueAsBytes(changed));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot encode the workload schema for " + schemaFile, e);
            }
            schema = changed;
        }
    }
}
