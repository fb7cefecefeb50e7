package io.tidbbinlog.sim.pd;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PD's {@code [security]} section for its gRPC port: {@code cert-path} and {@code key-path} (PEM), and an optional
 * {@code cacert-path}. As in PD (etcd's {@code TLSInfo.ServerConfig}), a CA makes client certificates mandatory:
 * clients must present one signed by that CA.
 */
public record PdTls(Path certFile, Path keyFile, Path clientCaFile) {

    public PdTls {
        requireReadable("cert-path", certFile);
        requireReadable("key-path", keyFile);
        if (clientCaFile != null) {
            requireReadable("cacert-path", clientCaFile);
        }
    }

    public boolean requiresClientCertificate() {
        return clientCaFile != null;
    }

    private static void requireReadable(String what, Path file) {
        if (file == null) {
            throw new IllegalArgumentException("PD TLS needs " + what);
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("PD TLS " + what + " file " + file + " does not exist or is not readable");
        }
    }
}
