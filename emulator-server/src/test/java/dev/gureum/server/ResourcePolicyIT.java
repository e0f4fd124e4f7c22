package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A resource policy grants another account exactly the actions of the statements that allow it: a policy that
 * only denies grants nothing, and one that allows one action grants only that action, in S3, SQS and SNS. An
 * explicit deny refuses the resource's own account too.
 */
class ResourcePolicyIT {

    private static final String OTHER = "111111111111";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private static S3Client ownerS3;
    private static S3Client otherS3;
    private static SqsClient ownerSqs;
    private static SqsClient otherSqs;
    private static SnsClient ownerSns;
    private static SnsClient otherSns;

    @BeforeAll
    static void clients() {
        ownerS3 = gureum.configure(S3Client.builder()).forcePathStyle(true).build();
        otherS3 = gureum.configure(S3Client.builder(), OTHER).forcePathStyle(true).build();
        ownerSqs = gureum.configure(SqsClient.builder()).build();
        otherSqs = gureum.configure(SqsClient.builder(), OTHER).build();
        ownerSns = gureum.configure(SnsClient.builder()).build();
        otherSns = gureum.configure(SnsClient.builder(), OTHER).build();
    }

    private static void assertDenied(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SdkServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(((software.amazon.awssdk.awscore.exception.AwsServiceException) e).awsErrorDetails().errorCode())
                    .isEqualTo(code);
        });
    }

    @Test
    void aDenyOnlyBucketPolicyWithPrincipalStarLetsNoOtherAccountRead() {
        ownerS3.createBucket(b -> b.bucket("deny-only"));
        ownerS3.putObject(b -> b.bucket("deny-only").key("k"), RequestBody.fromString("v"));
        ownerS3.putBucketPolicy(b -> b.bucket("deny-only").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject",
                 "Resource":"arn:aws:s3:::deny-only/*"}]}"""));
        assertDenied(() -> otherS3.getObject(b -> b.bucket("deny-only").key("k")), "AccessDenied");
        assertDenied(() -> otherS3.listObjectsV2(b -> b.bucket("deny-only")), "AccessDenied");
        // the deny applies to the owner as well
        assertDenied(() -> ownerS3.deleteObject(b -> b.bucket("deny-only").key("k")), "AccessDenied");
        assertThat(ownerS3.getObjectAsBytes(b -> b.bucket("deny-only").key("k")).asUtf8String()).isEqualTo("v");
    }

    @Test
    void aBucketPolicyAllowingOnlyListBucketLetsAnotherAccountListAndNothingElse() {
        ownerS3.createBucket(b -> b.bucket("list-only"));
        ownerS3.putObject(b -> b.bucket("list-only").key("k"), RequestBody.fromString("v"));
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
                 "Action":"s3:ListBucket","Resource":"arn:aws:s3:::list-only"}]}""".formatted(OTHER);
        ownerS3.putBucketPolicy(b -> b.bucket("list-only").policy(policy));

        assertThat(otherS3.listObjectsV2(b -> b.bucket("list-only")).contents()).hasSize(1);
        assertDenied(() -> otherS3.getObject(b -> b.bucket("list-only").key("k")), "AccessDenied");
        assertDenied(() -> otherS3.putObject(b -> b.bucket("list-only").key("k"), RequestBody.fromString("x")),
                "AccessDenied");
        assertDenied(() -> otherS3.deleteObject(b -> b.bucket("list-only").key("k")), "AccessDenied");
        assertDenied(() -> otherS3.deleteBucketPolicy(b -> b.bucket("list-only")), "AccessDenied");
        assertDenied(() -> otherS3.putBucketPolicy(b -> b.bucket("list-only").policy(policy.replace("ListBucket", "*"))),
                "AccessDenied");
        assertThat(ownerS3.getBucketPolicy(b -> b.bucket("list-only")).policy()).contains("s3:ListBucket");
        assertThat(ownerS3.getObjectAsBytes(b -> b.bucket("list-only").key("k")).asUtf8String()).isEqualTo("v");
    }

    @Test
    void aBucketPolicyCanGrantReadsOfObjectsByTheirTags() {
        ownerS3.createBucket(b -> b.bucket("tagged-reads"));
        ownerS3.putObject(b -> b.bucket("tagged-reads").key("shared").tagging("share=yes"), RequestBody.fromString("s"));
        ownerS3.putObject(b -> b.bucket("tagged-reads").key("private").tagging("share=no"), RequestBody.fromString("p"));
        ownerS3.putBucketPolicy(b -> b.bucket("tagged-reads").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::tagged-reads/*","Condition":{"StringEquals":{"s3:ExistingObjectTag/share":"yes"}}}]}"""
                .formatted(OTHER)));
        assertThat(otherS3.getObjectAsBytes(b -> b.bucket("tagged-reads").key("shared")).asUtf8String()).isEqualTo("s");
        assertDenied(() -> otherS3.getObject(b -> b.bucket("tagged-reads").key("private")), "AccessDenied");
    }

    @Test
    void aQueuePolicyGrantsAnotherAccountOnlyItsActions() {
        String url = ownerSqs.createQueue(b -> b.queueName("policy-send-only")).queueUrl();
        String arn = ownerSqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        ownerSqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
                 "Action":"sqs:SendMessage","Resource":"%s"}]}""".formatted(OTHER, arn))));

        otherSqs.sendMessage(b -> b.queueUrl(url).messageBody("one"));
        // SendMessageBatch is authorised by sqs:SendMessage
        assertThat(otherSqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("two").build())).successful()).hasSize(1);
        assertDenied(() -> otherSqs.receiveMessage(b -> b.queueUrl(url)), "AccessDenied");
        assertDenied(() -> otherSqs.deleteQueue(b -> b.queueUrl(url)), "AccessDenied");
        assertDenied(() -> otherSqs.setQueueAttributes(b -> b.queueUrl(url).attributes(
                Map.of(QueueAttributeName.POLICY, ""))), "AccessDenied");
        assertThat(ownerSqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages()).hasSize(2);
    }

    @Test
    void aDenyOnlyQueuePolicyGrantsNothingAndDeniesTheOwnerToo() {
        String url = ownerSqs.createQueue(b -> b.queueName("policy-deny-only")).queueUrl();
        String arn = ownerSqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        ownerSqs.setQueueAttributes(b -> b.queueUrl(url).attributes(Map.of(QueueAttributeName.POLICY, """
                {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"sqs:PurgeQueue",
                 "Resource":"%s"}]}""".formatted(arn))));
        assertDenied(() -> otherSqs.sendMessage(b -> b.queueUrl(url).messageBody("x")), "AccessDenied");
        assertDenied(() -> ownerSqs.purgeQueue(b -> b.queueUrl(url)), "AccessDenied");
        ownerSqs.sendMessage(b -> b.queueUrl(url).messageBody("mine"));
    }

    @Test
    void aTopicPolicyGrantsAnotherAccountOnlyItsActions() {
        String topic = ownerSns.createTopic(b -> b.name("policy-subscribe-only")).topicArn();
        ownerSns.setTopicAttributes(b -> b.topicArn(topic).attributeName("Policy").attributeValue("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
                 "Action":"SNS:GetTopicAttributes","Resource":"%s"},
                 {"Effect":"Deny","Principal":"*","Action":"SNS:DeleteTopic","Resource":"%s"}]}"""
                .formatted(OTHER, topic, topic)));

        assertThat(otherSns.getTopicAttributes(b -> b.topicArn(topic)).attributes()).containsKey("Policy");
        assertDenied(() -> otherSns.publish(b -> b.topicArn(topic).message("m")), "AuthorizationError");
        assertDenied(() -> otherSns.setTopicAttributes(b -> b.topicArn(topic).attributeName("Policy")
                .attributeValue("{}")), "AuthorizationError");
        assertDenied(() -> ownerSns.deleteTopic(b -> b.topicArn(topic)), "AuthorizationError");
        ownerSns.publish(b -> b.topicArn(topic).message("mine"));
    }
}
