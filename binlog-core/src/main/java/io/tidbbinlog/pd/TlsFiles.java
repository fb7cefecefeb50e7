package io.tidbbinlog.pd;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PEM files of TiDB Binlog's {@code [security]} section ({@code ssl-ca}, {@code ssl-cert}, {@code ssl-key}),
 * used for PD's gRPC and its etcd alike. The CA alone gives server-verified TLS; cert and key add a client
 * certificate and must come together.
 */
public record TlsFiles(Path caFile, Path certFile, Path keyFile) {

    public TlsFiles {
        if (caFile == null) {
            throw new IllegalArgumentException("TLS needs a CA file (ssl-ca)");
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("ssl-cert and ssl-key must be given together (cert="
                    + certFile + ", key=" + keyFile + ")");
        }
        requireReadable("ssl-ca", caFile);
        if (certFile != null) {
            requireReadable("ssl-cert", certFile);
            requireReadable("ssl-key", keyFile);
        }
    }

    /** From the three config strings; null when none is set (plain text), an error when only some are. */
    public static TlsFiles fromConfig(String ca, String cert, String key) {
        boolean any = notBlank(ca) || notBlank(cert) || notBlank(key);
        if (!any) {
            return null;
        }
        return new TlsFiles(notBlank(ca) ? Path.of(ca) : null, notBlank(cert) ? Path.of(cert) : null,
                notBlank(key) ? Path.of(key) : null);
    }

    public boolean hasClientCertificate() {
        return certFile != null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static void requireReadable(String what, Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " file " + file + " does not exist or is not readable");
        }
    }
}
