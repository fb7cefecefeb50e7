package io.tidbbinlog.sim.drive;

import io.tidbbinlog.sim.autoid.IdBoundStore;
import io.tidbbinlog.sim.workload.WorkloadSchema;

import java.util.Optional;

/**
 * What a workload must remember to go on after a restart of the simulated cluster: its picture of the schema
 * (changed by its own DDL) and the bounds of its key ordinals, so that no key value is generated twice.
 */
public interface WorkloadState {

    /** The ordinal bounds, one key per table id. */
    IdBoundStore keyOrdinals();

    /** The schema as the workload last saw it, or empty on a first run. */
    Optional<WorkloadSchema> savedSchema();

    /** Called after every change of the workload's schema, once the DDL committed. */
    void schemaChanged(WorkloadSchema schema);

    /** Nothing survives the process: for a simulator without a data dir. */
    static WorkloadState inMemory() {
        IdBoundStore ordinals = IdBoundStore.inMemory();
        return new WorkloadState() {
            private volatile WorkloadSchema schema;

            @Override
            public IdBoundStore keyOrdinals() {
                return ordinals;
            }

            @Override
            public Optional<WorkloadSchema> savedSchema() {
                return Optional.ofNullable(schema);
            }

            @Override
            public void schemaChanged(WorkloadSchema changed) {
                schema = changed;
            }
        };
    }
}
