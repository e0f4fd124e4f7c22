package dev.gureum.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With IAM enforced (and signatures verified), a function acts as its execution role, which Lambda must be able
 * to assume and use.
 */
class ExecutionRoleIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.enforceIam(true).verifySignatures(true)
            .credentials(ExecutionRoleIT.ACCOUNT, "test"));

    static final String ACCOUNT = "111111111111";
    static final String LAMBDA_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static IamClient iam;
    static LambdaClient lambda;
    static SqsClient sqs;

    @BeforeAll
    static void clients() {
        iam = gureum.configure(IamClient.builder(), ACCOUNT).region(Region.AWS_GLOBAL).build();
        lambda = gureum.configure(LambdaClient.builder(), ACCOUNT).build();
        sqs = gureum.configure(SqsClient.builder(), ACCOUNT).build();
    }

    @AfterAll
    static void close() {
        iam.close();
        lambda.close();
        sqs.close();
    }

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    private static String role(String name, String path, String trust) {
        return iam.createRole(r -> r.roleName(name).path(path).assumeRolePolicyDocument(trust)).role().arn();
    }

    private static void create(String name, String role, String code) {
        lambda.createFunction(r -> r.functionName(name).runtime("python3.12").handler("app.handler").role(role)
                .timeout(15).code(c -> c.zipFile(Packages.zip(Map.of("app.py", code)))));
    }

    @Test
    void lambdaMustBeAbleToAssumeTheRole() {
        String ec2 = role("ec2-role", "/", LAMBDA_TRUST.replace("lambda.amazonaws.com", "ec2.amazonaws.com"));
        String missing = "arn:aws:iam::" + ACCOUNT + ":role/missing";
        for (String role : new String[] {ec2, missing}) {
            assertThatThrownBy(() -> create("fn", role, "def handler(e, c):\n    return 1\n"))
                    .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The role defined for the function cannot be assumed by Lambda.");
                    });
        }
        String ok = role("fn-role", "/", LAMBDA_TRUST);
        create("fn", ok, "def handler(e, c):\n    return 1\n");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(r -> r.functionName("fn").role(ec2)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("cannot be assumed by Lambda");
    }

    @Test
    void aFunctionActsAsASessionOfItsRole() throws Exception {
        Packages.assumeRuns("python3", "-c", "import boto3");
        String role = role("whoami-role", "/service-role/", LAMBDA_TRUST);
        iam.attachRolePolicy(r -> r.roleName("whoami-role")
                .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
        String roleId = iam.getRole(r -> r.roleName("whoami-role")).role().roleId();
        create("whoami", role, """
                import boto3, json, os
                def handler(event, context):
                    me = boto3.client("sts").get_caller_identity()
                    return {"arn": me["Arn"], "account": me["Account"], "key": os.environ["AWS_ACCESS_KEY_ID"],
                            "token": bool(os.environ.get("AWS_SESSION_TOKEN"))}
                """);
        InvokeResponse response = lambda.invoke(r -> r.functionName("whoami"));
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        JsonNode me = Json.mapper().readTree(response.payload().asUtf8String());
        assertThat(me.path("arn").asText()).isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/whoami-role/whoami");
        assertThat(me.path("account").asText()).isEqualTo(ACCOUNT);
        assertThat(me.path("key").asText()).startsWith("ASIA");
        assertThat(me.path("token").asBoolean()).isTrue();
        // the session's policies are those of the role, found by its ARN with its path
        assertThat(gureum.server().services().context().accessKeys().sessions().of(me.path("key").asText())
                .orElseThrow().roleArn()).isEqualTo(role).isNotEqualTo(roleId);
    }

    @Test
    void anSqsEventSourceNeedsARoleThatMayReadTheQueue() {
        String role = role("reader-role", "/", LAMBDA_TRUST);
        create("reader", role, "def handler(e, c):\n    return 1\n");
        String url = sqs.createQueue(r -> r.queueName("jobs")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        assertThatThrownBy(() -> lambda.createEventSourceMapping(r -> r.functionName("reader").eventSourceArn(queueArn)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> assertThat(
                        e.awsErrorDetails().errorMessage()).isEqualTo(
                        "The function execution role does not have permissions to call ReceiveMessage on SQS"));
        iam.putRolePolicy(r -> r.roleName("reader-role").policyName("receive").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:ReceiveMessage\","
                        + "\"Resource\":\"" + queueArn + "\"}]}"));
        assertThatThrownBy(() -> lambda.createEventSourceMapping(r -> r.functionName("reader").eventSourceArn(queueArn)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("does not have permissions to call DeleteMessage on SQS");
        iam.attachRolePolicy(r -> r.roleName("reader-role")
                .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"));
        assertThat(lambda.createEventSourceMapping(r -> r.functionName("reader").eventSourceArn(queueArn)
                .enabled(false)).eventSourceArn()).isEqualTo(queueArn);
    }

    @Test
    void anSqsEventSourceWhoseRoleLosesItsPermissionsStopsReading() throws Exception {
        String role = role("poller-role", "/", LAMBDA_TRUST);
        iam.attachRolePolicy(r -> r.roleName("poller-role")
                .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"));
        create("poller", role, "def handler(e, c):\n    return 1\n");
        String url = sqs.createQueue(r -> r.queueName("work")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String uuid = lambda.createEventSourceMapping(r -> r.functionName("poller").eventSourceArn(queueArn)).uuid();
        iam.detachRolePolicy(r -> r.roleName("poller-role")
                .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"));
        // judged at its next read: the mapping reports the refusal and the queue keeps its messages
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        String result = "";
        while (!result.startsWith("PROBLEM") && System.nanoTime() < deadline) {
            result = String.valueOf(lambda.getEventSourceMapping(r -> r.uuid(uuid)).lastProcessingResult());
            Thread.sleep(50);
        }
        assertThat(result).startsWith("PROBLEM: Error occurred while ReceiveMessage")
                .contains("is not authorized to perform: sqs:ReceiveMessage");
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("kept"));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages())
                .extracting(software.amazon.awssdk.services.sqs.model.Message::body).containsExactly("kept");
    }
}
