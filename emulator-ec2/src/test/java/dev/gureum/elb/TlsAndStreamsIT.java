package dev.gureum.elb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** TLS ended by HTTPS and TLS listeners, TCP listeners carrying bytes, and app_cookie and source_ip stickiness. */
class TlsAndStreamsIT {

    private ElbHarness h = new ElbHarness();
    private final List<EchoTarget> targets = new ArrayList<>();

    @AfterEach
    void close() {
        targets.forEach(EchoTarget::close);
        h.close();
    }

    private EchoTarget target(String name) throws IOException {
        EchoTarget t = new EchoTarget(name);
        targets.add(t);
        return t;
    }

    /** The listener's view in {@code /_gureum/elb}. */
    private JsonNode listenerView(String listenerArn) throws IOException {
        JsonNode view = Json.mapper().readTree(ElbHarness.raw(h.frontEnd.port(), "GET /_gureum/elb HTTP/1.1\r\nHost: 127.0.0.1:"
                + h.frontEnd.port() + "\r\nConnection: close\r\n\r\n").body());
        for (JsonNode lb : view.get("loadBalancers")) {
            for (JsonNode l : lb.get("listeners")) {
                if (l.get("arn").asText().equals(listenerArn)) {
                    return l;
                }
            }
        }
        throw new AssertionError("no listener " + listenerArn);
    }

