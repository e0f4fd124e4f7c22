package dev.gureum.lambda;

import dev.gureum.core.testing.SdkClients;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Accounts are kept apart: another account's function answers only where its resource policy allows the
 * caller the action (and only for the actions such a policy can grant), and otherwise AWS's refusal.
 */
class CrossAccountIT extends AccountsFixture {

    static final String F = "arn:aws:lambda:us-east-1:" + B + ":function:secretive";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void secretiveFunction() {
        b.createFunction(r -> r.functionName("secretive").runtime("python3.12").handler("app.handler")
                .role("arn:aws:iam::" + B + ":role/lambda-role")
                .environment(e -> e.variables(Map.of("DB_PASSWORD", "hunter2")))
                .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", "def handler(e, c):\n    return 'b'\n")))));
    }

    static void assertDenied(Executable call, String action, String resource) {
        LambdaException e = catchThrowableOfType(() -> {
            try {
                call.execute();
            } catch (RuntimeException ex) {
                throw ex;
            } catch (Throwable ex) {
                throw new AssertionError(ex);
            }
        }, LambdaException.class);
        assertThat(e).as(action).isNotNull();
        assertThat(e.statusCode()).as(action).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + A + ":root is not authorized "
                + "to perform: " + action + " on resource: " + resource + " because no resource-based policy allows the "
                + action + " action");
    }

