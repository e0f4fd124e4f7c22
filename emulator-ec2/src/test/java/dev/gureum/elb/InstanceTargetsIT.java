package dev.gureum.elb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code instance} targets reach the workload EC2 runs for an instance (its user data script, with
 * {@code --ec2-run-user-data}): health checks find it healthy and requests through the load balancer
 * are answered by it.
 */
class InstanceTargetsIT {

    /** A web server on the instance's port that names its instance, from the instance's metadata. */
    private static final String SCRIPT = """
            #!/bin/sh
            exec python3 -c '
            import http.server, os, sys, urllib.request
            name = urllib.request.urlopen(os.environ["AWS_EC2_METADATA_SERVICE_ENDPOINT"]
                                          + "latest/meta-data/instance-id").read().decode()
            class Hello(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    body = ("hello from " + name + " at " + self.path + "\\n").encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Hello).serve_forever()
            '
            """;

    private final ElbHarness h = new ElbHarness(Map.of("ec2.run-user-data", "true"));

    @AfterEach
    void close() {
        h.close();
    }

    private TargetHealthStateEnum health(TargetGroup tg, String instanceId) {
        return h.elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())
                .targets(t -> t.id(instanceId).port(80))).targetHealthDescriptions().get(0).targetHealth().state();
    }

    @Test
    void anInstanceRunningItsUserDataIsAHealthyTargetThatAnswers() throws IOException, InterruptedException {
        String instance = h.ec2.runInstances(r -> r.imageId("ami-0c02fb55956c7d316").instanceType("t3.micro")
                .minCount(1).maxCount(1).subnetId(h.defaultSubnets().get(0).subnetId())
                .userData(Base64.getEncoder().encodeToString(SCRIPT.getBytes(StandardCharsets.UTF_8))))
                .instances().get(0).instanceId();
        LoadBalancer lb = h.alb("web");
        TargetGroup tg = h.targetGroup("instances", TargetTypeEnum.INSTANCE, 80);
        h.elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id(instance).port(80)));
        h.forward(lb, tg, 80);

        // the instance boots on the server clock; its script then starts as a real process, which takes
        // real time: health checks on the clock's intervals find it once it listens
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (health(tg, instance) != TargetHealthStateEnum.HEALTHY) {
            assertThat(System.nanoTime()).as("the instance target became healthy").isLessThan(deadline);
            h.advance(Duration.ofSeconds(10));
            Thread.sleep(200);
        }
        ElbHarness.Answer answer = h.get(lb, "/orders");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("hello from " + instance + " at /orders\n");

        // stopped, its workload ends: the target fails its checks and the load balancer has no one to send to
        h.ec2.stopInstances(r -> r.instanceIds(instance));
        h.advance(Duration.ofSeconds(5));
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (health(tg, instance) == TargetHealthStateEnum.HEALTHY) {
            assertThat(System.nanoTime()).as("the stopped target left the healthy ones").isLessThan(deadline);
            h.advance(Duration.ofSeconds(10));
            Thread.sleep(100);
        }
        assertThat(h.get(lb, "/orders").status()).isGreaterThanOrEqualTo(500);
    }
}
