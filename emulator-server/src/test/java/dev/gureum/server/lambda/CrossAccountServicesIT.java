package dev.gureum.server.lambda;

import dev.gureum.core.testing.Await;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Services reach a function, a queue or an object of another account (or a function of their own) only
 * where the resource's policy names them: S3 and SNS invoke as their service principals for a bucket or
 * a topic, an event source mapping reads a queue as the function's account, and code is read from a
 * bucket as the caller.
 */
class CrossAccountServicesIT {

    static final String A = "111111111111";
    static final String B = "222222222222";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    static LambdaClient lambdaA;
    static S3Client s3A;
    static S3Client s3B;
    static SnsClient snsB;
    static SqsClient sqsA;
    static SqsClient sqsB;
    static CloudWatchLogsClient logsA;

    /** Prints what each record carries, to be found in the function's log. */
    static final String PRINTER = """
            def handler(event, context):
                for r in event.get("Records", []):
                    if "s3" in r:
                        print("s3 object " + r["s3"]["object"]["key"])
                    elif "Sns" in r:
                        print("sns message " + r["Sns"]["Message"])
                    else:
                        print("sqs body " + r["body"])
            """;

    @BeforeAll
    static void clients() {
        lambdaA = gureum.configure(LambdaClient.builder(), A).build();
        s3A = gureum.configure(S3Client.builder(), A).build();
        s3B = gureum.configure(S3Client.builder(), B).build();
        snsB = gureum.configure(SnsClient.builder(), B).build();
        sqsA = gureum.configure(SqsClient.builder(), A).build();
        sqsB = gureum.configure(SqsClient.builder(), B).build();
        logsA = gureum.configure(CloudWatchLogsClient.builder(), A).build();
    }

    @AfterAll
    static void close() {
        List.of(lambdaA, s3A, s3B, snsB, sqsA, sqsB, logsA).forEach(c -> c.close());
    }

    static String printer(String name) {
        return lambdaA.createFunction(r -> r.functionName(name).runtime("python3.12").handler("app.handler")
                .role("arn:aws:iam::" + A + ":role/lambda-role").timeout(10)
                .code(c -> c.zipFile(Packages.zip(Map.of("app.py", PRINTER))))).functionArn();
    }

    static List<String> logged(String function) {
        List<String> lines = new ArrayList<>();
        try {
            for (FilteredLogEvent e : logsA.filterLogEventsPaginator(r -> r.logGroupName("/aws/lambda/" + function))
                    .events()) {
                lines.add(e.message().trim());
            }
        } catch (ResourceNotFoundException e) {
            return lines;
        }
        return lines;
    }

    static void notifyFunction(S3Client s3, String bucket, String functionArn) {
        s3.putBucketNotificationConfiguration(r -> r.bucket(bucket).notificationConfiguration(n -> n
                .lambdaFunctionConfigurations(l -> l.lambdaFunctionArn(functionArn).events(Event.S3_OBJECT_CREATED))));
    }

