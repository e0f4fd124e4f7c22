package dev.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A layer version is another account's to read or use only where its permissions (AddLayerVersionPermission) allow. */
class LayerPermissionsIT extends AccountsFixture {

    static final String LAYER = "arn:aws:lambda:us-east-1:" + B + ":layer:shared";
    static final String V1 = LAYER + ":1";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void sharedLayer() {
        b.publishLayerVersion(r -> r.layerName("shared").compatibleRuntimesWithStrings("python3.12")
                .content(l -> l.zipFile(LambdaTestSupport.zip(Map.of("python/lib.py", "SECRET = 'b'\n")))));
    }

    static void assertDenied(LambdaException e, String who) {
        assertThat(e).isNotNull();
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + who + ":root is not "
                + "authorized to perform: lambda:GetLayerVersion on resource: " + V1 + " because no resource-based "
                + "policy allows the lambda:GetLayerVersion action");
    }

    LambdaException createUsingLayer(LambdaClient client, String name) {
        return catchThrowableOfType(() -> client.createFunction(r -> r.functionName(name).runtime("python3.12")
                .handler("app.handler").role(LambdaTestSupport.ROLE).layers(V1)
                .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", ""))))), LambdaException.class);
    }

    @Test
    void anotherAccountsLayerVersionIsRefusedWithoutAPermission() {
        assertDenied(catchThrowableOfType(() -> a.getLayerVersionByArn(r -> r.arn(V1)), LambdaException.class), A);
        assertDenied(catchThrowableOfType(() -> a.getLayerVersion(r -> r.layerName(LAYER).versionNumber(1L)),
                LambdaException.class), A);
        assertDenied(createUsingLayer(a, "uses-theirs"), A);
        assertThat(a.listFunctions().functions()).isEmpty();
        assertThat(a.listLayerVersions(r -> r.layerName(LAYER)).layerVersions()).isEmpty();
        // nor can it be changed or deleted from the other account
        assertThat(catchThrowableOfType(() -> a.addLayerVersionPermission(r -> r.layerName(LAYER).versionNumber(1L)
                .statementId("open").action("lambda:GetLayerVersion").principal("*")), LambdaException.class)
                .statusCode()).isEqualTo(403);
        assertThat(catchThrowableOfType(() -> a.deleteLayerVersion(r -> r.layerName(LAYER).versionNumber(1L)),
                LambdaException.class).statusCode()).isEqualTo(403);
        assertThat(b.getLayerVersion(r -> r.layerName("shared").versionNumber(1L)).version()).isEqualTo(1L);
        // a missing version of another account is not found
        assertThatThrownBy(() -> a.getLayerVersionByArn(r -> r.arn(LAYER + ":7")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aPermissionForAnAccountSharesTheVersionWithThatAccount() throws Exception {
        var added = b.addLayerVersionPermission(r -> r.layerName("shared").versionNumber(1L).statementId("xaccount")
                .action("lambda:GetLayerVersion").principal(A));
        assertThat(JSON.readTree(added.statement())).isEqualTo(JSON.readTree("{\"Sid\":\"xaccount\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + A + ":root\"},\"Action\":\"lambda:GetLayerVersion\","
                + "\"Resource\":\"" + V1 + "\"}"));
        var got = a.getLayerVersionByArn(r -> r.arn(V1));
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(got.content().location())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(a.listLayerVersions(r -> r.layerName(LAYER)).layerVersions()).hasSize(1);
        assertThat(createUsingLayer(a, "uses-theirs")).isNull();
        assertThat(a.getFunctionConfiguration(r -> r.functionName("uses-theirs")).layers().get(0).arn()).isEqualTo(V1);
        assertDenied(createUsingLayer(c, "not-shared"), "333333333333");

        JsonNode policy = JSON.readTree(b.getLayerVersionPolicy(r -> r.layerName("shared").versionNumber(1L)).policy());
        assertThat(policy.path("Statement")).hasSize(1);
        assertThatThrownBy(() -> b.addLayerVersionPermission(r -> r.layerName("shared").versionNumber(1L)
                .statementId("xaccount").action("lambda:GetLayerVersion").principal(A)))
                .isInstanceOf(ResourceConflictException.class);
        b.removeLayerVersionPermission(r -> r.layerName("shared").versionNumber(1L).statementId("xaccount"));
        assertDenied(catchThrowableOfType(() -> a.getLayerVersionByArn(r -> r.arn(V1)), LambdaException.class), A);
        assertThatThrownBy(() -> b.getLayerVersionPolicy(r -> r.layerName("shared").versionNumber(1L)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void everyoneOrEveryoneInAnOrganization() {
        b.addLayerVersionPermission(r -> r.layerName("shared").versionNumber(1L).statementId("org")
                .action("lambda:GetLayerVersion").principal("*").organizationId("o-a1b2c3d4e5"));
        // the callers belong to no organization
        assertDenied(catchThrowableOfType(() -> a.getLayerVersionByArn(r -> r.arn(V1)), LambdaException.class), A);
        b.addLayerVersionPermission(r -> r.layerName("shared").versionNumber(1L).statementId("public")
                .action("lambda:GetLayerVersion").principal("*"));
        assertThat(a.getLayerVersionByArn(r -> r.arn(V1)).version()).isEqualTo(1L);
        assertThat(c.getLayerVersionByArn(r -> r.arn(V1)).version()).isEqualTo(1L);
        LambdaException invalid = catchThrowableOfType(() -> b.addLayerVersionPermission(r -> r.layerName("shared")
                .versionNumber(1L).statementId("bad").action("lambda:InvokeFunction").principal("*")),
                LambdaException.class);
        assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    }
}