    /** A TLS context that trusts only the certificate in PEM. */
    private static SSLContext trusting(String pem) throws Exception {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("load-balancer", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** Sends a request as written over TLS (host names checked, as HTTPS clients do) and reads all of the answer. */
    private static String rawTls(SSLContext context, int port, String request) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private TargetGroup ipGroup(String name, EchoTarget... echo) {
        TargetGroup tg = h.targetGroup(name, TargetTypeEnum.IP, 80);
        for (EchoTarget t : echo) {
            h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(d -> d.id("127.0.0.1").port(t.port())));
        }
        return tg;
    }

    private String httpsListener(LoadBalancer lb, TargetGroup tg) {
        return h.elb.createListener(r -> r.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTPS).port(443)
                .certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/abc"))
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build()))
                .listeners().get(0).listenerArn();
    }

    @Test
    void anHttpsListenerEndsTlsWithTheLoadBalancersCertificate() throws Exception {
        EchoTarget a = target("a");
        LoadBalancer lb = h.alb("web");
        String listener = httpsListener(lb, ipGroup("tg", a));
        JsonNode view = listenerView(listener);
        int port = view.get("localPort").asInt();
        assertThat(view.get("localUrl").asText()).isEqualTo("https://127.0.0.1:" + port + "/");
        SSLContext trust = trusting(view.get("certificate").asText());

        HttpClient client = HttpClient.newBuilder().sslContext(trust).build();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/secure?x=1"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("target=a").contains("line=GET /secure?x=1")
                .contains("x-forwarded-proto: https").contains("x-forwarded-port: 443");
        X509Certificate served = (X509Certificate) answer.sslSession().orElseThrow().getPeerCertificates()[0];
        assertThat(served.getSubjectX500Principal().getName()).isEqualTo("CN=" + lb.dnsName());
        assertThat(served.getSubjectAlternativeNames()).extracting(n -> n.get(1).toString())
                .contains(lb.dnsName(), ElbHarness.host(lb), "127.0.0.1");

        String raw = rawTls(trust, port, "GET /raw HTTP/1.1\r\nHost: " + lb.dnsName() + "\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 200").contains("line=GET /raw").contains("x-forwarded-proto: https");
        // through Gureum's port, with the host name, the listener stays reachable in plain HTTP
        assertThat(h.get(lb, "/").body()).contains("x-forwarded-proto: https");
    }

    @Test
    void theCertificateIsKeptAcrossRestarts(@TempDir Path dir) throws Exception {
        h.close();
        h = new ElbHarness(dir);
        EchoTarget a = target("a");
        LoadBalancer lb = h.alb("web");
        String listener = httpsListener(lb, ipGroup("tg", a));
        String pem = listenerView(listener).get("certificate").asText();
        h.close();
        h = new ElbHarness(dir);
        JsonNode view = listenerView(listener);
        assertThat(view.get("certificate").asText()).isEqualTo(pem);
        String raw = rawTls(trusting(pem), view.get("localPort").asInt(),
                "GET /again HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(raw).contains("line=GET /again");
        Path kept = dir.resolve("elb").resolve("certificates").resolve(lb.loadBalancerArn()
                .substring(lb.loadBalancerArn().lastIndexOf('/') + 1) + ".p12");
        assertThat(kept).exists();
        h.elb.deleteLoadBalancer(b -> b.loadBalancerArn(lb.loadBalancerArn()));
        assertThat(kept).doesNotExist();
    }

    private LoadBalancer nlb(String name) {
        List<Subnet> subnets = h.defaultSubnets();
        return h.elb.createLoadBalancer(b -> b.name(name).type(LoadBalancerTypeEnum.NETWORK)
                .subnets(subnets.get(0).subnetId())).loadBalancers().get(0);
    }

    private TargetGroup tcpGroup(String name, LoadBalancer nlb, EchoTarget... echo) {
        TargetGroup tg = h.elb.createTargetGroup(b -> b.name(name).protocol(ProtocolEnum.TCP).port(80)
                .vpcId(nlb.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0);
        for (EchoTarget t : echo) {
            h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(d -> d.id("127.0.0.1").port(t.port())));
        }
        return tg;
    }

    private String streamListener(LoadBalancer nlb, TargetGroup tg, ProtocolEnum protocol, int port) {
        return h.elb.createListener(r -> {
            r.loadBalancerArn(nlb.loadBalancerArn()).protocol(protocol).port(port)
                    .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build());
            if (protocol == ProtocolEnum.TLS) {
                r.certificates(c -> c.certificateArn("arn:aws:acm:us-east-1:000000000000:certificate/abc"));
            }
        }).listeners().get(0).listenerArn();
    }

    @Test
    void tcpListenersCarryBytesToTheTargetUnchanged() throws Exception {
        EchoTarget a = target("a");
        LoadBalancer nlb = nlb("tcp");
        String listener = streamListener(nlb, tcpGroup("tcp", nlb, a), ProtocolEnum.TCP, 7000);
        JsonNode view = listenerView(listener);
        assertThat(view.has("localUrl")).isFalse();
        int port = view.get("localPort").asInt();
        ElbHarness.Answer answer = ElbHarness.raw(port, "GET /bytes HTTP/1.1\r\nHost: anything\r\nConnection: close\r\n\r\n");
        assertThat(answer.body()).contains("target=a").contains("line=GET /bytes").contains("host: anything")
                .doesNotContain("x-forwarded-for").doesNotContain("x-amzn-trace-id");
        assertThat(answer.header("Server")).isNotEqualTo("awselb/2.0");
        // two requests on one connection: the connection is the client's, not one per request
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String both = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(both).contains("line=GET /one").contains("line=GET /two");
        }
        // a target that refuses the connection: the client's connection is closed
        int closedPort;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        LoadBalancer other = nlb("refused");
        TargetGroup refusing = h.elb.createTargetGroup(b -> b.name("refusing").protocol(ProtocolEnum.TCP).port(closedPort)
                .vpcId(other.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0);
        h.elb.registerTargets(b -> b.targetGroupArn(refusing.targetGroupArn()).targets(d -> d.id("127.0.0.1")));
        int refusedPort = listenerView(streamListener(other, refusing, ProtocolEnum.TCP, 80)).get("localPort").asInt();
        try (Socket socket = new Socket("127.0.0.1", refusedPort)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        } catch (java.net.SocketException e) {
            assertThat(e.getMessage()).containsIgnoringCase("reset");
        }
    }

    @Test
    void tlsListenersEndTlsAndCarryTheBytes() throws Exception {
        EchoTarget a = target("a");
        LoadBalancer nlb = nlb("tls");
        String listener = streamListener(nlb, tcpGroup("tcp", nlb, a), ProtocolEnum.TLS, 443);
        JsonNode view = listenerView(listener);
        String raw = rawTls(trusting(view.get("certificate").asText()), view.get("localPort").asInt(),
                "GET /over-tls HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 200").contains("target=a").contains("line=GET /over-tls");
    }

    @Test
    void aTlsTargetGroupGetsTlsAgain() throws Exception {
        dev.gureum.elb.tls.SelfSignedCertificate own = dev.gureum.elb.tls.SelfSignedCertificate.generate(
                List.of("target.internal"), List.of(), java.time.Instant.now(), 2);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("target", own.key().getPrivate(), new char[0], new java.security.cert.Certificate[] {own.certificate()});
        javax.net.ssl.KeyManagerFactory factory = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(factory.getKeyManagers(), null, null);
        com.sun.net.httpserver.HttpsServer server = com.sun.net.httpserver.HttpsServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(serverContext));
        server.createContext("/", exchange -> {
            byte[] body = ("secure target saw " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            LoadBalancer nlb = nlb("tls");
            TargetGroup tg = h.elb.createTargetGroup(b -> b.name("tls").protocol(ProtocolEnum.TLS).port(443)
                    .vpcId(nlb.vpcId()).targetType(TargetTypeEnum.IP)).targetGroups().get(0);
            h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(d -> d.id("127.0.0.1")
                    .port(server.getAddress().getPort())));
            JsonNode view = listenerView(streamListener(nlb, tg, ProtocolEnum.TLS, 443));
            String raw = rawTls(trusting(view.get("certificate").asText()), view.get("localPort").asInt(),
                    "GET /both-ways HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(raw).startsWith("HTTP/1.1 200").contains("secure target saw /both-ways");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void sourceIpStickinessSendsAClientAddressToOneTarget() throws Exception {
        EchoTarget a = target("a");
        EchoTarget b = target("b");
        LoadBalancer nlb = nlb("sticky");
        TargetGroup tg = tcpGroup("tcp", nlb, a, b);
        int port = listenerView(streamListener(nlb, tg, ProtocolEnum.TCP, 80)).get("localPort").asInt();
        Set<String> reached = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            reached.add(ElbHarness.raw(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").header("X-Target"));
        }
        assertThat(reached).containsExactlyInAnyOrder("a", "b");
        h.elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()).attributes(
                TargetGroupAttribute.builder().key("stickiness.enabled").value("true").build(),
                TargetGroupAttribute.builder().key("stickiness.type").value("source_ip").build()));
        reached.clear();
        for (int i = 0; i < 6; i++) {
            reached.add(ElbHarness.raw(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").header("X-Target"));
        }
        assertThat(reached).hasSize(1);
    }

    @Test
    void appCookieStickinessFollowsTheApplicationsCookie() throws Exception {
        EchoTarget a = target("a");
        EchoTarget b = target("b");
        TargetGroup tg = ipGroup("tg", a, b);
        h.elb.modifyTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()).attributes(
                TargetGroupAttribute.builder().key("stickiness.enabled").value("true").build(),
                TargetGroupAttribute.builder().key("stickiness.type").value("app_cookie").build(),
                TargetGroupAttribute.builder().key("stickiness.app_cookie.cookie_name").value("APPSESSION").build()));
        LoadBalancer lb = h.alb("web");
        h.forward(lb, tg, 80);
        // no AWSALBAPP until the application sets its cookie
        assertThat(h.get(lb, "/").header("Set-Cookie")).isNull();
        ElbHarness.Answer login = h.get(lb, "/login");
        String cookies = login.header("Set-Cookie");
        assertThat(cookies).contains("APPSESSION=" + login.header("X-Target")).contains("AWSALBAPP=")
                .contains("AWSALBAPPCORS=");
        String stickiness = cookies.replaceAll("^.*?(AWSALBAPP=[^;]+).*$", "$1");
        String app = "APPSESSION=" + login.header("X-Target");
        for (int i = 0; i < 6; i++) {
            assertThat(h.get(lb, "/", "Cookie: " + app + "; " + stickiness).header("X-Target"))
                    .isEqualTo(login.header("X-Target"));
        }
        // without the application's cookie, the session is not sticky
        Set<String> reached = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            reached.add(h.get(lb, "/", "Cookie: " + stickiness).header("X-Target"));
        }
        assertThat(reached).containsExactlyInAnyOrder("a", "b");
    }
}
