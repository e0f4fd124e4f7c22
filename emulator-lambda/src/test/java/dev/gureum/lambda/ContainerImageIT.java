package dev.gureum.lambda;

import dev.gureum.core.testing.Await;
import dev.gureum.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionCodeLocation;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.PackageType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Functions of container images run in the local Docker engine. The image is built here from the local base
 * image ({@code -Dgureum.docker.base}, which has {@code python3}) with a small custom runtime as its entry point;
 * the tests are skipped, saying why, where no Docker engine answers or no base is named.
 */
class ContainerImageIT {

    static final String REPOSITORY = "gureum-lambda-image-it";
    static final String TAG = UUID.randomUUID().toString().substring(0, 8);
    static final String IMAGE_URI = "000000000000.dkr.ecr.us-east-1.amazonaws.com/" + REPOSITORY + ":" + TAG;
    /** A runtime of the Runtime API in a few lines: the handler is its first argument, as CMD gives it. */
    static final String BOOTSTRAP = """
            import importlib, json, os, sys, urllib.request
            api = os.environ['AWS_LAMBDA_RUNTIME_API']
            module, name = (sys.argv[1] if len(sys.argv) > 1 else os.environ['_HANDLER']).rsplit('.', 1)
            sys.path.insert(0, os.environ['LAMBDA_TASK_ROOT'])
            handler = getattr(importlib.import_module(module), name)
            while True:
                event = urllib.request.urlopen('http://' + api + '/2018-06-01/runtime/invocation/next')
                request_id = event.headers['Lambda-Runtime-Aws-Request-Id']
                result = json.dumps(handler(json.loads(event.read()), None)).encode()
                urllib.request.urlopen(urllib.request.Request('http://' + api + '/2018-06-01/runtime/invocation/'
                        + request_id + '/response', data=result, method='POST')).read()
            """;
    static final String APP = """
            import os, sys
            def handler(event, context):
                return 'default handler'
            def report(event, context):
                memory = None
                for path in ('/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes'):
                    try:
                        memory = open(path).read().strip()
                        break
                    except OSError:
                        pass
                print('hello from the container', flush=True)
                return {'argv': sys.argv[1:], 'cwd': os.getcwd(), 'handler': os.environ.get('_HANDLER'),
                        'name': os.environ.get('AWS_LAMBDA_FUNCTION_NAME'), 'task': os.environ.get('LAMBDA_TASK_ROOT'),
                        'memory': memory, 'event': event, 'own': os.environ.get('OWN_VARIABLE')}
            """;

    static LambdaTestSupport t;
    static String imageId;

