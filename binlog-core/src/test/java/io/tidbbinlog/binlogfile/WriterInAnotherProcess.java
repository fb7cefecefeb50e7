package io.tidbbinlog.binlogfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second process holding a binlog directory open with our writer, for lock tests: prints {@code locked} once
 * it holds the directory and keeps it until its standard input closes.
 */
public final class WriterInAnotherProcess {
    private WriterInAnotherProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (BinlogFileWriter w = BinlogFileWriter.open(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            System.in.readAllBytes();
        }
    }

    /** Starts the holder on {@code dir} with this JVM's binary and class path. */
    static Process start(Path dir) throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WriterInAnotherProcess.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
    }

    static String firstLine(Process p) throws java.io.IOException {
        return new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
    }
}