    @Test
    void anotherAccountsFunctionIsRefusedForEveryOperation() {
        assertDenied(() -> a.getFunction(r -> r.functionName(F)), "lambda:GetFunction", F);
        assertDenied(() -> a.getFunctionConfiguration(r -> r.functionName(F)), "lambda:GetFunctionConfiguration", F);
        assertDenied(() -> a.invoke(r -> r.functionName(F)), "lambda:InvokeFunction", F);
        assertDenied(() -> a.invoke(r -> r.functionName(F).invocationType(InvocationType.EVENT)),
                "lambda:InvokeFunction", F);
        assertDenied(() -> a.updateFunctionCode(r -> r.functionName(F)
                .zipFile(LambdaTestSupport.zip(Map.of("app.py", "def handler(e, c):\n    return 'pwned'\n")))),
                "lambda:UpdateFunctionCode", F);
        assertDenied(() -> a.updateFunctionConfiguration(r -> r.functionName(F).timeout(9)),
                "lambda:UpdateFunctionConfiguration", F);
        assertDenied(() -> a.addPermission(r -> r.functionName(F).statementId("open").action("lambda:*")
                .principal("*")), "lambda:AddPermission", F);
        assertDenied(() -> a.removePermission(r -> r.functionName(F).statementId("any")), "lambda:RemovePermission", F);
        assertDenied(() -> a.getPolicy(r -> r.functionName(F)), "lambda:GetPolicy", F);
        assertDenied(() -> a.publishVersion(r -> r.functionName(F)), "lambda:PublishVersion", F);
        assertDenied(() -> a.listVersionsByFunction(r -> r.functionName(F)), "lambda:ListVersionsByFunction", F);
        assertDenied(() -> a.createAlias(r -> r.functionName(F).name("mine").functionVersion("$LATEST")),
                "lambda:CreateAlias", F);
        assertDenied(() -> a.listAliases(r -> r.functionName(F)), "lambda:ListAliases", F);
        assertDenied(() -> a.putFunctionConcurrency(r -> r.functionName(F).reservedConcurrentExecutions(0)),
                "lambda:PutFunctionConcurrency", F);
        assertDenied(() -> a.getFunctionConcurrency(r -> r.functionName(F)), "lambda:GetFunctionConcurrency", F);
        assertDenied(() -> a.createFunctionUrlConfig(r -> r.functionName(F).authType(FunctionUrlAuthType.NONE)),
                "lambda:CreateFunctionUrlConfig", F);
        assertDenied(() -> a.tagResource(r -> r.resource(F).tags(Map.of("owner", "a"))), "lambda:TagResource", F);
        assertDenied(() -> a.listTags(r -> r.resource(F)), "lambda:ListTags", F);
        assertDenied(() -> a.deleteFunction(r -> r.functionName(F)), "lambda:DeleteFunction", F);

        // nothing changed in account B
        var mine = b.getFunction(r -> r.functionName("secretive"));
        assertThat(mine.configuration().timeout()).isEqualTo(3);
        assertThat(mine.tags()).isNullOrEmpty();
        assertThat(mine.concurrency()).isNull();
        assertThat(b.listVersionsByFunction(r -> r.functionName("secretive")).versions()).hasSize(1);
        assertThatThrownBy(() -> b.getPolicy(r -> r.functionName("secretive"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void anotherAccountsMissingFunctionIsNotFound() {
        String missing = "arn:aws:lambda:us-east-1:" + B + ":function:none-such";
        ResourceNotFoundException e = catchThrowableOfType(() -> a.getFunction(r -> r.functionName(missing)),
                ResourceNotFoundException.class);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function not found: " + missing);
    }

    @Test
    void functionsAreCreatedAndListedInTheCallersAccountOnly() {
        String theirs = "arn:aws:lambda:us-east-1:" + B + ":function:planted";
        assertDenied(() -> a.createFunction(r -> r.functionName(theirs).runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", ""))))),
                "lambda:CreateFunction", theirs);
        assertThat(b.listFunctions().functions()).extracting(f -> f.functionName()).containsExactly("secretive");
        assertThat(a.listFunctions().functions()).isEmpty();
        // a name alone is the caller's own function
        a.createFunction(r -> r.functionName("secretive").runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", "")))));
        var own = a.getFunction(r -> r.functionName("secretive")).configuration();
        assertThat(own.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:" + A + ":function:secretive");
        assertThat(own.environment()).isNull();
    }

    @Test
    void aPermissionForAnAccountLetsThatAccountDoThatAction() throws Exception {
        String statement = b.addPermission(r -> r.functionName("secretive").statementId("xaccount")
                .action("lambda:InvokeFunction").principal(A)).statement();
        assertThat(JSON.readTree(statement)).isEqualTo(JSON.readTree("{\"Sid\":\"xaccount\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + A + ":root\"},\"Action\":\"lambda:InvokeFunction\","
                + "\"Resource\":\"" + F + "\"}"));
        assertThat(a.invoke(r -> r.functionName(F).invocationType(InvocationType.DRY_RUN)).statusCode()).isEqualTo(204);
        // that action only, and that account only
        assertDenied(() -> a.getFunction(r -> r.functionName(F)), "lambda:GetFunction", F);
        LambdaException other = catchThrowableOfType(() -> c.invoke(r -> r.functionName(F)
                .invocationType(InvocationType.DRY_RUN)), LambdaException.class);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:iam::333333333333:root is not "
                + "authorized to perform: lambda:InvokeFunction");
        JsonNode policy = JSON.readTree(b.getPolicy(r -> r.functionName("secretive")).policy());
        assertThat(policy.path("Statement").get(0).path("Principal").path("AWS").asText())
                .isEqualTo("arn:aws:iam::" + A + ":root");
    }

    @Test
    void getFunctionGrantedShowsTheFunctionButDoesNotLetItBeChanged() {
        b.addPermission(r -> r.functionName("secretive").statementId("read").action("lambda:GetFunction").principal(A));
        var got = a.getFunction(r -> r.functionName(F));
        assertThat(got.configuration().environment().variables()).containsEntry("DB_PASSWORD", "hunter2");
        assertThat(got.code().location()).contains("signature=");
        assertDenied(() -> a.updateFunctionCode(r -> r.functionName(F)
                .zipFile(LambdaTestSupport.zip(Map.of("app.py", "")))), "lambda:UpdateFunctionCode", F);
        assertDenied(() -> a.deleteFunction(r -> r.functionName(F)), "lambda:DeleteFunction", F);
    }

    @Test
    void operationsThatNeverCrossAccountsAreRefusedWhateverThePolicy() {
        b.addPermission(r -> r.functionName("secretive").statementId("all").action("lambda:*").principal(A));
        assertThat(a.getFunction(r -> r.functionName(F)).configuration().functionName()).isEqualTo("secretive");
        assertDenied(() -> a.addPermission(r -> r.functionName(F).statementId("open").action("lambda:InvokeFunction")
                .principal("*")), "lambda:AddPermission", F);
        assertDenied(() -> a.updateFunctionConfiguration(r -> r.functionName(F).timeout(9)),
                "lambda:UpdateFunctionConfiguration", F);
        assertDenied(() -> a.createFunctionUrlConfig(r -> r.functionName(F).authType(FunctionUrlAuthType.NONE)),
                "lambda:CreateFunctionUrlConfig", F);
        // the actions a policy can grant work: the other account may even delete it
        a.deleteFunction(r -> r.functionName(F));
        assertThat(b.listFunctions().functions()).isEmpty();
    }

    @Test
    void aPermissionOnAnAliasAppliesToTheAliasArnOnly() {
        b.publishVersion(r -> r.functionName("secretive"));
        b.createAlias(r -> r.functionName("secretive").name("prod").functionVersion("1"));
        b.addPermission(r -> r.functionName("secretive").qualifier("prod").statementId("xaccount")
                .action("lambda:InvokeFunction").principal(A));
        assertThat(a.invoke(r -> r.functionName(F + ":prod").invocationType(InvocationType.DRY_RUN)).statusCode())
                .isEqualTo(204);
        assertDenied(() -> a.invoke(r -> r.functionName(F).invocationType(InvocationType.DRY_RUN)),
                "lambda:InvokeFunction", F);
        assertDenied(() -> a.invoke(r -> r.functionName(F + ":1").invocationType(InvocationType.DRY_RUN)),
                "lambda:InvokeFunction", F + ":1");
    }

    @Test
    void everyoneServicesAndOrganizationsAreMatchedAsAwsDoes() {
        b.addPermission(r -> r.functionName("secretive").statementId("s3").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com"));
        b.addPermission(r -> r.functionName("secretive").statementId("org").action("lambda:InvokeFunction")
                .principal("*").principalOrgID("o-a1b2c3d4e5"));
        // a service principal is not an account, and the callers belong to no organization
        assertDenied(() -> a.invoke(r -> r.functionName(F).invocationType(InvocationType.DRY_RUN)),
                "lambda:InvokeFunction", F);
        b.addPermission(r -> r.functionName("secretive").statementId("everyone").action("lambda:GetFunctionConfiguration")
                .principal("*"));
        assertThat(a.getFunctionConfiguration(r -> r.functionName(F)).functionName()).isEqualTo("secretive");
        assertThat(c.getFunctionConfiguration(r -> r.functionName(F)).functionName()).isEqualTo("secretive");
    }

    @Test
    void logGroupsOfAnotherAccountAreNotReachableByArn() {
        try (CloudWatchLogsClient logsA = logs(A); CloudWatchLogsClient logsB = logs(B)) {
            logsB.createLogGroup(r -> r.logGroupName("/private"));
            logsA.createLogGroup(r -> r.logGroupName("/private"));
            logsA.createLogStream(r -> r.logGroupName("/private").logStreamName("mine"));
            String theirs = "arn:aws:logs:us-east-1:" + B + ":log-group:/private";
            assertThatThrownBy(() -> logsA.describeLogStreams(r -> r.logGroupIdentifier(theirs)))
                    .isInstanceOf(software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException.class)
                    .hasMessageContaining("The specified log group does not exist.");
            assertThat(logsA.describeLogStreams(r -> r.logGroupIdentifier("arn:aws:logs:us-east-1:" + A
                    + ":log-group:/private")).logStreams()).hasSize(1);
            assertThat(logsB.describeLogStreams(r -> r.logGroupName("/private")).logStreams()).isEmpty();
        }
    }

    static CloudWatchLogsClient logs(String account) {
        return SdkClients.configure(CloudWatchLogsClient.builder(), t.server.endpoint(), account).build();
    }
}
