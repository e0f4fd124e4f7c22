package dev.gureum.server;

import dev.gureum.ec2.Ec2Module;
import dev.gureum.lambda.LambdaModule;
import dev.gureum.s3.S3Module;
import dev.gureum.server.junit.GureumExtension;
import dev.gureum.sns.SnsModule;
import dev.gureum.sqs.SqsModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each protocol's answer to an operation the service does not have, as the AWS SDK for Java v2 reads
 * it, through stand-in services with no operations that real clients call.
 */
class ProtocolsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b
            .module(TestModules.actions(Ec2Module.DESCRIPTOR))
            .module(TestModules.actions(SqsModule.DESCRIPTOR))
            .module(TestModules.actions(SnsModule.DESCRIPTOR))
            .module(TestModules.rest(S3Module.DESCRIPTOR))
            .module(TestModules.rest(LambdaModule.DESCRIPTOR)));

    private static void assertAwsError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.requestId()).isNotBlank();
        });
    }

    @Test
    void ec2UnknownActionIsInvalidAction() {
        try (Ec2Client ec2 = gureum.configure(Ec2Client.builder()).build()) {
            assertAwsError(ec2::describeRegions, 400, "InvalidAction");
        }
    }

    @Test
    void jsonUnknownOperationIsUnknownOperationException() {
        try (SqsClient sqs = gureum.configure(SqsClient.builder()).build()) {
            assertAwsError(sqs::listQueues, 400, "UnknownOperationException");
        }
    }

    @Test
    void queryUnknownActionIsInvalidAction() {
        try (SnsClient sns = gureum.configure(SnsClient.builder()).build()) {
            assertAwsError(sns::listTopics, 400, "InvalidAction");
        }
    }

    @Test
    void restXmlUnknownOperationIsNotImplemented() {
        try (S3Client s3 = gureum.configure(S3Client.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            assertAwsError(s3::listBuckets, 501, "NotImplemented");
        }
    }

    @Test
    void restJsonUnknownOperationIsUnknownOperationException() {
        try (LambdaClient lambda = gureum.configure(LambdaClient.builder()).build()) {
            assertAwsError(lambda::listFunctions, 404, "UnknownOperationException");
        }
    }

    @Test
    void queryProtocolDecodesAndEncodes() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                "Authorization", RawHttp.authorization("test", "us-east-1", "sns")),
                "Action=Echo&Version=2010-03-31&Value=%EA%B5%AC%EB%A6%84+%3C%26%3E&Count=3");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<EchoResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<EchoResult><Value>구름 &lt;&amp;&gt;</Value><Count>3</Count></EchoResult>"
                + "<ResponseMetadata><RequestId>" + response.headers().firstValue("x-amzn-RequestId").orElseThrow()
                + "</RequestId></ResponseMetadata></EchoResponse>");
    }

    @Test
    void ec2ProtocolPutsRequestIdFirst() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", RawHttp.authorization("test", "us-east-1", "ec2")),
                "Action=Echo&Version=2016-11-15&Value=x");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<EchoResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>" + response.headers().firstValue("x-amz-request-id").orElseThrow() + "</requestId>"
                + "<Value>x</Value></EchoResponse>");
    }

    @Test
    void jsonProtocolDecodesAndEncodes() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "AmazonSQS.Echo",
                "Authorization", RawHttp.authorization("test", "us-east-1", "sqs")),
                "{\"Value\":\"v\",\"Count\":7}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"Value\":\"v\",\"Count\":7}");
    }

    @Test
    void jsonErrorsCarryTheQueryCodeForQueryCompatibleServices() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "Content-Type", "application/x-amz-json-1.0", "X-Amz-Target", "AmazonSQS.Echo",
                "Authorization", RawHttp.authorization("test", "us-east-1", "sqs")),
                "{\"Count\":\"seven\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"com.amazonaws.sqs#InvalidParameterValue\"");
        assertThat(response.headers().firstValue("x-amzn-query-error")).hasValue("InvalidParameterValue;Sender");
    }

    @Test
    void unexpectedFailureIsInternalErrorWithRequestId() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", RawHttp.authorization("test", "us-east-1", "sns")), "Action=Explode");
        assertThat(response.statusCode()).isEqualTo(500);
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(response.body()).contains("<Code>InternalError</Code>").contains(requestId)
                .doesNotContain("IllegalStateException").doesNotContain("at dev.gureum");
        // and the server goes on serving
        assertThat(RawHttp.get(gureum.endpoint(), "/_gureum/health").statusCode()).isEqualTo(200);
    }

    @Test
    void restJsonRoutesMatchPathLabels() throws Exception {
        HttpResponse<String> response = RawHttp.send(gureum.endpoint(), "GET", "/2015-03-31/echo/my%20fn",
                Map.of("Authorization", RawHttp.authorization("test", "us-east-1", "lambda")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"Name\":\"my fn\"}");
    }
}
