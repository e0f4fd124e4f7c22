package dev.gureum.elb.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SelfSignedCertificateTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");

    @Test
    void aCertificateNamesItsHostsAndVerifiesWithItsOwnKey() throws Exception {
        SelfSignedCertificate made = SelfSignedCertificate.generate(List.of("web-1234567890.us-east-1.elb.amazonaws.com",
                "web-1234567890.us-east-1.elb.localhost.localstack.cloud"),
                List.of(InetAddress.getByAddress(new byte[] {127, 0, 0, 1})), NOW, 395);
        X509Certificate c = made.certificate();
        assertThat(c.getVersion()).isEqualTo(3);
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=web-1234567890.us-east-1.elb.amazonaws.com");
        assertThat(c.getIssuerX500Principal()).isEqualTo(c.getSubjectX500Principal());
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(c.getNotBefore().toInstant()).isEqualTo(NOW.minusSeconds(86_400));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(NOW.plusSeconds(86_400L * 395));
        assertThat(c.getSubjectAlternativeNames()).extracting(n -> n.get(0) + "=" + n.get(1)).containsExactly(
                "2=web-1234567890.us-east-1.elb.amazonaws.com", "2=web-1234567890.us-east-1.elb.localhost.localstack.cloud",
                "7=127.0.0.1");
        c.verify(made.key().getPublic());
        c.checkValidity(java.util.Date.from(NOW));
    }

    @Test
    void aLoadBalancersCertificateIsKeptUntilItGoes(@TempDir Path dir) throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ListenerCertificates first = new ListenerCertificates(dir, clock);
        X509Certificate made = first.forLoadBalancer("50dc6c495c0c9188", List.of("a.example")).certificate();
        assertThat(first.forLoadBalancer("50dc6c495c0c9188", List.of("a.example")).certificate()).isEqualTo(made);
        ListenerCertificates again = new ListenerCertificates(dir, clock);
        assertThat(again.known()).containsExactly("50dc6c495c0c9188");
        assertThat(again.forLoadBalancer("50dc6c495c0c9188", List.of("a.example")).certificate()).isEqualTo(made);
        again.remove("50dc6c495c0c9188");
        assertThat(Files.exists(dir.resolve("50dc6c495c0c9188.p12"))).isFalse();
        assertThat(new ListenerCertificates(dir, clock).forLoadBalancer("50dc6c495c0c9188", List.of("a.example"))
                .certificate()).isNotEqualTo(made);
    }
}
