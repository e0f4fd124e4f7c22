package dev.gureum.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.core.testing.Await;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Load balancers whose targets are Lambda functions: the ALB event in, the function's answer out. */
class ElbLambdaTargetsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    static LambdaClient lambda;
    static ElasticLoadBalancingV2Client elb;
    static Ec2Client ec2;

    @BeforeAll
    static void clients() {
        lambda = gureum.configure(LambdaClient.builder()).build();
        elb = gureum.configure(ElasticLoadBalancingV2Client.builder()).build();
        ec2 = gureum.configure(Ec2Client.builder()).build();
    }

    @AfterAll
    static void close() {
        lambda.close();
        elb.close();
        ec2.close();
    }

    /** A function that answers with the event it was given, and a header and status the event asks for. */
    private static String function(String name) {
        return lambda.createFunction(r -> r.functionName(name).runtime("python3.12").handler("app.handler")
                .role(Packages.ROLE).timeout(15).code(c -> c.zipFile(Packages.zip(Map.of("app.py", """
                        import base64, json
                        def handler(event, context):
                            if event["path"] == "/broken":
                                raise Exception("broken")
                            if event["path"] == "/binary":
                                return {"statusCode": 201, "headers": {"Content-Type": "application/octet-stream"},
                                        "body": base64.b64encode(b"\\x00\\x01\\x02").decode(), "isBase64Encoded": True}
                            return {"statusCode": 200, "statusDescription": "200 OK",
                                    "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]},
                                    "headers": {"Content-Type": "application/json", "X-Fn": "%s"},
                                    "body": json.dumps(event), "isBase64Encoded": False}
                        """.formatted(name)))))).functionArn();
    }

    private static LoadBalancer loadBalancer(String name, TargetGroup tg) {
        List<Subnet> subnets = ec2.describeSubnets().subnets().stream().filter(Subnet::defaultForAz)
                .sorted(Comparator.comparing(Subnet::availabilityZone)).toList();
        LoadBalancer lb = elb.createLoadBalancer(b -> b.name(name).subnets(subnets.get(0).subnetId(),
                subnets.get(1).subnetId())).loadBalancers().get(0);
        elb.createListener(b -> b.loadBalancerArn(lb.loadBalancerArn()).port(80).defaultActions(Action.builder()
                .type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build()));
        return lb;
    }

    private static TargetGroup lambdaGroup(String name, String functionArn) {
        TargetGroup tg = elb.createTargetGroup(b -> b.name(name).targetType(TargetTypeEnum.LAMBDA)).targetGroups().get(0);
        lambda.addPermission(r -> r.functionName(functionArn).statementId("elb").action("lambda:InvokeFunction")
                .principal("elasticloadbalancing.amazonaws.com").sourceArn(tg.targetGroupArn()));
        elb.registerTargets(b -> b.targetGroupArn(tg.targetGroupArn()).targets(t -> t.id(functionArn)));
        return tg;
    }

    private static String[] get(LoadBalancer lb, String request) throws Exception {
        String host = lb.dnsName().substring(0, lb.dnsName().indexOf('.')) + ".us-east-1.elb.localhost.localstack.cloud";
        try (Socket socket = new Socket("127.0.0.1", gureum.endpoint().getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.replace("HOST", host).getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return new String[] {text.substring(0, end), text.substring(end + 4)};
        }
    }

    @Test
    void theFunctionGetsTheAlbEventAndItsAnswerIsTheResponse() throws Exception {
        Packages.assumeRuns("python3", "--version");
        String arn = function("echo");
        TargetGroup tg = lambdaGroup("echo-tg", arn);
        LoadBalancer lb = loadBalancer("fn", tg);
        String body = "{\"x\":1}";
        String[] answer = get(lb, "POST /items?a=1&a=2&b=%20x HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\n"
                + "X-Multi: one\r\nX-Multi: two\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer[0]).startsWith("HTTP/1.1 200").contains("X-Fn: echo").contains("Set-Cookie: a=1")
                .contains("Set-Cookie: b=2");
        JsonNode event = Json.mapper().readTree(answer[1]);
        assertThat(event.at("/requestContext/elb/targetGroupArn").asText()).isEqualTo(tg.targetGroupArn());
        assertThat(event.get("httpMethod").asText()).isEqualTo("POST");
        assertThat(event.get("path").asText()).isEqualTo("/items");
        assertThat(event.at("/queryStringParameters/a").asText()).isEqualTo("2");
        assertThat(event.at("/queryStringParameters/b").asText()).isEqualTo("%20x");
        assertThat(event.at("/headers/x-multi").asText()).isEqualTo("two");
        assertThat(event.get("body").asText()).isEqualTo(body);
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();

        elb.modifyTargetGroupAttributes(b -> b.targetGroupArn(tg.targetGroupArn()).attributes(TargetGroupAttribute.builder()
                .key("lambda.multi_value_headers.enabled").value("true").build()));
        JsonNode multi = Json.mapper().readTree(get(lb, "GET /items?a=1&a=2 HTTP/1.1\r\nHost: HOST\r\nX-Multi: one\r\n"
                + "X-Multi: two\r\nConnection: close\r\n\r\n")[1]);
        assertThat(multi.at("/multiValueQueryStringParameters/a").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(multi.at("/multiValueHeaders/x-multi").toString()).isEqualTo("[\"one\",\"two\"]");
        assertThat(multi.has("headers")).isFalse();

        String[] binary = get(lb, "GET /binary HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n");
        assertThat(binary[0]).startsWith("HTTP/1.1 201");
        assertThat(binary[1].getBytes(StandardCharsets.ISO_8859_1)).containsExactly(0, 1, 2);
        String[] broken = get(lb, "GET /broken HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n");
        assertThat(broken[0]).startsWith("HTTP/1.1 502");
        assertThat(broken[1]).contains("502 Bad Gateway");
    }

    @Test
    void lambdaHealthChecksInvokeTheFunctionWhenEnabled() {
        Packages.assumeRuns("python3", "--version");
        String arn = function("checked");
        TargetGroup tg = lambdaGroup("checked-tg", arn);
        loadBalancer("checked", tg);
        assertThat(elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions().get(0)
                .targetHealth().state()).isEqualTo(TargetHealthStateEnum.UNAVAILABLE);
        elb.modifyTargetGroup(b -> b.targetGroupArn(tg.targetGroupArn()).healthCheckEnabled(true));
        gureum.server().clock().advance(Duration.ofSeconds(35));
        Await.until(Duration.ofSeconds(30), () -> elb.describeTargetHealth(b -> b.targetGroupArn(tg.targetGroupArn()))
                .targetHealthDescriptions().get(0).targetHealth().state() == TargetHealthStateEnum.HEALTHY,
                "the function healthy");
    }
}
