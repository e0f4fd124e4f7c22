package dev.gureum.elb;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.RecordingMetricSink;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.ec2.Ec2Module;
import dev.gureum.ec2.domain.Ec2Settings;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** EC2 and ELB in process on a free port, on a server clock the test moves, with SDK clients and a raw HTTP client. */
final class ElbHarness implements AutoCloseable {

    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    final RecordingMetricSink metrics = new RecordingMetricSink();
    final EmbeddedFrontEnd frontEnd;
    final ElasticLoadBalancingV2Client elb;
    final Ec2Client ec2;

    ElbHarness() {
        this((Path) null);
    }

    /** With the state kept in {@code dataDir} (a restart is a second harness on it), or none. */
    ElbHarness(Path dataDir) {
        this(dataDir, Map.of());
    }

    /** With server settings ({@code ec2.run-user-data}...). */
    ElbHarness(Map<String, String> settings) {
        this(null, settings);
    }

    private ElbHarness(Path dataDir, Map<String, String> settings) {
        Ec2Module ec2Module = new Ec2Module(Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5)));
        frontEnd = dataDir == null ? new EmbeddedFrontEnd(clock, settings, ec2Module, new ElbModule())
                : EmbeddedFrontEnd.persistent(dataDir, clock, ec2Module, new ElbModule());
        frontEnd.bind(MetricSink.class, () -> metrics);
        elb = SdkClients.withoutRetries(SdkClients.configure(ElasticLoadBalancingV2Client.builder(), frontEnd.endpoint()))
                .build();
        ec2 = SdkClients.configure(Ec2Client.builder(), frontEnd.endpoint()).build();
    }

    URI endpoint() {
        return frontEnd.endpoint();
    }

    /** Moves the server clock, running every timer due on the way. */
    void advance(Duration duration) {
        frontEnd.serverClock().advance(duration);
    }

    /** The default VPC's subnets, one per zone, in zone order. */
    List<Subnet> defaultSubnets() {
        return ec2.describeSubnets().subnets().stream().filter(Subnet::defaultForAz)
                .sorted(Comparator.comparing(Subnet::availabilityZone)).toList();
    }

    String defaultVpc() {
        return defaultSubnets().get(0).vpcId();
    }

    LoadBalancer alb(String name) {
        List<Subnet> subnets = defaultSubnets();
        return elb.createLoadBalancer(b -> b.name(name).subnets(subnets.get(0).subnetId(), subnets.get(1).subnetId()))
                .loadBalancers().get(0);
    }

    TargetGroup targetGroup(String name, TargetTypeEnum type, int port) {
        return elb.createTargetGroup(b -> {
            b.name(name).targetType(type);
            if (type != TargetTypeEnum.LAMBDA) {
                b.protocol(ProtocolEnum.HTTP).port(port).vpcId(defaultVpc()).healthCheckIntervalSeconds(10)
                        .healthCheckPath("/health");
            }
        }).targetGroups().get(0);
    }

    Listener forward(LoadBalancer lb, TargetGroup tg, int port) {
        return elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.HTTP).port(port)
                .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build()))
                .listeners().get(0);
    }

    /** The host name that reaches the load balancer through Gureum's port. */
    static String host(LoadBalancer lb) {
        String label = lb.dnsName().substring(0, lb.dnsName().indexOf('.'));
        return label + ".us-east-1.elb.localhost.localstack.cloud";
    }

    /** An HTTP answer as read off the wire. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends a request as written (one per connection) and reads the answer. */
    static Answer raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.merge(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, eol).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }

    /** A GET through Gureum's port, addressed to the load balancer by its host name. */
    Answer get(LoadBalancer lb, String pathAndQuery, String... headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host(lb) + ":"
                + frontEnd.port() + "\r\nConnection: close\r\n");
        for (String h : headers) {
            request.append(h).append("\r\n");
        }
        return raw(frontEnd.port(), request.append("\r\n").toString());
    }

    @Override
    public void close() {
        elb.close();
        ec2.close();
        frontEnd.close();
    }
}
