package dev.gureum.testcontainers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link GureumContainer}: init scripts that have run when it has started, and a data directory of this machine. */
@ExtendWith(DockerAvailable.class)
class GureumContainerIT {

    private static String image;

    @BeforeAll
    static void buildImage() {
        image = GureumImage.name();
    }

    @Test
    void initScriptsHaveMadeTheFixturesWhenTheContainerHasStarted() throws Exception {
        try (GureumContainer gureum = new GureumContainer(image).withServices("s3", "sqs")
                .withInitScript("init/fixtures.sh")
                .withInitScript("ready.d", "queue.py", """
                        import os, urllib.parse, urllib.request
                        form = urllib.parse.urlencode({"Action": "CreateQueue", "QueueName": "orders"}).encode()
                        urllib.request.urlopen(os.environ["AWS_ENDPOINT_URL"] + "/", data=form)
                        """)) {
            gureum.start();
            try (S3Client s3 = gureum.configure(S3Client.builder()).build();
                 SqsClient sqs = gureum.configure(SqsClient.builder()).build()) {
                assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("fixtures");
                assertThat(sqs.getQueueUrl(b -> b.queueName("orders")).queueUrl()).endsWith("/000000000000/orders");
            }
            String report = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    gureum.endpoint().resolve(URI.create("/_localstack/init"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(report).contains("{\"stage\":\"READY\",\"name\":\"fixtures.sh\",\"state\":\"SUCCESSFUL\"}",
                    "{\"stage\":\"READY\",\"name\":\"queue.py\",\"state\":\"SUCCESSFUL\"}");
            assertThat(gureum.getLogs()).contains("bucket fixtures made at http://127.0.0.1:4566 in us-east-1");
        }
    }

    @Test
    void aDataDirOfThisMachineKeepsTheStateForTheNextContainer(@TempDir Path data) throws Exception {
        try (GureumContainer first = new GureumContainer(image).withServices("s3").withDataDir(data)) {
            first.start();
            try (S3Client s3 = first.configure(S3Client.builder()).build()) {
                s3.createBucket(b -> b.bucket("on-the-host"));
            }
        }
        try (var files = Files.list(data)) {
            assertThat(files).isNotEmpty();
        }
        try (GureumContainer second = new GureumContainer(image).withServices("s3").withDataDir(data)) {
            second.start();
            try (S3Client s3 = second.configure(S3Client.builder()).build()) {
                assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("on-the-host");
            }
        }
    }

    @Test
    void anUnknownStageIsRefused() {
        assertThatThrownBy(() -> new GureumContainer(image).withInitScript("later.d", "x.sh", "true"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not an init stage: later.d");
    }
}
