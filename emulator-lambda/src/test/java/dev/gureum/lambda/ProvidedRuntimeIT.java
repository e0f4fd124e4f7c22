package dev.gureum.lambda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custom runtimes ({@code provided.al2023}): the package's own {@code bootstrap} talks to the Runtime API.
 * Here it is a Python script, as any executable would do.
 */
class ProvidedRuntimeIT {

    static LambdaTestSupport t;

    static final String BOOTSTRAP = """
            #!/usr/bin/env python3
            import json, os, urllib.request
            api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"
            while True:
                with urllib.request.urlopen(api + "/invocation/next") as r:
                    request_id = r.headers["Lambda-Runtime-Aws-Request-Id"]
                    arn = r.headers["Lambda-Runtime-Invoked-Function-Arn"]
                    deadline = r.headers["Lambda-Runtime-Deadline-Ms"]
                    event = json.loads(r.read())
                print("custom runtime handling", request_id, flush=True)
                if event.get("fail"):
                    body = json.dumps({"errorType": "Custom.Failure", "errorMessage": "asked to fail"}).encode()
                    req = urllib.request.Request(api + "/invocation/" + request_id + "/error", data=body,
                                                 headers={"Lambda-Runtime-Function-Error-Type": "Custom.Failure"})
                else:
                    body = json.dumps({"handler": os.environ["_HANDLER"], "event": event, "arn": arn,
                                       "deadline": int(deadline), "task": os.environ["LAMBDA_TASK_ROOT"]}).encode()
                    req = urllib.request.Request(api + "/invocation/" + request_id + "/response", data=body)
                urllib.request.urlopen(req).read()
            """;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport();
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void bootstrapServesInvocations() throws Exception {
        t.create("custom", "provided.al2023", "my.handler", Map.of("bootstrap", BOOTSTRAP));
        InvokeResponse response = t.invokeWithTail("custom", "{\"x\":1}");
        var out = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.payload().asByteArray());
        assertThat(out.path("handler").asText()).isEqualTo("my.handler");
        assertThat(out.path("event").path("x").asInt()).isEqualTo(1);
        assertThat(out.path("arn").asText()).endsWith(":function:custom");
        assertThat(out.path("deadline").asLong()).isGreaterThan(System.currentTimeMillis());
        assertThat(LambdaTestSupport.tail(response)).contains("custom runtime handling");

        InvokeResponse failed = t.invoke("custom", "{\"fail\":true}");
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        assertThat(failed.payload().asUtf8String()).contains("Custom.Failure");
    }

    @Test
    void missingBootstrapIsAnInvalidEntrypoint() {
        t.create("no-bootstrap", "provided.al2", "x", Map.of("README", "no bootstrap here"));
        InvokeResponse response = t.invoke("no-bootstrap", "{}");
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("Runtime.InvalidEntrypoint")
                .contains("Couldn't find valid bootstrap");
    }

    @Test
    void bootstrapThatExitsIsAnExitError() {
        t.create("exits", "provided.al2023", "x", Map.of("bootstrap", "#!/bin/sh\necho starting up\nexit 3\n"));
        InvokeResponse response = t.invokeWithTail("exits", "{}");
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("Runtime.ExitError").contains("exit status 3");
    }
}
