package io.tidbbinlog.pump.server;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.tidbbinlog.pd.TlsFiles;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The server side of Pump's {@code [security]} section (binlog:pkg/security/security.go ToTLSConfig): a TLS context
 * from {@code ssl-ca, ssl-cert, ssl-key}, and the {@code cert-allowed-cn} check applied once the handshake is done.
 * As in Pump, a client certificate (signed by the CA) is demanded only when {@code cert-allowed-cn} lists names:
 * Go's server leaves ClientAuth at NoClientCert otherwise, and TiDBs configured with only a CA must still connect.
 */
final class ServerTls {

    private final SslContext context;
    private final Set<String> allowedCn;

    private ServerTls(SslContext context, Set<String> allowedCn) {
        this.context = context;
        this.allowedCn = allowedCn;
    }

    /**
     * @param files     ssl-ca, ssl-cert, ssl-key; the server needs its own certificate
     * @param allowedCn cert-allowed-cn; empty = any certificate the CA signed
     */
    static ServerTls create(TlsFiles files, List<String> allowedCn) {
        if (!files.hasClientCertificate()) {
            throw new IllegalArgumentException("serving TLS needs ssl-cert and ssl-key besides ssl-ca ("
                    + files.caFile() + ")");
        }
        Set<String> cns = new LinkedHashSet<>();
        for (String cn : allowedCn) {
            if (!cn.isBlank()) {
                cns.add(cn.strip());
            }
        }
        try {
            SslContext context = SslContextBuilder.forServer(files.certFile().toFile(), files.keyFile().toFile())
                    .sslProvider(SslProvider.JDK)
                    .trustManager(files.caFile().toFile())
                    .clientAuth(cns.isEmpty() ? ClientAuth.NONE : ClientAuth.REQUIRE)
                    // h2 for gRPC clients (they insist on it), http/1.1 for the HTTP API on the same port.
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                    .build();
            return new ServerTls(context, Set.copyOf(cns));
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot build the TLS context from ssl-ca " + files.caFile()
                    + ", ssl-cert " + files.certFile() + ", ssl-key " + files.keyFile() + ": " + e.getMessage(), e);
        }
    }

    SslContext context() {
        return context;
    }

    /**
     * Null when the peer may talk to us, else why not. As pkg/security does, any certificate of the peer's chain
     * whose subject CN is listed is enough (Go looks at the verified chains; we look at the chain the peer sent).
     */
    String refusal(SSLSession session) {
        if (allowedCn.isEmpty()) {
            return null;
        }
        List<String> seen = new ArrayList<>();
        try {
            for (Certificate cert : session.getPeerCertificates()) {
                if (cert instanceof X509Certificate x509) {
                    String cn = commonName(x509);
                    seen.add(cn);
                    if (allowedCn.contains(cn)) {
                        return null;
                    }
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            return "client sent no certificate";
        }
        return "client certificate authentication failed: the common names " + seen
                + " are not in cert-allowed-cn " + allowedCn;
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }
}
