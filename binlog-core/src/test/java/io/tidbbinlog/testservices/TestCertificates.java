package io.tidbbinlog.testservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA with a server certificate for 127.0.0.1/localhost and a client certificate, made with
 * Debian's {@code openssl} CLI, for TLS tests of etcd, PD and our own servers. Keys are unencrypted PKCS#8 PEM,
 * which etcd, gRPC-Java and Netty all read. One set per JVM ({@link #shared()}), deleted at exit.
 */
public final class TestCertificates {

    private static TestCertificates shared;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static synchronized TestCertificates shared() {
        if (shared == null) {
            shared = generate();
        }
        return shared;
    }

    public Path caCert() {
        return dir.resolve("ca.pem");
    }

    public Path serverCert() {
        return dir.resolve("server.pem");
    }

    public Path serverKey() {
        return dir.resolve("server-key.pem");
    }

    public Path clientCert() {
        return dir.resolve("client.pem");
    }

    public Path clientKey() {
        return dir.resolve("client-key.pem");
    }

    private static TestCertificates generate() {
        String openssl = opensslBinary();
        Path dir;
        try {
            dir = Files.createTempDirectory("tidb-binlog-certs-");
            Files.writeString(dir.resolve("server.ext"),
                    "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n",
                    StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for test certificates", e);
        }
        Path certDir = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(certDir), "test-certificates-cleanup"));
        run(dir, openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca-key.pem", "-out", "ca.pem",
                "-days", "3", "-subj", "/CN=tidb-binlog-test-ca");
        issue(dir, openssl, "server", "/CN=127.0.0.1");
        issue(dir, openssl, "client", "/CN=tidb-binlog-test-client");
        return new TestCertificates(dir);
    }

    private static void issue(Path dir, String openssl, String name, String subject) {
        run(dir, openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + "-key.pem", "-out", name + ".csr",
                "-subj", subject);
        run(dir, openssl, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                "-CAcreateserial", "-out", name + ".pem", "-days", "3", "-extfile", name + ".ext");
    }

    private static void run(Path dir, String... cmd) {
        Path out = dir.resolve("openssl.out");
        try {
            Process p = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl did not finish: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("openssl failed (" + String.join(" ", cmd) + "): "
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making test certificates", e);
        }
    }

    private static String opensslBinary() {
        for (String candidate : List.of("/usr/bin/openssl", "/usr/local/bin/openssl")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("'openssl' is not installed; TLS tests need it: apt-get install openssl");
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException | UncheckedIOException ignored) {
            // temp files; the OS cleans up what is left
        }
    }
}
