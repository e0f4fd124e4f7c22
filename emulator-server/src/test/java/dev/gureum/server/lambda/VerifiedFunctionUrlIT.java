package dev.gureum.server.lambda;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Under {@code --verify-signatures}, an {@code AWS_IAM} function URL checks the request's SigV4 signature. */
class VerifiedFunctionUrlIT {

    static final String A = "111111111111";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true).credentials(A, "secret-of-a"));

    @Test
    void onlyARequestSignedWithTheRightSecretIsAnswered() throws Exception {
        Packages.assumeRuns("python3", "--version");
        try (LambdaClient lambda = gureum.configure(LambdaClient.builder()).credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(A, "secret-of-a"))).build()) {
            lambda.createFunction(r -> r.functionName("private").runtime("python3.12").handler("app.handler")
                    .role("arn:aws:iam::" + A + ":role/lambda-role")
                    .code(c -> c.zipFile(Packages.zip(Map.of("app.py", "def handler(e, c):\n"
                            + "    return e['requestContext']['authorizer']['iam']['accountId']\n")))));
            lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("private"));
            String url = lambda.createFunctionUrlConfig(r -> r.functionName("private")
                    .authType(FunctionUrlAuthType.AWS_IAM)).functionUrl();
            URI uri = URI.create(gureum.endpoint() + "/_gureum/lambda-url/" + URI.create(url).getHost().split("\\.")[0]
                    + "/");
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> signed = http.send(signed(uri, "secret-of-a"), HttpResponse.BodyHandlers.ofString());
            assertThat(signed.statusCode()).isEqualTo(200);
            assertThat(signed.body()).isEqualTo(A);

            HttpResponse<String> forged = http.send(signed(uri, "not-the-secret"), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(forged.body()).contains("The request signature we calculated does not match");

            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(403);
            assertThat(unsigned.body()).isEqualTo("{\"Message\":\"Forbidden\"}");
        }
    }

    static HttpRequest signed(URI uri, String secret) {
        SdkHttpRequest request = SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.GET).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsBasicCredentials.create(A, secret))
                .request(request).putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }
}
