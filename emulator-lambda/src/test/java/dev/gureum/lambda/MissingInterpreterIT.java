package dev.gureum.lambda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.State;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A runtime whose configured interpreter is missing leaves its functions Failed, saying why. */
class MissingInterpreterIT {

    static LambdaTestSupport t;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport(Map.of("lambda.runtime.python3.13", "/nonexistent/python3.13",
                "lambda.runtime.nodejs", "/nonexistent/node"));
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void functionIsFailedAndInvokeSaysWhy() {
        t.create("no-python", "python3.13", "app.handler", Map.of("app.py", "def handler(e, c):\n    return 1\n"));
        var config = t.lambda.getFunctionConfiguration(r -> r.functionName("no-python"));
        assertThat(config.state()).isEqualTo(State.FAILED);
        assertThat(config.stateReason()).contains("/nonexistent/python3.13").contains("python3.13");
        assertThatThrownBy(() -> t.invoke("no-python", "{}")).isInstanceOf(ResourceConflictException.class)
                .hasMessageContaining("Failed").hasMessageContaining("/nonexistent/python3.13");

        t.create("no-node", "nodejs20.x", "index.handler", Map.of("index.js", "exports.handler = () => 1;\n"));
        assertThat(t.lambda.getFunctionConfiguration(r -> r.functionName("no-node")).stateReason())
                .contains("/nonexistent/node");
        // other Python versions are not affected
        t.create("other-python", "python3.12", "app.handler", Map.of("app.py", "def handler(e, c):\n    return 1\n"));
        assertThat(t.invoke("other-python", "{}").payload().asUtf8String()).isEqualTo("1");
    }
}
