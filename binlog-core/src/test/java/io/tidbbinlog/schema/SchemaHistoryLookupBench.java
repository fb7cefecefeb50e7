package io.tidbbinlog.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Rough single-thread figures for {@link SchemaHistory}: {@code resolve(physicalId, version)} lookups per second
 * and persistence size/time, over 1000 tables with 11 versions each. Not a test; run its main after
 * {@code mvn -o -q -pl binlog-core test-compile} with the test classpath.
 */
public final class SchemaHistoryLookupBench {
    private SchemaHistoryLookupBench() {
    }

    public static void main(String[] args) {
        FieldType intType = FieldType.of(MysqlType.LONG, 0, 11, 0, "binary", "binary", List.of());
        SchemaHistory h = new SchemaHistory();
        DBInfo db = DBInfo.of(1, "shop", "utf8mb4", "utf8mb4_bin");
        h.apply(Job.finished(1, ActionType.CREATE_SCHEMA, 1, 0, "shop", "", "", new HistoryInfo(1, db, null, 0, null)));
        long version = 2;
        long jobId = 2;
        for (int t = 0; t < 1000; t++) {
            List<ColumnInfo> cols = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                cols.add(ColumnInfo.of(c + 1, "c" + c, c, intType));
            }
            TableInfo table = TableInfo.of(100 + t, "t" + t, cols, List.of(), false, false);
            h.apply(Job.finished(jobId++, ActionType.CREATE_TABLE, 1, table.id(), "shop", table.name().o(), "",
                    new HistoryInfo(version++, null, table, 0, null)));
            for (int k = 0; k < 10; k++) {
                h.apply(Job.finished(jobId++, ActionType.MODIFY_TABLE_COMMENT, 1, table.id(), "shop", "", "",
                        new HistoryInfo(version++, null, table, 0, null)));
            }
        }
        Random random = new Random(1);
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            long n = 5_000_000;
            long t0 = System.nanoTime();
            for (long i = 0; i < n; i++) {
                sink += h.resolve(100 + random.nextInt(1000), 2 + random.nextInt((int) version))
                        .map(r -> r.table().id()).orElse(0L);
            }
            long t1 = System.nanoTime();
            System.out.printf("{\"resolve_lookups_per_s\": %.0f}%n", n / ((t1 - t0) / 1e9));
        }
        long t0 = System.nanoTime();
        byte[] json = h.toJson();
        long t1 = System.nanoTime();
        SchemaHistory.fromJson(json);
        long t2 = System.nanoTime();
        System.out.printf("{\"persisted_bytes\": %d, \"persist_ms\": %d, \"restore_ms\": %d, \"sink\": %d}%n",
                json.length, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, sink);
    }
}
