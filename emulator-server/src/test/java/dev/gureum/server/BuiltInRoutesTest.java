package dev.gureum.server;

import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.http.ServiceTable;
import dev.gureum.ec2.Ec2Module;
import dev.gureum.elb.ElbModule;
import dev.gureum.iam.IamModule;
import dev.gureum.lambda.LambdaModule;
import dev.gureum.lambda.LogsModule;
import dev.gureum.s3.S3Module;
import dev.gureum.server.sts.StsModule;
import dev.gureum.sns.SnsModule;
import dev.gureum.sqs.SqsModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The routing rules the built-in modules contribute, as the server's route table holds them. */
class BuiltInRoutesTest {

    private static final ServiceTable ROUTES = ServiceTable.of(
            ServiceModules.builtIn().stream().map(m -> m.descriptor()).toList());

    private static ServiceDescriptor byName(String name) {
        return ROUTES.services().stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void signingNamesNameTheirService() {
        assertThat(ROUTES.bySigningName("s3")).isEqualTo(S3Module.DESCRIPTOR);
        assertThat(ROUTES.bySigningName("sqs")).isEqualTo(SqsModule.DESCRIPTOR);
        assertThat(ROUTES.bySigningName("sns")).isEqualTo(SnsModule.DESCRIPTOR);
        assertThat(ROUTES.bySigningName("lambda")).isEqualTo(LambdaModule.DESCRIPTOR);
        assertThat(ROUTES.bySigningName("ec2")).isEqualTo(Ec2Module.DESCRIPTOR);
        assertThat(ROUTES.bySigningName("elasticloadbalancing")).isEqualTo(ElbModule.DESCRIPTOR);
        assertThat(ROUTES.bySigningName("sts")).isEqualTo(StsModule.DESCRIPTOR);
        assertThat(ROUTES.bySigningName("iam")).isEqualTo(IamModule.DESCRIPTOR);
        assertThat(ROUTES.bySigningName("dynamodb")).isNull();
        assertThat(ROUTES.bySigningName("SQS")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            // the API version names the service, whatever the action
            "SendMessage,2012-11-05,sqs",
            "CreateTopic,2010-03-31,sns",
            "DescribeInstances,2016-11-15,ec2",
            "GetCallerIdentity,2011-06-15,sts",
            "ListUsers,2010-05-08,iam",
            "CreateRole,2010-05-08,iam",
            "CreateTopic,2016-11-15,ec2",
            "DescribeLoadBalancers,2015-12-01,elb",
            "CreateLoadBalancer,2015-12-01,elb",
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
        assertThat(ROUTES.byAction(action, version)).isEqualTo(byName(service));
    }

    @Test
    void noActionNamesNoService() {
        assertThat(ROUTES.byAction(null, "2012-11-05")).isNull();
        assertThat(ROUTES.byAction("", "2012-11-05")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "sqs.eu-west-1.localhost.localstack.cloud,eu-west-1",
            "sqs.us-east-2.amazonaws.com,us-east-2",
            "s3.ap-northeast-2.amazonaws.com,ap-northeast-2",
            "mybucket.s3.ap-northeast-2.amazonaws.com,ap-northeast-2",
            "s3-us-west-2.amazonaws.com,us-west-2",
            "ec2.cn-north-1.amazonaws.com.cn,cn-north-1",
            "elasticloadbalancing.eu-west-1.amazonaws.com,eu-west-1",
            "sns.us-gov-west-1.amazonaws.com,us-gov-west-1",
            "eu-west-1.queue.amazonaws.com,eu-west-1",
    })
    void regionFromHost(String host, String region) {
        assertThat(ROUTES.regionFromHost(host)).isEqualTo(region);
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
        assertThat(ROUTES.regionFromHost(host)).isNull();
    }

    @Test
    void everyBuiltInServiceIsInTheTableInHealthOrder() {
        assertThat(ROUTES.services()).extracting(ServiceDescriptor::name)
                .containsExactly("s3", "sqs", "sns", "lambda", "ec2", "elb", "autoscaling", "sts", "iam", "logs", "cloudwatch");
        assertThat(ROUTES.fallback()).isEqualTo(S3Module.DESCRIPTOR);
        assertThat(ROUTES.byTargetPrefix("Logs_20140328")).isEqualTo(dev.gureum.lambda.LogsModule.DESCRIPTOR);
    }
}
