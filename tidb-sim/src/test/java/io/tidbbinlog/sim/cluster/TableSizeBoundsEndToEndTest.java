package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.sim.drive.DriveCounters;
import io.tidbbinlog.sim.drive.WorkloadDriver;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;
import io.tidbbinlog.sim.workload.StatementMix;
import io.tidbbinlog.sim.workload.WorkloadSchema;
import io.tidbbinlog.sim.workload.WorkloadSpec;
import io.tidbbinlog.sim.workload.WorkloadTables;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tidb-sim keeps its tables in memory, so a long run must not grow them without end: full tables trade inserts for
 * deletes, and large values are cleared out before more arrive. What it writes still decodes to what it committed.
 */
@ExtendWith(EtcdExtension.class)
class TableSizeBoundsEndToEndTest {
    private final EtcdServer etcd;

    TableSizeBoundsEndToEndTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @Test
    void tablesStayWithinTheirBoundsAndEveryChangeStillTravels() throws Exception {
        try (RegisteredPumps pumps = new RegisteredPumps(etcd, "bounds")) {
            SimClusterConfig config = SimClusterConfig.loopback(pumps.registry());
            var pd = SimCluster.startPd(config);
            RecordingPumpServer pump = pumps.start("pump-bounds", pd.clusterId());
            CommittedTxns committed = new CommittedTxns();
            try (SimCluster sim = SimCluster.startTidb(config, pd, List.of(committed))) {
                // Inserts only, and a 1 MiB transaction every 4th: without bounds tables grow every transaction.
                WorkloadSpec spec = new WorkloadSpec(9, 2, 0, 3, 6, new StatementMix(1, 0, 0, 0), 0.5, 0, 0, 4, 1,
                        null, 240, List.of(ZoneId.of("UTC")));
                WorkloadDriver driver = new WorkloadDriver(sim.engine(), sim.catalog(), spec,
                        WorkloadTables.standard());
                driver.limitTableSizes(40, 3L << 20);
                driver.createSchema(WorkloadTables.standard());
                DriveCounters c = driver.run();
                assertTrue(sim.awaitCommitBinlogs(Duration.ofSeconds(30)));
                assertEquals(List.of(), c.firstErrors());

                for (WorkloadSchema.QualifiedTable t : driver.schema().allTables()) {
                    long rows = sim.engine().rowCount(t.database(), t.table().name());
                    if (t.table().name().equals(WorkloadTables.LARGE_VALUES)) {
                        // Before its large transaction a session cuts the table to (3 MiB - 1 MiB) / 65,535 B = 32
                        // rows; meanwhile each of the 2 sessions may add one large transaction (1 MiB in 65,535-byte
                        // values: 17 rows) and one plain one (6 rows): at most 78. Unbounded, 60 large transactions
                        // would leave over 1,000.
                        assertTrue(rows <= 32 + 2 * 17 + 2 * 6, "large_values holds " + rows + " rows");
                    } else {
                        // Concurrent transactions each see the table below the bound before they insert.
                        assertTrue(rows <= 40 + 2 * 6, t.table().name() + " holds " + rows + " rows");
                    }
                }
                assertEquals(committed.all(), DecodedFromPumps.read(List.of(pump), sim.statusUrl()).txns());
            }
        }
    }
}
