package dev.gureum.lambda;

import dev.gureum.core.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda and the server clock: retries of asynchronous invocations wait for the clock, so advancing it runs
 * them; a function's process keeps real time, so advancing the clock does not time it out.
 */
class ServerClockIT {

    static LambdaTestSupport t;

    static final String APP = """
            import time

            def handler(event, context):
                print("attempt", event["marker"])
                if event.get("sleep"):
                    time.sleep(event["sleep"])
                if event.get("fail"):
                    raise ValueError("failing on purpose")
                return {"slept": event.get("sleep", 0)}
            """;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport();
        t.lambda.createFunction(r -> r.functionName("clocked").runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).timeout(5)
                .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", APP)))));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    private static long attempts(String marker) {
        return LogsIT.messages(t, "/aws/lambda/clocked").stream().filter(m -> m.contains("attempt " + marker)).count();
    }

    @Test
    void advancingTheClockRunsTheRetriesOfAFailedAsynchronousInvocation() {
        InvokeResponse response = t.lambda.invoke(r -> r.functionName("clocked").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"marker\": \"retried-1\", \"fail\": true}")));
        assertThat(response.statusCode()).isEqualTo(202);
        Await.until(Duration.ofSeconds(20), () -> attempts("retried-1") == 1, "the first attempt");
        // Lambda retries a failed event a minute later, then two minutes after that: minutes of real time,
        // which the test passes in steps of the server clock (the failure is noticed a moment after its log)
        advanceUntil(() -> attempts("retried-1") >= 2, "the first retry");
        advanceUntil(() -> attempts("retried-1") >= 3, "the second retry");
        t.server.serverClock().advance(Duration.ofMinutes(10));
        assertThat(attempts("retried-1")).isEqualTo(3);
    }

    private static void advanceUntil(Await.Condition condition, String what) {
        Await.until(Duration.ofSeconds(20), () -> {
            if (condition.holds()) {
                return true;
            }
            t.server.serverClock().advance(Duration.ofSeconds(20));
            return false;
        }, what);
    }

    @Test
    void aFunctionKeepsRealTimeWhileTheClockIsAdvanced() throws Exception {
        CompletableFuture<InvokeResponse> running = CompletableFuture.supplyAsync(() -> t.lambda.invoke(r -> r
                .functionName("clocked").payload(SdkBytes.fromUtf8String("{\"marker\": \"real-1\", \"sleep\": 2}"))));
        Await.until(Duration.ofSeconds(20), () -> attempts("real-1") == 1, "the function to start");
        // an hour of server-clock time passes while the function sleeps: its five-second timeout is real time
        t.server.serverClock().advance(Duration.ofHours(1));
        InvokeResponse response = running.get(30, TimeUnit.SECONDS);
        assertThat(response.functionError()).isNull();
        assertThat(response.payload().asUtf8String()).contains("\"slept\": 2");
    }
}
