package io.tidbbinlog.sim.cli;

import io.tidbbinlog.sim.reference.JdbcTarget;
import io.tidbbinlog.sim.reference.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code tidb-sim verify}: downstream vs reference, table by table and row by row. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compares a downstream database with tidb-sim's reference database, table by table and row "
                + "by row, and prints the first differing rows.",
                "Exit code: 0 equal, 1 differences, 2 error."})
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "--reference-url", required = true, description = "JDBC URL of the reference database.")
    String referenceUrl;

    @Option(names = "--reference-user", defaultValue = "root", description = "Default: ${DEFAULT-VALUE}.")
    String referenceUser;

    @Option(names = "--reference-password", defaultValue = "${env:TIDB_SIM_REFERENCE_PASSWORD}", arity = "0..1",
            interactive = true, description = "Default: $TIDB_SIM_REFERENCE_PASSWORD.")
    String referencePassword;

    @Option(names = "--downstream-url", required = true, description = "JDBC URL of the database to check.")
    String downstreamUrl;

    @Option(names = "--downstream-user", defaultValue = "root", description = "Default: ${DEFAULT-VALUE}.")
    String downstreamUser;

    @Option(names = "--downstream-password", defaultValue = "${env:TIDB_SIM_DOWNSTREAM_PASSWORD}", arity = "0..1",
            interactive = true, description = "Default: $TIDB_SIM_DOWNSTREAM_PASSWORD.")
    String downstreamPassword;

    @Option(names = "--databases", split = ",", description = "Only these databases (default: every database the "
            + "reference holds).")
    List<String> databases;

    @Option(names = "--as-of", description = "Compare with the reference as it was at this commit_ts (for replays "
            + "cut at a point, e.g. reparo's stop-tso).")
    Long asOf;

    @Option(names = "--samples", defaultValue = "10", description = "Differing rows to print per table. "
            + "Default: ${DEFAULT-VALUE}.")
    int samples;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        JdbcTarget reference = new JdbcTarget(referenceUrl, referenceUser, orEmpty(referencePassword));
        JdbcTarget downstream = new JdbcTarget(downstreamUrl, downstreamUser, orEmpty(downstreamPassword));
        Verifier verifier = new Verifier(reference, downstream, samples, Verifier.DEFAULT_SCRATCH_PREFIX);
        return Verifier.run(() -> {
            if (asOf != null) {
                return databases == null ? verifier.verifyAsOf(asOf) : verifier.verifyAsOf(asOf, databases);
            }
            return databases == null ? verifier.verify() : verifier.verify(databases);
        }, spec.commandLine().getOut());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
