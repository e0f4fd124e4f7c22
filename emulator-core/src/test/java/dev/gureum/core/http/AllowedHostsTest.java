package dev.gureum.core.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedHostsTest {

    @Test
    void localNamesAndConfiguredOnes() {
        AllowedHosts hosts = new AllowedHosts("127.0.0.1", List.of("gureum", "*.corp.example", "10.1.2.3"));
        for (String allowed : new String[] {"localhost", "localhost:4566", "LocalHost.", "a.localhost", "127.0.0.1:4566",
                "127.0.0.2", "[::1]", "[::1]:4566", "[0:0:0:0:0:0:0:1]:1", "localhost.localstack.cloud",
                "bucket.s3.localhost.localstack.cloud:4566", "gureum:4566", "x.corp.example", "10.1.2.3:4566"}) {
            assertThat(hosts.allows(allowed)).as(allowed).isTrue();
        }
        for (String refused : new String[] {"attacker.example", "localhost.attacker.example", "corp.example",
                "xcorp.example", "127.0.0.1.nip.io", "0.0.0.0:4566", "10.1.2.4", "[::2]", "::1", "", " ",
                "localhost:4566:1", "[::1", "gureum.attacker.example", ".localhost"}) {
            assertThat(hosts.allows(refused)).as(refused).isFalse();
        }
        assertThat(hosts.allows(null)).isFalse();
    }

    @Test
    void theListenAddressIsAllowed() {
        assertThat(new AllowedHosts("192.168.7.7", List.of()).allows("192.168.7.7:4566")).isTrue();
        assertThat(new AllowedHosts("192.168.7.7", List.of()).allows("192.168.7.8:4566")).isFalse();
        assertThat(new AllowedHosts("gureum.internal", List.of()).allows("gureum.internal:4566")).isTrue();
    }

    @Test
    void listeningOnEveryAddressAllowsThisMachinesNameAndAddresses() throws Exception {
        AllowedHosts hosts = new AllowedHosts("0.0.0.0", List.of());
        assertThat(hosts.allows("0.0.0.0:4566")).isTrue();
        assertThat(hosts.allows(InetAddress.getLocalHost().getHostName())).isTrue();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address) {
                    assertThat(hosts.allows(a.getHostAddress() + ":4566")).as(a.toString()).isTrue();
                }
            }
        }
        assertThat(hosts.allows("attacker.example")).isFalse();
        assertThat(new AllowedHosts("127.0.0.1", List.of()).allows("0.0.0.0")).isFalse();
    }

    @Test
    void sameOriginIsSchemeHostAndPortOfTheRequest() {
        assertThat(InternalAccess.sameOrigin("http://localhost:4566", "localhost:4566")).isTrue();
        assertThat(InternalAccess.sameOrigin("http://LOCALHOST:4566/", "localhost:4566")).isTrue();
        assertThat(InternalAccess.sameOrigin("http://localhost", "localhost:80")).isTrue();
        assertThat(InternalAccess.sameOrigin("http://[::1]:4566", "[::1]:4566")).isTrue();
        assertThat(InternalAccess.sameOrigin("https://localhost:4566", "localhost:4566")).isFalse();
        assertThat(InternalAccess.sameOrigin("http://localhost:4567", "localhost:4566")).isFalse();
        assertThat(InternalAccess.sameOrigin("http://127.0.0.1:4566", "localhost:4566")).isFalse();
        assertThat(InternalAccess.sameOrigin("null", "localhost:4566")).isFalse();
        assertThat(InternalAccess.sameOrigin("http://localhost:4566/page", "localhost:4566")).isFalse();
        assertThat(InternalAccess.sameOrigin("http://local host", "localhost:4566")).isFalse();
    }
}
