package dev.gureum.server;

import dev.gureum.ec2.Ec2Module;
import dev.gureum.lambda.LambdaModule;
import dev.gureum.s3.S3Module;
import dev.gureum.server.junit.GureumExtension;
import dev.gureum.sns.SnsModule;
import dev.gureum.sqs.SqsModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The router's six rules, in order, observed through stand-in services that echo where a request went. */
class RoutingIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b
            .module(TestModules.echo(S3Module.DESCRIPTOR))
            .module(TestModules.echo(SqsModule.DESCRIPTOR))
            .module(TestModules.echo(SnsModule.DESCRIPTOR))
            .module(TestModules.echo(LambdaModule.DESCRIPTOR))
            .module(TestModules.echo(Ec2Module.DESCRIPTOR)));

    private static String post(String path, Map<String, String> headers, String body) throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), path, headers, body);
        return response.statusCode() + " " + response.body();
    }

    @Test
    void credentialScopeWinsOverEverythingElse() throws Exception {
        assertThat(post("/2015-03-31/functions", Map.of(
                "Authorization", RawHttp.authorization("123456789012", "eu-west-1", "sns"),
                "X-Amz-Target", "AmazonSQS.ListQueues"), "Action=DescribeInstances"))
                .isEqualTo("200 {\"service\":\"sns\",\"account\":\"123456789012\",\"region\":\"eu-west-1\"}");
    }

    @Test
    void presignedCredentialRoutes() throws Exception {
        HttpResponse<String> response = RawHttp.get(gureum.endpoint(), "/?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=111111111111%2F20260101%2Fap-northeast-2%2Fsqs%2Faws4_request"
                + "&X-Amz-Date=20260101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=00");
        assertThat(response.body()).isEqualTo("{\"service\":\"sqs\",\"account\":\"111111111111\",\"region\":\"ap-northeast-2\"}");
    }

    @Test
    void targetPrefixRoutesUnsignedJson() throws Exception {
        assertThat(post("/", Map.of("X-Amz-Target", "AmazonSQS.ListQueues",
                "Content-Type", "application/x-amz-json-1.0"), "{}"))
                .startsWith("200 {\"service\":\"sqs\",\"account\":\"000000000000\",\"region\":\"us-east-1\"");
    }

    @Test
    void pathRules() throws Exception {
        assertThat(RawHttp.get(gureum.endpoint(), "/2015-03-31/functions/").body()).contains("\"lambda\"");
        assertThat(RawHttp.get(gureum.endpoint(), "/2018-06-01/runtime/invocation/next").body()).contains("\"lambda\"");
        assertThat(post("/000000000000/orders.fifo", Map.of(), "x")).contains("\"sqs\"");
    }

    @Test
    void hostRules() throws Exception {
        assertThat(getWithHost("/", "sqs.eu-central-1.localhost.localstack.cloud:4566"))
                .endsWith("{\"service\":\"sqs\",\"account\":\"000000000000\",\"region\":\"eu-central-1\"}");
        assertThat(getWithHost("/", "ec2.ap-northeast-2.amazonaws.com")).contains("\"ec2\"").contains("ap-northeast-2");
        assertThat(getWithHost("/", "eu-west-1.queue.amazonaws.com")).contains("\"sqs\"").contains("eu-west-1");
        assertThat(getWithHost("/key", "photos.s3.localhost.localstack.cloud:4566")).contains("\"s3\"");
        assertThat(getWithHost("/key", "photos.s3.eu-west-2.localhost.localstack.cloud:4566"))
                .contains("\"s3\"").contains("eu-west-2");
    }

    private static String getWithHost(String path, String host) throws Exception {
        return RawHttp.exchange(gureum.server().port(), "GET " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void actionFieldRoutesUnsignedQueryCalls() throws Exception {
        assertThat(post("/", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=DescribeInstances&Version=2016-11-15")).contains("\"ec2\"");
        assertThat(post("/", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=Publish&TopicArn=arn")).contains("\"sns\"");
        assertThat(post("/", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                "Action=SendMessage&Version=2012-11-05")).contains("\"sqs\"");
        assertThat(RawHttp.get(gureum.endpoint(), "/?Action=GetCallerIdentity&Version=2011-06-15").body())
                .contains("<Account>000000000000</Account>");
    }

    @Test
    void everythingElseIsS3() throws Exception {
        assertThat(RawHttp.get(gureum.endpoint(), "/my-bucket/some/key.txt").body()).contains("\"s3\"");
        assertThat(post("/my-bucket/form", Map.of("Content-Type", "application/x-www-form-urlencoded"), "a=b"))
                .contains("\"s3\"");
    }

    @Test
    void unsupportedServiceIsNotImplemented() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "Authorization", RawHttp.authorization("test", "us-east-1", "dynamodb"),
                "X-Amz-Target", "DynamoDB_20120810.ListTables", "Content-Type", "application/x-amz-json-1.0"), "{}");
        assertThat(response.statusCode()).isEqualTo(501);
        assertThat(response.body()).contains("\"__type\":\"com.amazon.coral.service#NotImplemented\"")
                .contains("dynamodb");
    }
}
