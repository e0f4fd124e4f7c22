package dev.gureum.elb.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificates TLS is served with on HTTPS and TLS listeners. Gureum has no certificate store to resolve
 * a listener's certificate ARN in, so each load balancer has one self-signed certificate for its DNS names
 * (and {@code 127.0.0.1}, where its listeners' local ports are), made the first time one of its listeners
 * needs it and kept in {@code <directory>/<load balancer id>.p12}, so that clients that trust it keep
 * trusting it after a restart.
 */
public final class ListenerCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerCertificates.class);
    private static final char[] STORE_PASSWORD = "gureum".toCharArray();
    private static final String ALIAS = "load-balancer";
    private static final int VALID_DAYS = 395;

    /** A load balancer's certificate, with the context that serves TLS with it. */
    public record Served(X509Certificate certificate, SSLContext context) {

        /** The certificate in PEM, for clients to trust. */
        public String pem() {
            try {
                return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Path directory;
    private final Clock clock;
    private final Map<String, Served> served = new ConcurrentHashMap<>();

    /** @param directory where certificates are kept, or {@code null} to keep them in memory only */
    public ListenerCertificates(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The certificate of the load balancer {@code id}, for {@code dnsNames} (its own DNS name first). */
    public Served forLoadBalancer(String id, List<String> dnsNames) {
        return served.computeIfAbsent(id, k -> {
            try {
                KeyStore store = load(k);
                if (store == null) {
                    SelfSignedCertificate made = SelfSignedCertificate.generate(dnsNames,
                            List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})), clock.instant(), VALID_DAYS);
                    store = KeyStore.getInstance("PKCS12");
                    store.load(null, null);
                    store.setKeyEntry(ALIAS, made.key().getPrivate(), STORE_PASSWORD, new Certificate[] {made.certificate()});
                    save(k, store);
                }
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, STORE_PASSWORD);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys.getKeyManagers(), null, null);
                return new Served((X509Certificate) store.getCertificate(ALIAS), context);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Cannot make a certificate for the load balancer " + k, e);
            }
        });
    }

    /** Forgets a deleted load balancer's certificate. */
    public void remove(String id) {
        served.remove(id);
        if (directory != null) {
            try {
                Files.deleteIfExists(directory.resolve(id + ".p12"));
            } catch (IOException e) {
                LOG.warn("Cannot delete the certificate of the load balancer {}: {}", id, e.toString());
            }
        }
    }

    /** The ids of the load balancers whose certificates are kept or served. */
    public java.util.Set<String> known() {
        java.util.Set<String> ids = new java.util.HashSet<>(served.keySet());
        if (directory != null && Files.isDirectory(directory)) {
            try (var files = Files.list(directory)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".p12"))
                        .forEach(n -> ids.add(n.substring(0, n.length() - 4)));
            } catch (IOException e) {
                LOG.warn("Cannot list kept certificates: {}", e.toString());
            }
        }
        return ids;
    }

    private KeyStore load(String id) throws GeneralSecurityException, IOException {
        if (directory == null || !Files.isRegularFile(directory.resolve(id + ".p12"))) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(directory.resolve(id + ".p12"))) {
            store.load(in, STORE_PASSWORD);
        } catch (IOException e) {
            LOG.warn("Cannot read the certificate of the load balancer {}, making another: {}", id, e.toString());
            return null;
        }
        X509Certificate certificate = (X509Certificate) store.getCertificate(ALIAS);
        if (certificate == null || certificate.getNotAfter().toInstant().isBefore(clock.instant())) {
            return null;
        }
        return store;
    }

    private void save(String id, KeyStore store) throws GeneralSecurityException, IOException {
        if (directory == null) {
            return;
        }
        Files.createDirectories(directory);
        Path file = directory.resolve(id + ".p12");
        Path temporary = directory.resolve(id + ".p12.new");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, STORE_PASSWORD);
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
