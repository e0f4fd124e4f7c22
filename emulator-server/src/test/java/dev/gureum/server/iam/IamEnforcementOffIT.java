package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Without {@code --enforce-iam} identity policies decide nothing: a user without any may do everything, as before. */
class IamEnforcementOffIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    @Test
    void aUserWithoutPoliciesMayDoEverythingAndUnsignedRequestsActAsTheDefaultAccount() throws Exception {
        IamClient root = gureum.configure(IamClient.builder()).region(Region.AWS_GLOBAL).build();
        root.createUser(r -> r.userName("nobody"));
        AccessKey key = root.createAccessKey(r -> r.userName("nobody")).accessKey();
        StaticCredentialsProvider keys = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        S3Client s3 = gureum.configure(S3Client.builder()).credentialsProvider(keys).build();
        s3.createBucket(b -> b.bucket("anything"));
        s3.putObject(b -> b.bucket("anything").key("k"), RequestBody.fromString("v"));
        SqsClient sqs = gureum.configure(SqsClient.builder()).credentialsProvider(keys).build();
        String url = sqs.createQueue(r -> r.queueName("q")).queueUrl();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody("m"));
        IamClient iam = gureum.configure(IamClient.builder()).region(Region.AWS_GLOBAL).credentialsProvider(keys).build();
        iam.createUser(r -> r.userName("another"));

        HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(gureum.endpoint() + "/anything/k")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo("v");
    }
}
