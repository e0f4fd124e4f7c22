package dev.gureum.lambda;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.MetricDatum;
import dev.gureum.core.testing.RecordingMetricSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AWS/Lambda metrics invocations publish, as CloudWatch receives them. */
class FunctionMetricsIT {

    private static final String NS = "AWS/Lambda";
    static final RecordingMetricSink SINK = new RecordingMetricSink();
    static LambdaTestSupport t;

    static final String APP = """
            def handler(event, context):
                if event.get("fail"):
                    raise ValueError("bad input")
                return {"ok": True}
            """;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport();
        t.server.bind(MetricSink.class, () -> SINK);
        t.lambda.createFunction(r -> r.functionName("metered").runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).timeout(5).code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", APP)))));
        t.lambda.createFunction(r -> r.functionName("held").runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", APP)))));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    private static void invoke(String name, String qualifier, String payload) {
        t.lambda.invoke(r -> {
            r.functionName(name).payload(SdkBytes.fromUtf8String(payload));
            if (qualifier != null) {
                r.qualifier(qualifier);
            }
        });
    }

    @Test
    void invocationsErrorsDurationPerFunctionResourceAndAccount() {
        invoke("metered", null, "{}");
        invoke("metered", null, "{\"fail\": \"yes\"}");
        String version = t.lambda.publishVersion(r -> r.functionName("metered")).version();
        t.lambda.createAlias(r -> r.functionName("metered").name("live").functionVersion(version));
        invoke("metered", "live", "{}");

        assertThat(SINK.sum(NS, "Invocations", "FunctionName", "metered")).isEqualTo(3);
        assertThat(SINK.sum(NS, "Errors", "FunctionName", "metered")).isEqualTo(1);
        // Errors is 0 or 1 per invocation, so that its average is the error rate
        assertThat(SINK.data(NS, "Errors", "FunctionName", "metered")).hasSize(3);
        assertThat(SINK.sum(NS, "Invocations", "FunctionName", "metered", "Resource", "metered")).isEqualTo(2);
        assertThat(SINK.sum(NS, "Invocations", "FunctionName", "metered", "Resource", "metered:live")).isEqualTo(1);
        assertThat(SINK.sum(NS, "Invocations", "FunctionName", "metered", "Resource", "metered:live",
                "ExecutedVersion", version)).isEqualTo(1);
        assertThat(SINK.sum(NS, "Invocations")).isGreaterThanOrEqualTo(3);
        MetricDatum duration = SINK.last(NS, "Duration", "FunctionName", "metered");
        assertThat(duration.unit()).isEqualTo("Milliseconds");
        assertThat(duration.value()).isPositive().isLessThan(5_000);
        assertThat(SINK.last(NS, "Invocations", "FunctionName", "metered").unit()).isEqualTo("Count");
        assertThat(duration.account()).isEqualTo("000000000000");
        assertThat(duration.region()).isEqualTo("us-east-1");

        SINK.sampleNow();
        assertThat(SINK.last(NS, "ConcurrentExecutions", "FunctionName", "metered").value()).isEqualTo(1);
        assertThat(SINK.last(NS, "ConcurrentExecutions").value()).isGreaterThanOrEqualTo(1);
        assertThat(SINK.last(NS, "ConcurrentExecutions").unit()).isEqualTo("Count");
    }

    @Test
    void throttledInvocationsAreThrottlesNotInvocations() {
        t.lambda.putFunctionConcurrency(r -> r.functionName("held").reservedConcurrentExecutions(0));
        assertThatThrownBy(() -> t.lambdaNoRetries.invoke(r -> r.functionName("held")
                .payload(SdkBytes.fromUtf8String("{}")))).isInstanceOf(TooManyRequestsException.class);
        assertThat(SINK.sum(NS, "Throttles", "FunctionName", "held")).isEqualTo(1);
        assertThat(SINK.data(NS, "Invocations", "FunctionName", "held")).isEmpty();
        assertThat(SINK.last(NS, "Throttles", "FunctionName", "held").unit()).isEqualTo("Count");
    }
}
