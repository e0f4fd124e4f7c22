package dev.gureum.server.lambda;

import dev.gureum.core.testing.Await;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Functions and S3: code from a bucket, a plain boto3 client inside a function, and notifications that invoke. */
class S3AndLambdaIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    static LambdaClient lambda;
    static S3Client s3;

    @BeforeAll
    static void clients() {
        lambda = gureum.configure(LambdaClient.builder()).build();
        s3 = gureum.configure(S3Client.builder()).build();
    }

    @AfterAll
    static void close() {
        lambda.close();
        s3.close();
    }

    @Test
    void functionWritesToS3WithAPlainBoto3Client() {
        Packages.assumeRuns("python3", "-c", "import boto3");
        s3.createBucket(r -> r.bucket("written-by-lambda"));
        lambda.createFunction(r -> r.functionName("writer").runtime("python3.12").handler("app.handler")
                .role(Packages.ROLE).timeout(15).code(c -> c.zipFile(Packages.zip(Map.of("app.py", """
                        import boto3
                        s3 = boto3.client("s3")
                        def handler(event, context):
                            s3.put_object(Bucket=event["bucket"], Key=event["key"], Body=b"hello from a function")
                            return boto3.client("sts").get_caller_identity()["Arn"]
                        """)))));
        InvokeResponse response = lambda.invoke(r -> r.functionName("writer")
                .payload(SdkBytes.fromUtf8String("{\"bucket\":\"written-by-lambda\",\"key\":\"out.txt\"}")));
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        // the function acts as its execution role, in the caller's account
        assertThat(response.payload().asUtf8String())
                .isEqualTo("\"arn:aws:sts::000000000000:assumed-role/lambda-role/writer\"");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("written-by-lambda").key("out.txt")).asUtf8String())
                .isEqualTo("hello from a function");
    }

    @Test
    void codeComesFromABucket() {
        Packages.assumeRuns("node", "--version");
        s3.createBucket(r -> r.bucket("deployments"));
        s3.putObject(r -> r.bucket("deployments").key("fn.zip"), RequestBody.fromBytes(Packages.zip(Map.of(
                "index.js", "exports.handler = async () => 'from s3';\n")).asByteArray()));
        lambda.createFunction(r -> r.functionName("from-s3").runtime("nodejs20.x").handler("index.handler")
                .role(Packages.ROLE).code(c -> c.s3Bucket("deployments").s3Key("fn.zip")));
        assertThat(lambda.invoke(r -> r.functionName("from-s3")).payload().asUtf8String()).isEqualTo("\"from s3\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName("from-s3")
                .s3Bucket("deployments").s3Key("missing.zip")))
                .hasMessageContaining("NoSuchKey");
    }

    @Test
    void objectCreatedNotificationsInvokeTheFunction() {
        Packages.assumeRuns("python3", "-c", "import boto3");
        s3.createBucket(r -> r.bucket("incoming"));
        s3.createBucket(r -> r.bucket("processed"));
        String arn = lambda.createFunction(r -> r.functionName("on-upload").runtime("python3.12").handler("app.handler")
                .role(Packages.ROLE).timeout(15).code(c -> c.zipFile(Packages.zip(Map.of("app.py", """
                        import boto3, urllib.parse
                        s3 = boto3.client("s3")
                        def handler(event, context):
                            for record in event["Records"]:
                                bucket = record["s3"]["bucket"]["name"]
                                key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
                                body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
                                s3.put_object(Bucket="processed", Key=key, Body=body.upper())
                        """))))).functionArn();
        lambda.addPermission(r -> r.functionName("on-upload").statementId("s3").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::incoming"));
        s3.putBucketNotificationConfiguration(r -> r.bucket("incoming").notificationConfiguration(n -> n
                .lambdaFunctionConfigurations(l -> l.lambdaFunctionArn(arn).events(Event.S3_OBJECT_CREATED))));
        s3.putObject(r -> r.bucket("incoming").key("notes/hello world.txt"), RequestBody.fromString("shout this"));
        Await.until(Duration.ofSeconds(15), () -> {
            try {
                return s3.getObjectAsBytes(r -> r.bucket("processed").key("notes/hello world.txt")).asUtf8String()
                        .equals("SHOUT THIS");
            } catch (NoSuchKeyException e) {
                return false;
            }
        }, "the processed copy");
    }
}
