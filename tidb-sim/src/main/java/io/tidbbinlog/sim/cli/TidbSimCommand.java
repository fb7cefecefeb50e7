package io.tidbbinlog.sim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tidb-sim}: a TiDB + PD stand-in with a seeded workload ({@code run}) and the verifier that compares a
 * downstream database with the reference ({@code verify}).
 */
@Command(name = "tidb-sim", mixinStandardHelpOptions = true, version = "tidb-sim 0.1.0",
        subcommands = {RunCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class},
        description = {"A TiDB + PD stand-in for TiDB Binlog: serves PD's gRPC (cluster id, TSO) and TiDB's HTTP "
                + "status API, writes binlogs to the pumps registered in etcd exactly like TiDB's pump client, "
                + "runs a seeded workload, and keeps a reference database to verify replicas against."})
public final class TidbSimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TidbSimCommand()).execute(args));
    }
}
