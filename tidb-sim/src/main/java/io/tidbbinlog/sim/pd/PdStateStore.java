package io.tidbbinlog.sim.pd;

/**
 * What PD keeps in etcd and the simulator keeps here: the cluster identity and the upper bound of the physical
 * time the TSO may hand out ({@code timestamp} key, PD's {@code tso.go saveTimestamp}). A restarted PD starts
 * above the saved bound, so it never repeats a timestamp, whatever the wall clock says.
 */
interface PdStateStore extends AutoCloseable {

    PdIdentity identity();

    /** The saved bound in Unix milliseconds, 0 when nothing was saved yet. */
    long savedPhysicalBound();

    /** Makes {@code physicalMillis} the new bound durably before returning. */
    void saveTimestampBound(long physicalMillis);

    @Override
    void close();

    static PdStateStore inMemory(PdIdentity identity) {
        return new PdStateStore() {
            private volatile long bound;

            @Override
            public PdIdentity identity() {
                return identity;
            }

            @Override
            public long savedPhysicalBound() {
                return bound;
            }

            @Override
            public void saveTimestampBound(long physicalMillis) {
                bound = physicalMillis;
            }

            @Override
            public void close() {
            }
        };
    }
}