    @BeforeAll
    static void start() throws Exception {
        String skip = System.getProperty("gureum.docker.skip", "");
        Assumptions.assumeTrue(skip.isBlank(), "Docker tests skipped: " + skip);
        Assumptions.assumeTrue(run(List.of("docker", "info"), null) != null,
                "No Docker engine answers (docker info fails): container image functions are not tested");
        String base = System.getProperty("gureum.docker.base", System.getenv().getOrDefault("GUREUM_DOCKER_BASE", ""));
        Assumptions.assumeTrue(!base.isBlank(), "No local base image with python3 named (-Dgureum.docker.base): "
                + "container image functions are not tested");
        Path context = Files.createTempDirectory("gureum-image-it");
        Files.writeString(context.resolve("bootstrap.py"), BOOTSTRAP);
        Files.writeString(context.resolve("app.py"), APP);
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base.trim() + "\n"
                + "COPY bootstrap.py /var/runtime/bootstrap.py\nCOPY app.py /var/task/app.py\nWORKDIR /var/task\n"
                + "ENTRYPOINT [\"python3\", \"/var/runtime/bootstrap.py\"]\nCMD [\"app.handler\"]\n");
        assertThat(run(List.of("docker", "build", "-q", "-t", REPOSITORY + ":" + TAG, context.toString()), null))
                .as("docker build").isNotNull();
        imageId = run(List.of("docker", "image", "inspect", "--format", "{{.Id}}", REPOSITORY + ":" + TAG), null).trim();
        t = new LambdaTestSupport();
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
            assertThat(containers("")).as("containers left after the server stopped").isEmpty();
        }
        if (imageId != null) {
            run(List.of("docker", "rmi", "-f", REPOSITORY + ":" + TAG), null);
        }
    }

    /** The output of a command that succeeded, else {@code null}. */
    static String run(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The Lambda containers of this server whose function ARN ends with {@code suffix}. */
    static List<String> containers(String suffix) {
        String out = run(List.of("docker", "ps", "-a", "--filter", "label=dev.gureum.lambda.function",
                "--format", "{{.ID}} {{.Label \"dev.gureum.lambda.function\"}}"), null);
        List<String> ids = new ArrayList<>();
        for (String line : out == null ? new String[0] : out.split("\n")) {
            String[] parts = line.trim().split(" ", 2);
            if (parts.length == 2 && parts[1].contains(":function:image-") && parts[1].endsWith(suffix)) {
                ids.add(parts[0]);
            }
        }
        return ids;
    }

    @Test
    void anImageRunsWithItsImageConfigAndLambdasVariables() throws Exception {
        CreateFunctionResponse created = t.lambda.createFunction(r -> r.functionName("image-report")
                .packageType(PackageType.IMAGE).role(LambdaTestSupport.ROLE).memorySize(256)
                .environment(e -> e.variables(Map.of("OWN_VARIABLE", "mine")))
                .code(c -> c.imageUri(IMAGE_URI))
                .imageConfig(i -> i.command("app.report").workingDirectory("/var/task/sub")));
        assertThat(created.packageType()).isEqualTo(PackageType.IMAGE);
        assertThat(created.runtime()).isNull();
        assertThat(created.handler()).isNull();
        assertThat(created.codeSize()).isZero();
        assertThat(created.codeSha256()).isEqualTo(imageId.substring("sha256:".length()));
        assertThat(created.imageConfigResponse().imageConfig().command()).containsExactly("app.report");
        assertThat(created.imageConfigResponse().imageConfig().workingDirectory()).isEqualTo("/var/task/sub");
        FunctionCodeLocation code = t.lambda.getFunction(r -> r.functionName("image-report")).code();
        assertThat(code.repositoryType()).isEqualTo("ECR");
        assertThat(code.imageUri()).isEqualTo(IMAGE_URI);
        assertThat(code.resolvedImageUri()).isEqualTo("000000000000.dkr.ecr.us-east-1.amazonaws.com/" + REPOSITORY
                + "@" + imageId);

        InvokeResponse response = t.lambda.invoke(r -> r.functionName("image-report").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"n\":1}")));
        assertThat(response.functionError()).isNull();
        JsonNode report = Json.mapper().readTree(response.payload().asUtf8String());
        assertThat(report.path("argv").toString()).isEqualTo("[\"app.report\"]");
        assertThat(report.path("handler").asText()).isEqualTo("app.report");
        assertThat(report.path("cwd").asText()).isEqualTo("/var/task/sub");
        assertThat(report.path("name").asText()).isEqualTo("image-report");
        assertThat(report.path("task").asText()).isEqualTo("/var/task");
        assertThat(report.path("own").asText()).isEqualTo("mine");
        assertThat(report.path("event").path("n").asInt()).isEqualTo(1);
        if (!report.path("memory").isNull()) {
            assertThat(report.path("memory").asText()).isEqualTo(String.valueOf(256L * 1024 * 1024));
        }
        assertThat(LambdaTestSupport.tail(response)).contains("REPORT RequestId");
        // the container's output reaches the function's log through the engine's log stream
        Await.until(Duration.ofSeconds(30), () -> t.logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/image-report")
                .filterPattern("\"hello from the container\"")).events().size() == 1, "the container's output logged");
        assertThat(containers(":image-report:$LATEST")).hasSize(1);

        // a warm environment serves the next invocation in the same container
        assertThat(LambdaTestSupport.tail(t.lambda.invoke(r -> r.functionName("image-report").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{}"))))).doesNotContain("Init Duration");

        t.lambda.deleteFunction(r -> r.functionName("image-report"));
        Await.until(Duration.ofSeconds(30), () -> containers(":image-report:$LATEST").isEmpty(),
                "the container of the deleted function removed");
    }

    @Test
    void theImagesOwnEntryPointAndCommandRunWithoutImageConfig() {
        t.lambda.createFunction(r -> r.functionName("image-default").packageType(PackageType.IMAGE)
                .role(LambdaTestSupport.ROLE).code(c -> c.imageUri(IMAGE_URI)));
        assertThat(t.lambda.getFunctionConfiguration(r -> r.functionName("image-default")).imageConfigResponse())
                .isNull();
        assertThat(t.invoke("image-default", "{}").payload().asUtf8String()).isEqualTo("\"default handler\"");
        assertThatThrownBy(() -> t.lambdaNoRetries.updateFunctionCode(r -> r.functionName("image-default")
                .zipFile(LambdaTestSupport.zip(Map.of("a.py", "")))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Please provide ImageUri when updating a function with packageType Image.");
        t.lambda.deleteFunction(r -> r.functionName("image-default"));
    }

    @Test
    void anImageTheEngineDoesNotHaveIsRefusedAsAwsRefusesIt() {
        String missing = "000000000000.dkr.ecr.us-east-1.amazonaws.com/" + REPOSITORY + ":no-such-tag";
        assertThatThrownBy(() -> t.lambdaNoRetries.createFunction(r -> r.functionName("image-missing")
                .packageType(PackageType.IMAGE).role(LambdaTestSupport.ROLE).code(c -> c.imageUri(missing))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Source image " + missing + " does not exist. Provide a valid source image.");
        assertThatThrownBy(() -> t.lambdaNoRetries.createFunction(r -> r.functionName("image-invalid")
                .packageType(PackageType.IMAGE).role(LambdaTestSupport.ROLE).code(c -> c.imageUri(REPOSITORY + ":" + TAG))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Source image " + REPOSITORY + ":" + TAG + " is not valid. Provide a valid source image.");
    }
}
