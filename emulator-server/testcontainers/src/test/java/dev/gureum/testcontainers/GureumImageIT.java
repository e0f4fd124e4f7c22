package dev.gureum.testcontainers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The image as a user runs it: health, the SDK from this machine, Python Lambda functions, state in a volume. */
@ExtendWith(DockerAvailable.class)
class GureumImageIT {

    private static String image;

    @BeforeAll
    static void buildImage() {
        image = GureumImage.name();
    }

    private static HttpResponse<String> get(URI endpoint, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsAsANonRootUserAndAnswersHealth() throws Exception {
        long created = System.nanoTime();
        try (GureumContainer gureum = new GureumContainer(image)) {
            gureum.start();
            double seconds = (System.nanoTime() - created) / 1e9;
            HttpResponse<String> health = get(gureum.endpoint(), "/_gureum/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"s3\":\"running\"", "\"sqs\":\"running\"", "\"lambda\":\"running\"");
            assertThat(get(gureum.endpoint(), "/_localstack/health").statusCode()).isEqualTo(200);
            assertThat(gureum.getLogs()).contains("Ready.").contains("serving http://");

            assertThat(gureum.execInContainer("id", "-un").getStdout().trim()).isEqualTo("gureum");
            ExecResult check = gureum.execInContainer("/usr/local/bin/docker-entrypoint.sh", "health");
            assertThat(check.getExitCode()).isZero();
            assertThat(gureum.getContainerInfo().getConfig().getHealthcheck().getTest())
                    .contains("/usr/local/bin/docker-entrypoint.sh", "health");
            assertThat(gureum.execInContainer("python3", "--version").getExitCode()).isZero();
            assertThat(gureum.execInContainer("node", "--version").getExitCode()).isZero();

            Long size = DockerClientFactory.instance().client().inspectImageCmd(image).exec().getSize();
            System.out.printf("Image %s: %.0f MB; container created, started and Ready. in %.2f s%n",
                    image, size / 1e6, seconds);
        }
    }

    @Test
    void s3SqsAndAPythonFunctionFromThisMachine() throws Exception {
        try (GureumContainer gureum = new GureumContainer(image).withServices("s3", "sqs", "lambda", "sts")) {
            gureum.start();
            try (S3Client s3 = gureum.configure(S3Client.builder()).build();
                 SqsClient sqs = gureum.configure(SqsClient.builder()).build();
                 LambdaClient lambda = gureum.configure(LambdaClient.builder()).build()) {
                s3.createBucket(b -> b.bucket("reports"));
                s3.putObject(b -> b.bucket("reports").key("today.txt"), RequestBody.fromString("sunny"));
                assertThat(s3.getObjectAsBytes(b -> b.bucket("reports").key("today.txt")).asUtf8String())
                        .isEqualTo("sunny");

                String queue = sqs.createQueue(b -> b.queueName("jobs")).queueUrl();
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job-1"));
                List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5)).messages();
                assertThat(received).extracting(Message::body).containsExactly("job-1");

                byte[] code = zip("app.py", """
                        import sys
                        def handler(event, context):
                            return {"hello": event["name"], "python": sys.version_info[0]}
                        """);
                lambda.createFunction(b -> b.functionName("greet").runtime(Runtime.PYTHON3_12)
                        .role("arn:aws:iam::000000000000:role/lambda").handler("app.handler")
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(code))));
                lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("greet"));
                InvokeResponse answer = lambda.invoke(b -> b.functionName("greet")
                        .payload(SdkBytes.fromUtf8String("{\"name\":\"gureum\"}")));
                assertThat(answer.functionError()).isNull();
                assertThat(answer.payload().asUtf8String().replace(" ", "")).isEqualTo("{\"hello\":\"gureum\",\"python\":3}");
            }
        }
    }

    @Test
    void stateSurvivesARestartInAVolume() throws Exception {
        String volume = "gureum-it-" + UUID.randomUUID();
        try {
            try (GureumContainer first = new GureumContainer(image).withServices("s3", "sqs").withDataVolume(volume)) {
                first.start();
                try (S3Client s3 = first.configure(S3Client.builder()).build();
                     SqsClient sqs = first.configure(SqsClient.builder()).build()) {
                    s3.createBucket(b -> b.bucket("kept"));
                    s3.putObject(b -> b.bucket("kept").key("a.txt"), RequestBody.fromString("still here"));
                    sqs.createQueue(b -> b.queueName("kept-queue"));
                }
            }
            try (GureumContainer second = new GureumContainer(image).withServices("s3", "sqs").withDataVolume(volume)) {
                second.start();
                try (S3Client s3 = second.configure(S3Client.builder()).build();
                     SqsClient sqs = second.configure(SqsClient.builder()).build()) {
                    assertThat(s3.getObjectAsBytes(b -> b.bucket("kept").key("a.txt")).asUtf8String())
                            .isEqualTo("still here");
                    assertThat(sqs.listQueues().queueUrls()).singleElement().asString().endsWith("/kept-queue");
                }
            }
        } finally {
            DockerClientFactory.instance().client().removeVolumeCmd(volume).exec();
        }
    }

    @Test
    void localStacksVariablesMeanWhatTheDocumentationSays() throws Exception {
        try (GureumContainer gureum = new GureumContainer(image).withEnv("SERVICES", "s3,sqs").withEnv("DEBUG", "1")
                .withEnv("PERSISTENCE", "0").withEnv("DEFAULT_REGION", "eu-west-1")
                .withEnv("GATEWAY_LISTEN", "0.0.0.0:4510").withEnv("LOCALSTACK_HOST", "gureum.example:4510")
                .withEnv("LAMBDA_KEEPALIVE_MS", "1500")) {
            gureum.start();
            String info = fetchInside(gureum, "http://127.0.0.1:4510/_gureum/info", "127.0.0.1");
            assertThat(info).contains("\"defaultRegion\":\"eu-west-1\"", "\"kept\":false", "\"port\":4510")
                    .doesNotContain("\"dataDir\":\"/var/lib/gureum\"");
            assertThat(fetchInside(gureum, "http://127.0.0.1:4510/_gureum/health", "gureum.example:4510"))
                    .contains("\"s3\":\"running\"", "\"sqs\":\"running\"", "\"sns\":\"disabled\"");
            assertThat(fetchInside(gureum, "http://127.0.0.1:4510/_gureum/health", "elsewhere.example"))
                    .startsWith("403");
            assertThat(gureum.getLogs()).contains("DEBUG");
            assertThat(gureum.execInContainer("sh", "-c", "tr '\\0' '\\n' < /proc/1/environ").getStdout())
                    .contains("GUREUM_LAMBDA_KEEP_ALIVE=1.500\n", "GUREUM_SERVICES=s3,sqs\n");
        }
    }

    /** A GET from inside the container, with the given Host header: the body, or the status of a refusal. */
    private static String fetchInside(GureumContainer gureum, String url, String host) throws Exception {
        ExecResult result = gureum.execInContainer("python3", "-c", """
                import sys, urllib.request, urllib.error
                try:
                    print(urllib.request.urlopen(urllib.request.Request(sys.argv[1], headers={"Host": sys.argv[2]})).read().decode())
                except urllib.error.HTTPError as e:
                    print(e.code)
                """, url, host);
        return result.getStdout().trim();
    }

    static byte[] zip(String name, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
