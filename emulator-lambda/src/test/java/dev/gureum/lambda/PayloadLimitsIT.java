package dev.gureum.lambda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limits of invocation payloads and the order in which event source mapping settings are checked, as on AWS. */
class PayloadLimitsIT {

    static LambdaTestSupport t;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport();
        t.create("sized", "python3.12", "app.handler", Map.of("app.py", """
                def handler(event, context):
                    return "x" * event.get("size", 1)
                """));
        t.lambda.waiter().waitUntilFunctionActiveV2(r -> r.functionName("sized"));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void aRequestOverSixMegabytesIsRefused() {
        String big = "{\"pad\": \"" + "p".repeat(6 * 1024 * 1024) + "\"}";
        assertThatThrownBy(() -> t.lambdaNoRetries.invoke(r -> r.functionName("sized")
                .payload(SdkBytes.fromUtf8String(big)))).isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(413);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
                });
    }

    @Test
    void aResponseOverTheLimitIsAFunctionError() {
        InvokeResponse response = t.lambda.invoke(r -> r.functionName("sized")
                .payload(SdkBytes.fromUtf8String("{\"size\": 6291600}")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String())
                .contains("\"errorType\":\"Function.ResponseSizeTooLarge\"")
                .contains("exceeded maximum allowed payload size (6291556 bytes).");
        // just under the limit (the JSON string's quotes count) is answered whole
        InvokeResponse fits = t.lambda.invoke(r -> r.functionName("sized")
                .payload(SdkBytes.fromUtf8String("{\"size\": 6291554}")));
        assertThat(fits.functionError()).isNull();
        assertThat(fits.payload().asByteArray()).hasSize(6291556);
    }

    @Test
    void emptyAndNonJsonPayloads() {
        assertThat(t.lambda.invoke(r -> r.functionName("sized")).payload().asUtf8String()).isEqualTo("\"x\"");
        assertThatThrownBy(() -> t.lambda.invoke(r -> r.functionName("sized")
                .payload(SdkBytes.fromUtf8String("not json")))).isInstanceOf(InvalidRequestContentException.class)
                .hasMessageContaining("Could not parse request body into json");
    }

    @Test
    void mappingRangesAreCheckedBeforeAnythingElse() {
        for (int concurrency : new int[] {1, 1001}) {
            assertThatThrownBy(() -> t.lambdaNoRetries.createEventSourceMapping(r -> r.functionName("sized")
                    .eventSourceArn("arn:aws:sqs:us-east-1:000000000000:nowhere")
                    .scalingConfig(c -> c.maximumConcurrency(concurrency))))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("MaximumConcurrency");
        }
    }
}
