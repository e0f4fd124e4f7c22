package dev.gureum.lambda;

import dev.gureum.core.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.PackageType;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The function API: configuration, versions, aliases, concurrency, permissions, tags, layers, URLs. */
class FunctionApiIT {

    static LambdaTestSupport t;
    static final Map<String, String> CODE = Map.of("app.py", "def handler(e, c):\n    return e\n");

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport();
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void createdFunctionIsPendingThenActive() throws Exception {
        SdkBytes zip = LambdaTestSupport.zip(CODE);
        CreateFunctionResponse created = t.lambda.createFunction(r -> r.functionName("states").runtime("python3.12")
                .handler("app.handler").role(LambdaTestSupport.ROLE).description("d").timeout(7).memorySize(512)
                .environment(e -> e.variables(Map.of("A_B", "1"))).tags(Map.of("team", "cloud"))
                .code(c -> c.zipFile(zip)));
        assertThat(created.state()).isEqualTo(State.PENDING);
        assertThat(created.stateReasonCodeAsString()).isEqualTo("Creating");
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:states");
        assertThat(created.codeSize()).isEqualTo(zip.asByteArray().length);
        assertThat(created.codeSha256()).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(zip.asByteArray())));
        assertThat(created.packageType()).isEqualTo(PackageType.ZIP);
        assertThat(created.lastModified()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");

        GetFunctionResponse got = t.lambda.getFunction(r -> r.functionName("states"));
        FunctionConfiguration c = got.configuration();
        assertThat(c.state()).isEqualTo(State.ACTIVE);
        assertThat(c.lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(c.timeout()).isEqualTo(7);
        assertThat(c.memorySize()).isEqualTo(512);
        assertThat(c.description()).isEqualTo("d");
        assertThat(c.environment().variables()).containsEntry("A_B", "1");
        assertThat(c.loggingConfig().logGroup()).isEqualTo("/aws/lambda/states");
        assertThat(got.tags()).containsEntry("team", "cloud");
        // the waiter the SDK offers for new functions is satisfied at once
        t.lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("states"));

        // Code.Location downloads the package
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(got.code().location())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(zip.asByteArray());
    }

    @Test
    void errorsAsAws() {
        assertThatThrownBy(() -> t.lambda.getFunction(r -> r.functionName("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope");
        t.create("dup", "python3.12", "app.handler", CODE);
        assertThatThrownBy(() -> t.create("dup", "python3.12", "app.handler", CODE))
                .isInstanceOf(ResourceConflictException.class).hasMessageContaining("Function already exist: dup");
        // an image function without a Docker engine: NoDockerEngineIT; with one: ContainerImageIT
        assertThatThrownBy(() -> t.lambda.createFunction(r -> r.functionName("img").role(LambdaTestSupport.ROLE)
                .packageType(PackageType.IMAGE).code(c -> c.imageUri("123.dkr.ecr.us-east-1.amazonaws.com/x:1"))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> t.lambda.createFunction(r -> r.functionName("bad-role").runtime("python3.12")
                .handler("a.b").role("not-a-role").code(c -> c.zipFile(LambdaTestSupport.zip(CODE)))))
                .isInstanceOf(LambdaException.class).hasMessageContaining("failed to satisfy constraint")
                .extracting(e -> ((LambdaException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThatThrownBy(() -> t.lambda.createFunction(r -> r.functionName("reserved").runtime("python3.12")
                .handler("a.b").role(LambdaTestSupport.ROLE).environment(e -> e.variables(Map.of("AWS_REGION", "x")))
                .code(c -> c.zipFile(LambdaTestSupport.zip(CODE)))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("reserved keys");
        assertThatThrownBy(() -> t.lambda.createFunction(r -> r.functionName("not-zip").runtime("python3.12")
                .handler("a.b").role(LambdaTestSupport.ROLE).code(c -> c.zipFile(SdkBytes.fromUtf8String("hello")))))
                .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("Could not unzip");
        assertThatThrownBy(() -> t.lambda.invoke(r -> r.functionName("dup").payload(SdkBytes.fromUtf8String("{not json"))))
                .isInstanceOf(LambdaException.class)
                .extracting(e -> ((LambdaException) e).awsErrorDetails().errorCode())
                .isEqualTo("InvalidRequestContentException");
    }

    @Test
    void unsupportedRuntimeIsFailedWithAReason() {
        t.create("rb", "ruby3.3", "app.handler", CODE);
        var c = t.lambda.getFunctionConfiguration(r -> r.functionName("rb"));
        assertThat(c.state()).isEqualTo(State.FAILED);
        assertThat(c.stateReasonCodeAsString()).isEqualTo("InvalidRuntime");
        assertThat(c.stateReason()).contains("ruby3.3");
        assertThatThrownBy(() -> t.invoke("rb", "{}")).isInstanceOf(ResourceConflictException.class)
                .hasMessageContaining("Failed");
    }

    @Test
    void listFunctionsPages() {
        for (int i = 0; i < 5; i++) {
            t.create("page-" + i, "python3.12", "app.handler", CODE);
        }
        List<String> names = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListFunctionsResponse page = t.lambda.listFunctions(r -> r.maxItems(2).marker(m));
            assertThat(page.functions()).hasSizeLessThanOrEqualTo(2);
            page.functions().forEach(f -> names.add(f.functionName()));
            marker = page.nextMarker();
        } while (marker != null);
        assertThat(names).contains("page-0", "page-1", "page-2", "page-3", "page-4").doesNotHaveDuplicates();
    }

    @Test
    void versionsAndAliases() {
        t.create("versioned", "python3.12", "app.handler", Map.of("app.py", "def handler(e, c):\n    return 'one'\n"));
        PublishVersionResponse v1 = t.lambda.publishVersion(r -> r.functionName("versioned").description("first"));
        assertThat(v1.version()).isEqualTo("1");
        assertThat(v1.functionArn()).endsWith(":function:versioned:1");
        // nothing changed: the same version
        assertThat(t.lambda.publishVersion(r -> r.functionName("versioned")).version()).isEqualTo("1");
        t.lambda.updateFunctionCode(r -> r.functionName("versioned").zipFile(LambdaTestSupport.zip(
                Map.of("app.py", "def handler(e, c):\n    return 'two'\n"))));
        assertThat(t.lambda.publishVersion(r -> r.functionName("versioned")).version()).isEqualTo("2");
        assertThat(t.lambda.listVersionsByFunction(r -> r.functionName("versioned")).versions())
                .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "1", "2");

        var live = t.lambda.createAlias(r -> r.functionName("versioned").name("live").functionVersion("1"));
        assertThat(live.aliasArn()).endsWith(":function:versioned:live");
        InvokeResponse viaAlias = t.lambda.invoke(r -> r.functionName("versioned").qualifier("live"));
        assertThat(viaAlias.payload().asUtf8String()).isEqualTo("\"one\"");
        assertThat(viaAlias.executedVersion()).isEqualTo("1");
        assertThat(t.lambda.invoke(r -> r.functionName("versioned:2")).payload().asUtf8String()).isEqualTo("\"two\"");
        assertThat(t.lambda.invoke(r -> r.functionName("versioned")).executedVersion()).isEqualTo("$LATEST");

        t.lambda.updateAlias(r -> r.functionName("versioned").name("live").functionVersion("2"));
        assertThat(t.lambda.invoke(r -> r.functionName("versioned").qualifier("live")).payload().asUtf8String())
                .isEqualTo("\"two\"");
        assertThatThrownBy(() -> t.lambda.updateAlias(r -> r.functionName("versioned").name("live").revisionId("stale")))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(t.lambda.listAliases(r -> r.functionName("versioned")).aliases())
                .extracting(AliasConfiguration::name).containsExactly("live");
        assertThatThrownBy(() -> t.lambda.deleteFunction(r -> r.functionName("versioned").qualifier("2")))
                .isInstanceOf(ResourceConflictException.class).hasMessageContaining("live");
        t.lambda.deleteAlias(r -> r.functionName("versioned").name("live"));
        t.lambda.deleteFunction(r -> r.functionName("versioned").qualifier("1"));
        assertThat(t.lambda.listVersionsByFunction(r -> r.functionName("versioned")).versions())
                .extracting(FunctionConfiguration::version).containsExactly("$LATEST", "2");
        assertThatThrownBy(() -> t.lambda.invoke(r -> r.functionName("versioned").qualifier("1")))
                .isInstanceOf(ResourceNotFoundException.class);
        t.lambda.deleteFunction(r -> r.functionName("versioned"));
        assertThatThrownBy(() -> t.lambda.getFunction(r -> r.functionName("versioned")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void reservedConcurrencyThrottles() throws Exception {
        t.create("throttled", "python3.12", "app.handler",
                Map.of("app.py", "import time\ndef handler(e, c):\n    time.sleep(e.get('sleep', 0))\n    return 'ok'\n"));
        t.lambda.putFunctionConcurrency(r -> r.functionName("throttled").reservedConcurrentExecutions(0));
        assertThat(t.lambda.getFunctionConcurrency(r -> r.functionName("throttled")).reservedConcurrentExecutions())
                .isZero();
        assertThatThrownBy(() -> t.lambdaNoRetries.invoke(r -> r.functionName("throttled")))
                .isInstanceOf(TooManyRequestsException.class).hasMessageContaining("Rate Exceeded.");

        t.lambda.putFunctionConcurrency(r -> r.functionName("throttled").reservedConcurrentExecutions(1));
        CompletableFuture<InvokeResponse> busy = CompletableFuture.supplyAsync(() -> t.invoke("throttled", "{\"sleep\": 2}"));
        Await.until(java.time.Duration.ofSeconds(10), () -> t.module != null
                && ((dev.gureum.lambda.protocol.LambdaService) t.server.registry().get("lambda")).runner()
                .inFlight("arn:aws:lambda:us-east-1:000000000000:function:throttled") == 1, "the first invocation");
        assertThatThrownBy(() -> t.lambdaNoRetries.invoke(r -> r.functionName("throttled")))
                .isInstanceOf(TooManyRequestsException.class)
                .extracting(e -> ((TooManyRequestsException) e).reason())
                .hasToString("ReservedFunctionConcurrentInvocationLimitExceeded");
        assertThat(busy.get().payload().asUtf8String()).isEqualTo("\"ok\"");
        t.lambda.deleteFunctionConcurrency(r -> r.functionName("throttled"));
        assertThat(t.invoke("throttled", "{}").payload().asUtf8String()).isEqualTo("\"ok\"");
        assertThat(t.lambda.getAccountSettings().accountLimit().concurrentExecutions()).isEqualTo(1000);
        assertThatThrownBy(() -> t.lambda.putFunctionConcurrency(r -> r.functionName("throttled")
                .reservedConcurrentExecutions(950))).isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void permissionsAndPolicy() {
        t.create("guarded", "python3.12", "app.handler", CODE);
        String statement = t.lambda.addPermission(r -> r.functionName("guarded").statementId("s3-invoke")
                .action("lambda:InvokeFunction").principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::bucket")
                .sourceAccount("000000000000")).statement();
        assertThat(statement).contains("\"Service\":\"s3.amazonaws.com\"").contains("\"AWS:SourceArn\"");
        assertThatThrownBy(() -> t.lambda.addPermission(r -> r.functionName("guarded").statementId("s3-invoke")
                .action("lambda:InvokeFunction").principal("s3.amazonaws.com")))
                .isInstanceOf(ResourceConflictException.class);
        String policy = t.lambda.getPolicy(r -> r.functionName("guarded")).policy();
        assertThat(policy).contains("\"Sid\":\"s3-invoke\"")
                .contains("\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:guarded\"");
        t.lambda.removePermission(r -> r.functionName("guarded").statementId("s3-invoke"));
        assertThatThrownBy(() -> t.lambda.getPolicy(r -> r.functionName("guarded")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> t.lambda.removePermission(r -> r.functionName("guarded").statementId("s3-invoke")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tags() {
        String arn = t.create("tagged", "python3.12", "app.handler", CODE).functionArn();
        t.lambda.tagResource(r -> r.resource(arn).tags(Map.of("a", "1", "b", "2")));
        t.lambda.untagResource(r -> r.resource(arn).tagKeys("a"));
        assertThat(t.lambda.listTags(r -> r.resource(arn)).tags()).containsExactly(Map.entry("b", "2"));
    }

    @Test
    void layers() throws Exception {
        SdkBytes content = LambdaTestSupport.zip(Map.of("python/x.py", "X = 1\n"));
        var v1 = t.lambda.publishLayerVersion(r -> r.layerName("shared").description("one")
                .compatibleRuntimesWithStrings("python3.12").content(c -> c.zipFile(content)));
        var v2 = t.lambda.publishLayerVersion(r -> r.layerName("shared").content(c -> c.zipFile(content)));
        assertThat(v1.version()).isEqualTo(1L);
        assertThat(v2.version()).isEqualTo(2L);
        assertThat(v1.layerVersionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:layer:shared:1");
        assertThat(t.lambda.getLayerVersion(r -> r.layerName("shared").versionNumber(1L)).description()).isEqualTo("one");
        assertThat(t.lambda.getLayerVersionByArn(r -> r.arn(v2.layerVersionArn())).version()).isEqualTo(2L);
        assertThat(t.lambda.listLayerVersions(r -> r.layerName("shared")).layerVersions())
                .extracting(v -> v.version()).containsExactly(2L, 1L);
        assertThat(t.lambda.listLayers(r -> r.compatibleRuntime("python3.12")).layers())
                .extracting(l -> l.latestMatchingVersion().version()).containsExactly(1L);
        try (InputStream in = URI.create(v1.content().location()).toURL().openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(content.asByteArray());
        }
        t.lambda.deleteLayerVersion(r -> r.layerName("shared").versionNumber(1L));
        assertThatThrownBy(() -> t.lambda.getLayerVersion(r -> r.layerName("shared").versionNumber(1L)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> t.lambda.createFunction(r -> r.functionName("bad-layer").runtime("python3.12")
                .handler("a.b").role(LambdaTestSupport.ROLE).layers(v1.layerVersionArn())
                .code(c -> c.zipFile(LambdaTestSupport.zip(CODE))))).isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void functionUrlConfigs() {
        t.create("with-url", "python3.12", "app.handler", CODE);
        var created = t.lambda.createFunctionUrlConfig(r -> r.functionName("with-url").authType("NONE"));
        assertThat(created.functionUrl()).startsWith("http://").contains(".lambda-url.us-east-1.");
        assertThat(t.lambda.getFunctionUrlConfig(r -> r.functionName("with-url")).authTypeAsString()).isEqualTo("NONE");
        t.lambda.updateFunctionUrlConfig(r -> r.functionName("with-url").authType("AWS_IAM"));
        assertThat(t.lambda.listFunctionUrlConfigs(r -> r.functionName("with-url")).functionUrlConfigs())
                .extracting(u -> u.authTypeAsString()).containsExactly("AWS_IAM");
        t.lambda.deleteFunctionUrlConfig(r -> r.functionName("with-url"));
        assertThatThrownBy(() -> t.lambda.getFunctionUrlConfig(r -> r.functionName("with-url")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void corsAndVpcSettingsComeBackAsSent() {
        t.create("with-cors", "python3.12", "app.handler", CODE);
        var created = t.lambda.createFunctionUrlConfig(r -> r.functionName("with-cors").authType("NONE")
                .cors(c -> c.allowOrigins("https://example.com").allowMethods("GET", "POST").maxAge(300)));
        assertThat(created.cors().allowOrigins()).containsExactly("https://example.com");
        assertThat(created.cors().allowMethods()).containsExactly("GET", "POST");
        assertThat(created.cors().maxAge()).isEqualTo(300);
        assertThat(created.cors().allowCredentials()).isNull();
        // a member left out stays out (the SDK reads an absent list as an auto-constructed empty one)
        assertThat(created.cors().allowHeaders()).isInstanceOf(
                software.amazon.awssdk.core.util.SdkAutoConstructList.class);
        // an update without Cors keeps it
        var updated = t.lambda.updateFunctionUrlConfig(r -> r.functionName("with-cors").authType("AWS_IAM"));
        assertThat(updated.cors()).isEqualTo(created.cors());
        assertThat(t.lambda.getFunctionUrlConfig(r -> r.functionName("with-cors")).cors()).isEqualTo(created.cors());

        var vpc = t.lambda.updateFunctionConfiguration(r -> r.functionName("with-cors")
                .vpcConfig(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1", "sg-2"))).vpcConfig();
        assertThat(vpc.subnetIds()).containsExactly("subnet-1");
        assertThat(vpc.securityGroupIds()).containsExactly("sg-1", "sg-2");
        assertThat(vpc.vpcId()).startsWith("vpc-");
        assertThat(vpc.ipv6AllowedForDualStack()).isFalse();
        var none = t.lambda.updateFunctionConfiguration(r -> r.functionName("with-cors")
                .vpcConfig(v -> v.subnetIds(List.of()).securityGroupIds(List.of()))).vpcConfig();
        assertThat(none.vpcId()).isEmpty();
    }

    @Test
    void accountSettingsCountFunctionsAndCode() {
        var settings = t.lambda.getAccountSettings();
        assertThat(settings.accountUsage().functionCount()).isPositive();
        assertThat(settings.accountUsage().totalCodeSize()).isPositive();
        assertThat(settings.accountLimit().codeSizeUnzipped()).isEqualTo(262_144_000L);
    }
}
