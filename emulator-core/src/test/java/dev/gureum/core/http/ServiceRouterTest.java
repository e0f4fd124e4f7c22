package dev.gureum.core.http;

import dev.gureum.core.ServiceDescriptor;
import io.undertow.server.HttpServerExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRouterTest {

    @Test
    void signingNamesNameTheirService() {
        assertThat(ServiceRouter.bySigningName("s3")).isEqualTo(ServiceDescriptor.S3);
        assertThat(ServiceRouter.bySigningName("sqs")).isEqualTo(ServiceDescriptor.SQS);
        assertThat(ServiceRouter.bySigningName("sns")).isEqualTo(ServiceDescriptor.SNS);
        assertThat(ServiceRouter.bySigningName("lambda")).isEqualTo(ServiceDescriptor.LAMBDA);
        assertThat(ServiceRouter.bySigningName("ec2")).isEqualTo(ServiceDescriptor.EC2);
        assertThat(ServiceRouter.bySigningName("sts")).isEqualTo(ServiceDescriptor.STS);
        assertThat(ServiceRouter.bySigningName("iam")).isNull();
        assertThat(ServiceRouter.bySigningName("SQS")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            // the API version names the service, whatever the action
            "SendMessage,2012-11-05,sqs",
            "CreateTopic,2010-03-31,sns",
            "DescribeInstances,2016-11-15,ec2",
            "GetCallerIdentity,2011-06-15,sts",
            "CreateTopic,2016-11-15,ec2",
            // without a known version, the action's name decides
            "GetCallerIdentity,,sts",
            "AssumeRole,,sts",
            "CreateTopic,,sns",
            "ListTopics,,sns",
            "Publish,,sns",
            "PublishBatch,,sns",
            "Subscribe,,sns",
            "Unsubscribe,,sns",
            "ListSubscriptionsByTopic,,sns",
            "ConfirmSubscription,,sns",
            "CreateQueue,,sqs",
            "ReceiveMessage,,sqs",
            "ChangeMessageVisibilityBatch,,sqs",
            "ListQueues,1999-01-01,sqs",
            "DescribeInstances,,ec2",
            "RunInstances,,ec2",
            "CreateVpc,,ec2",
    })
    void actionAndVersion(String action, String version, String service) {
        assertThat(ServiceRouter.byAction(action, version)).isEqualTo(ServiceDescriptor.byName(service));
    }

    @Test
    void noActionNamesNoService() {
        assertThat(ServiceRouter.byAction(null, "2012-11-05")).isNull();
        assertThat(ServiceRouter.byAction("", "2012-11-05")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "sqs.eu-west-1.localhost.localstack.cloud,eu-west-1",
            "sqs.us-east-2.amazonaws.com,us-east-2",
            "s3.ap-northeast-2.amazonaws.com,ap-northeast-2",
            "mybucket.s3.ap-northeast-2.amazonaws.com,ap-northeast-2",
            "s3-us-west-2.amazonaws.com,us-west-2",
            "ec2.cn-north-1.amazonaws.com.cn,cn-north-1",
            "sns.us-gov-west-1.amazonaws.com,us-gov-west-1",
            "eu-west-1.queue.amazonaws.com,eu-west-1",
    })
    void regionFromHost(String host, String region) {
        assertThat(ServiceRouter.regionFromHost(host)).isEqualTo(region);
    }

    @ParameterizedTest
    @CsvSource({
            "localhost",
            "127.0.0.1",
            "s3.amazonaws.com",
            "mybucket.s3.localhost.localstack.cloud",
            "queue.amazonaws.com",
            "sqs.eu-west-1.example.com",
            "iam.amazonaws.com",
    })
    void hostsWithoutRegion(String host) {
        assertThat(ServiceRouter.regionFromHost(host)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "localhost:4566,localhost",
            "LocalHost:4566,localhost",
            "SQS.US-EAST-1.LOCALHOST.LOCALSTACK.CLOUD:4566,sqs.us-east-1.localhost.localstack.cloud",
            "[::1]:4566,[::1]",
            "[::1],[::1]",
            "example.com,example.com",
    })
    void hostNameDropsThePortAndCase(String hostHeader, String expected) {
        assertThat(ServiceRouter.hostName(ErrorRendererTest.exchange(Map.of("Host", hostHeader)))).isEqualTo(expected);
    }

    @Test
    void exchangeHelperBuildsHeaders() {
        HttpServerExchange exchange = ErrorRendererTest.exchange(Map.of("Host", "h"));
        assertThat(exchange.getRequestHeaders().getFirst("Host")).isEqualTo("h");
    }
}
