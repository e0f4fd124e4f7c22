package dev.gureum.testcontainers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testcontainers.containers.localstack.LocalStackContainer.Service.S3;
import static org.testcontainers.containers.localstack.LocalStackContainer.Service.SNS;
import static org.testcontainers.containers.localstack.LocalStackContainer.Service.SQS;

/**
 * Testcontainers' own {@link LocalStackContainer} with Gureum's image in LocalStack's place, and clients made
 * the way LocalStack's and Testcontainers' documentation makes them.
 */
@ExtendWith(DockerAvailable.class)
class LocalStackContainerIT {

    private static LocalStackContainer localstack;

    @BeforeAll
    static void start() {
        DockerImageName gureum = DockerImageName.parse(GureumImage.name())
                .asCompatibleSubstituteFor("localstack/localstack");
        localstack = new LocalStackContainer(gureum).withServices(S3, SQS, SNS);
        localstack.start();
    }

    @AfterAll
    static void stop() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()));
    }

    @Test
    void s3() {
        S3Client s3 = S3Client.builder()
                .endpointOverride(localstack.getEndpoint())
                .credentialsProvider(credentials())
                .region(Region.of(localstack.getRegion()))
                .build();
        String bucketName = "foo";
        s3.createBucket(b -> b.bucket(bucketName));
        s3.putObject(b -> b.bucket(bucketName).key("bar"), RequestBody.fromString("baz"));

        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains(bucketName);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucketName).key("bar")).asUtf8String()).isEqualTo("baz");
    }

    @Test
    void sqs() {
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(localstack.getEndpointOverride(SQS))
                .credentialsProvider(credentials())
                .region(Region.of(localstack.getRegion()))
                .build();
        String queueUrl = sqs.createQueue(b -> b.queueName("baz")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("test"));

        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5)).messages();
        assertThat(messages).extracting(Message::body).containsExactly("test");
    }

    @Test
    void snsDeliversToAnSqsQueue() {
        SnsClient sns = SnsClient.builder()
                .endpointOverride(localstack.getEndpointOverride(SNS))
                .credentialsProvider(credentials())
                .region(Region.of(localstack.getRegion()))
                .build();
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(localstack.getEndpointOverride(SQS))
                .credentialsProvider(credentials())
                .region(Region.of(localstack.getRegion()))
                .build();
        String topicArn = sns.createTopic(b -> b.name("news")).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName("news-reader")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(java.util.Map.of("RawMessageDelivery", "true")));

        sns.publish(b -> b.topicArn(topicArn).message("extra, extra"));

        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(10)).messages();
        assertThat(messages).extracting(Message::body).containsExactly("extra, extra");
        assertThat(topicArn).startsWith("arn:aws:sns:" + localstack.getRegion() + ":000000000000:");
    }
}