    static void assertUnableToValidate(Runnable call) {
        S3Exception e = catchThrowableOfType(call::run, S3Exception.class);
        assertThat(e).isNotNull();
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Unable to validate the following destination "
                + "configurations");
    }

    @Test
    void s3InvokesAFunctionOnlyForTheBucketsItsPolicyNames() {
        Packages.assumeRuns("python3", "--version");
        String function = printer("on-upload");
        s3A.createBucket(r -> r.bucket("tenancy-allowed"));
        s3A.createBucket(r -> r.bucket("tenancy-other"));
        s3B.createBucket(r -> r.bucket("tenancy-theirs"));
        assertUnableToValidate(() -> notifyFunction(s3A, "tenancy-allowed", function));

        lambdaA.addPermission(r -> r.functionName("on-upload").statementId("s3").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::tenancy-allowed").sourceAccount(A));
        notifyFunction(s3A, "tenancy-allowed", function);
        assertUnableToValidate(() -> notifyFunction(s3A, "tenancy-other", function));
        // another account's bucket is not the one the policy names either
        assertUnableToValidate(() -> notifyFunction(s3B, "tenancy-theirs", function));

        s3A.putObject(r -> r.bucket("tenancy-allowed").key("first.txt"), RequestBody.fromString("1"));
        Await.until(Duration.ofSeconds(20), () -> logged("on-upload").contains("s3 object first.txt"),
                "the notified invocation");

        // the policy is checked again on every delivery: S3 decides while it stores the object
        lambdaA.removePermission(r -> r.functionName("on-upload").statementId("s3"));
        s3A.putObject(r -> r.bucket("tenancy-allowed").key("refused.txt"), RequestBody.fromString("2"));
        lambdaA.addPermission(r -> r.functionName("on-upload").statementId("s3-again").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::tenancy-allowed"));
        s3A.putObject(r -> r.bucket("tenancy-allowed").key("again.txt"), RequestBody.fromString("3"));
        Await.until(Duration.ofSeconds(20), () -> logged("on-upload").contains("s3 object again.txt"),
                "the invocation after the permission came back");
        assertThat(logged("on-upload")).doesNotContain("s3 object refused.txt");
    }

    @Test
    void anotherAccountsBucketNotifiesWhereTheFunctionsPolicyNamesItAndItsAccount() {
        String function = lambdaA.createFunction(r -> r.functionName("for-b").runtime("python3.12")
                .handler("app.handler").role("arn:aws:iam::" + A + ":role/lambda-role")
                .code(c -> c.zipFile(Packages.zip(Map.of("app.py", PRINTER))))).functionArn();
        s3B.createBucket(r -> r.bucket("tenancy-b-uploads"));
        lambdaA.addPermission(r -> r.functionName("for-b").statementId("s3-wrong-account").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::tenancy-b-uploads").sourceAccount(A));
        assertUnableToValidate(() -> notifyFunction(s3B, "tenancy-b-uploads", function));
        lambdaA.addPermission(r -> r.functionName("for-b").statementId("s3-b").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::tenancy-b-uploads").sourceAccount(B));
        notifyFunction(s3B, "tenancy-b-uploads", function);
    }

    @Test
    void snsInvokesAFunctionOnlyForTheTopicItsPolicyNames() {
        Packages.assumeRuns("python3", "--version");
        String function = printer("on-news");
        String allowed = snsB.createTopic(r -> r.name("tenancy-allowed")).topicArn();
        String denied = snsB.createTopic(r -> r.name("tenancy-denied")).topicArn();
        lambdaA.addPermission(r -> r.functionName("on-news").statementId("sns").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com").sourceArn(allowed));
        String dlqUrl = sqsB.createQueue(r -> r.queueName("tenancy-undelivered")).queueUrl();
        String dlq = sqsB.getQueueAttributes(r -> r.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        snsB.subscribe(r -> r.topicArn(allowed).protocol("lambda").endpoint(function));
        snsB.subscribe(r -> r.topicArn(denied).protocol("lambda").endpoint(function)
                .attributes(Map.of("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlq + "\"}")));

        snsB.publish(r -> r.topicArn(denied).message("not for you"));
        Await.until(Duration.ofSeconds(20), () -> !sqsB.receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(1))
                .messages().isEmpty(), "the refused message in the dead-letter queue");
        snsB.publish(r -> r.topicArn(allowed).message("for you"));
        Await.until(Duration.ofSeconds(20), () -> logged("on-news").contains("sns message for you"),
                "the invocation for the allowed topic");
        assertThat(logged("on-news")).doesNotContain("sns message not for you");
    }

    @Test
    void anEventSourceReadsAnotherAccountsQueueOnlyWhereTheQueuesPolicyAllowsTheFunctionsAccount() {
        Packages.assumeRuns("python3", "--version");
        printer("on-job");
        String queueUrl = sqsB.createQueue(r -> r.queueName("tenancy-jobs")).queueUrl();
        String queueArn = sqsB.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        InvalidParameterValueException refused = catchThrowableOfType(() -> lambdaA.createEventSourceMapping(r -> r
                .functionName("on-job").eventSourceArn(queueArn)), InvalidParameterValueException.class);
        assertThat(refused).isNotNull();
        assertThat(refused.awsErrorDetails().errorMessage()).contains("AccessDenied");
        // a policy that names the account only to deny it does not let it in
        sqsB.setQueueAttributes(r -> r.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + A + "\"},"
                        + "\"Action\":\"sqs:*\",\"Resource\":\"" + queueArn + "\"}]}")));
        assertThat(catchThrowableOfType(() -> lambdaA.createEventSourceMapping(r -> r.functionName("on-job")
                .eventSourceArn(queueArn)), InvalidParameterValueException.class)).isNotNull();

        sqsB.setQueueAttributes(r -> r.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                        + A + ":root\"},\"Action\":[\"sqs:ReceiveMessage\",\"sqs:DeleteMessage\","
                        + "\"sqs:ChangeMessageVisibility\",\"sqs:GetQueueAttributes\"],\"Resource\":\"" + queueArn + "\"}]}")));
        lambdaA.createEventSourceMapping(r -> r.functionName("on-job").eventSourceArn(queueArn).batchSize(1));
        sqsB.sendMessage(r -> r.queueUrl(queueUrl).messageBody("job from b"));
        Await.until(Duration.ofSeconds(20), () -> logged("on-job").contains("sqs body job from b"),
                "the mapped invocation");
        Await.until(Duration.ofSeconds(20), () -> {
            Map<QueueAttributeName, String> counts = sqsB.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return counts.values().stream().allMatch("0"::equals);
        }, "the processed message deleted");
    }

    @Test
    void codeIsReadFromAnotherAccountsBucketOnlyWhereItsPolicyAllowsTheCaller() {
        s3B.createBucket(r -> r.bucket("tenancy-code"));
        s3B.putObject(r -> r.bucket("tenancy-code").key("fn.zip"),
                RequestBody.fromBytes(Packages.zip(Map.of("app.py", PRINTER)).asByteArray()));
        Runnable create = () -> lambdaA.createFunction(r -> r.functionName("from-b").runtime("python3.12")
                .handler("app.handler").role("arn:aws:iam::" + A + ":role/lambda-role")
                .code(c -> c.s3Bucket("tenancy-code").s3Key("fn.zip")));
        InvalidParameterValueException refused = catchThrowableOfType(create::run, InvalidParameterValueException.class);
        assertThat(refused.awsErrorDetails().errorMessage()).isEqualTo("Error occurred while GetObject. S3 Error Code: "
                + "AccessDenied. S3 Error Message: Access Denied");
        // naming the account in a Deny, or for another object, is no permission
        s3B.putBucketPolicy(r -> r.bucket("tenancy-code").policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"" + A + "\"},\"Action\":\"s3:DeleteObject\","
                + "\"Resource\":\"arn:aws:s3:::tenancy-code/*\"},"
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + A + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::tenancy-code/public/*\"}]}"));
        assertThat(catchThrowableOfType(create::run, InvalidParameterValueException.class)).isNotNull();
        s3B.putBucketPolicy(r -> r.bucket("tenancy-code").policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + A + ":root\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::tenancy-code/*\"}]}"));
        create.run();
        assertThat(lambdaA.getFunction(r -> r.functionName("from-b")).configuration().codeSize()).isPositive();
    }

    @Test
    void s3NotifiesAnotherAccountsQueueAndTopicOnlyWhereTheirPoliciesAllowTheBucket() {
        s3A.createBucket(r -> r.bucket("tenancy-events"));
        String queueUrl = sqsB.createQueue(r -> r.queueName("tenancy-events")).queueUrl();
        String queueArn = sqsB.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String topicArn = snsB.createTopic(r -> r.name("tenancy-events")).topicArn();
        Runnable toQueue = () -> s3A.putBucketNotificationConfiguration(r -> r.bucket("tenancy-events")
                .notificationConfiguration(n -> n.queueConfigurations(q -> q.queueArn(queueArn)
                        .events(Event.S3_OBJECT_CREATED))));
        Runnable toTopic = () -> s3A.putBucketNotificationConfiguration(r -> r.bucket("tenancy-events")
                .notificationConfiguration(n -> n.topicConfigurations(q -> q.topicArn(topicArn)
                        .events(Event.S3_OBJECT_CREATED))));
        assertUnableToValidate(toQueue);

        sqsB.setQueueAttributes(r -> r.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY,
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"s3.amazonaws.com\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\","
                        + "\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:s3:::tenancy-events\"},"
                        + "\"StringEquals\":{\"aws:SourceAccount\":\"" + A + "\"}}}]}")));
        toQueue.run();
        sqsB.purgeQueue(r -> r.queueUrl(queueUrl));
        s3A.putObject(r -> r.bucket("tenancy-events").key("to-b.txt"), RequestBody.fromString("x"));
        assertThat(sqsB.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(5)).messages())
                .singleElement().satisfies(m -> assertThat(m.body()).contains("to-b.txt"));

        // a topic of another account takes S3's events only where its policy allows them
        toTopic.run();
        String subscriber = sqsB.createQueue(r -> r.queueName("tenancy-topic-reader")).queueUrl();
        String subscriberArn = sqsB.getQueueAttributes(r -> r.queueUrl(subscriber)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        snsB.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(subscriberArn)
                .attributes(Map.of("RawMessageDelivery", "true")));
        s3A.putObject(r -> r.bucket("tenancy-events").key("refused.txt"), RequestBody.fromString("x"));
        snsB.setTopicAttributes(r -> r.topicArn(topicArn).attributeName("Policy").attributeValue("{\"Version\":"
                + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},"
                + "\"Action\":\"SNS:Publish\",\"Resource\":\"" + topicArn + "\",\"Condition\":{\"ArnLike\":"
                + "{\"aws:SourceArn\":\"arn:aws:s3:::tenancy-events\"}}}]}"));
        s3A.putObject(r -> r.bucket("tenancy-events").key("allowed.txt"), RequestBody.fromString("x"));
        var received = sqsB.receiveMessage(r -> r.queueUrl(subscriber).maxNumberOfMessages(10).waitTimeSeconds(5))
                .messages();
        assertThat(received).singleElement().satisfies(m -> assertThat(m.body()).contains("allowed.txt"));
    }
}
