package dev.gureum.lambda;

import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamCompleteEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponse;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * InvokeWithResponseStream through the Java SDK: the chunks a function writes reach the client while it
 * still runs (the function waits at a {@link Gate} the test opens only once it has the first chunk), from
 * Node.js's {@code awslambda.streamifyResponse} and from a custom runtime's streamed Runtime API response;
 * a failure part-way ends the stream with {@code InvokeComplete}'s error; a function that answers whole
 * answers one chunk.
 */
class ResponseStreamingIT {

    /** A custom runtime that streams its response with chunked encoding, and reports a failure in trailers. */
    static final String BOOTSTRAP = """
            #!/usr/bin/env python3
            import base64, http.client, json, os, urllib.request
            host, _, prefix = os.environ["AWS_LAMBDA_RUNTIME_API"].partition("/")
            base = ("/" + prefix if prefix else "") + "/2018-06-01/runtime"
            while True:
                api = http.client.HTTPConnection(host)
                api.request("GET", base + "/invocation/next")
                r = api.getresponse()
                request_id = r.getheader("Lambda-Runtime-Aws-Request-Id")
                event = json.loads(r.read())
                api.putrequest("POST", base + "/invocation/" + request_id + "/response")
                api.putheader("Lambda-Runtime-Function-Response-Mode", "streaming")
                api.putheader("Transfer-Encoding", "chunked")
                api.putheader("Content-Type", "text/plain")
                api.putheader("Trailer", "Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body")
                api.endheaders()
                def send(data):
                    api.send(b"%x\\r\\n%s\\r\\n" % (len(data), data))
                send(b"first,")
                if event.get("gate"):
                    urllib.request.urlopen(event["gate"]).read()
                send(b"second")
                if event.get("fail"):
                    error = json.dumps({"errorType": "Custom.MidStream", "errorMessage": "failed after two chunks"})
                    api.send(b"0\\r\\nLambda-Runtime-Function-Error-Type: Custom.MidStream\\r\\n"
                             + b"Lambda-Runtime-Function-Error-Body: " + base64.b64encode(error.encode()) + b"\\r\\n\\r\\n")
                else:
                    api.send(b"0\\r\\n\\r\\n")
                api.getresponse().read()
                api.close()
            """;

    static final String NODE_HANDLER = """
            const http = require('node:http');
            const wait = (url) => new Promise((resolve, reject) =>
              http.get(url, (r) => { r.resume(); r.on('end', resolve); }).on('error', reject));
            exports.handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
              responseStream.setContentType('text/plain');
              responseStream.write('first,');
              if (event.gate) {
                await wait(event.gate);
              }
              responseStream.write('second');
              if (event.fail) {
                throw new Error('failed after two chunks');
              }
              responseStream.end();
            });
            """;

    static LambdaTestSupport t;
    static LambdaAsyncClient async;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        t = new LambdaTestSupport();
        async = SdkClients.configure(LambdaAsyncClient.builder(), t.server.endpoint()).build();
        t.create("custom-stream", "provided.al2023", "unused", Map.of("bootstrap", BOOTSTRAP));
        t.create("whole", "python3.12", "app.handler", Map.of("app.py", """
                def handler(event, context):
                    if event.get("fail"):
                        raise ValueError("no answer")
                    return {"answer": 42}
                """));
        for (String name : List.of("custom-stream", "whole")) {
            LambdaTestSupport.waitActive(t.lambda, name);
        }
    }

    @AfterAll
    static void stop() {
        if (async != null) {
            async.close();
        }
        if (t != null) {
            t.close();
        }
    }

    /** What a client saw of one streamed invocation, in order. */
    static final class Recording {
        final List<String> chunks = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> firstChunk = new CompletableFuture<>();
        volatile InvokeWithResponseStreamCompleteEvent complete;
        volatile InvokeWithResponseStreamResponse response;
    }

    static Recording invoke(String function, String payload, LogType logType) throws Exception {
        Recording recording = new Recording();
        InvokeWithResponseStreamResponseHandler handler = InvokeWithResponseStreamResponseHandler.builder()
                .onResponse(r -> recording.response = r)
                .subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadChunk(c -> {
                            String chunk = c.payload().asUtf8String();
                            recording.chunks.add(chunk);
                            recording.firstChunk.complete(chunk);
                        })
                        .onInvokeComplete(c -> recording.complete = c)
                        .build())
                .build();
        CompletableFuture<Void> done = async.invokeWithResponseStream(r -> r.functionName(function).logType(logType)
                .payload(SdkBytes.fromUtf8String(payload)), handler);
        done.get(60, TimeUnit.SECONDS);
        return recording;
    }

    /** Invokes with a gate the function waits at, opened once the client has the first chunk. */
    static Recording invokeThroughGate(String function, boolean fail) throws Exception {
        try (Gate gate = new Gate()) {
            Recording recording = new Recording();
            InvokeWithResponseStreamResponseHandler handler = InvokeWithResponseStreamResponseHandler.builder()
                    .onResponse(r -> recording.response = r)
                    .subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder()
                            .onPayloadChunk(c -> {
                                String chunk = c.payload().asUtf8String();
                                recording.chunks.add(chunk);
                                recording.firstChunk.complete(chunk);
                            })
                            .onInvokeComplete(c -> recording.complete = c)
                            .build())
                    .build();
            String payload = "{\"gate\": \"" + gate.url() + "\"" + (fail ? ", \"fail\": true" : "") + "}";
            CompletableFuture<Void> done = async.invokeWithResponseStream(r -> r.functionName(function)
                    .payload(SdkBytes.fromUtf8String(payload)), handler);
            // the function is held at the gate: the chunk it wrote before has reached the client all the same
            assertThat(recording.firstChunk.get(60, TimeUnit.SECONDS)).isEqualTo("first,");
            assertThat(gate.reached.get(60, TimeUnit.SECONDS)).isNull();
            assertThat(done).isNotDone();
            assertThat(recording.complete).isNull();
            gate.open();
            done.get(60, TimeUnit.SECONDS);
            return recording;
        }
    }

    @Test
    void aCustomRuntimesChunksArriveWhileTheFunctionRuns() throws Exception {
        Recording r = invokeThroughGate("custom-stream", false);
        assertThat(String.join("", r.chunks)).isEqualTo("first,second");
        assertThat(r.response.statusCode()).isEqualTo(200);
        assertThat(r.response.executedVersion()).isEqualTo("$LATEST");
        assertThat(r.complete).isNotNull();
        assertThat(r.complete.errorCode()).isNull();
        assertThat(r.complete.errorDetails()).isNull();
    }

    @Test
    void aCustomRuntimesFailurePartWayEndsTheStreamWithTheError() throws Exception {
        Recording r = invokeThroughGate("custom-stream", true);
        assertThat(String.join("", r.chunks)).isEqualTo("first,second");
        assertThat(r.complete.errorCode()).isEqualTo("Custom.MidStream");
        assertThat(r.complete.errorDetails()).isEqualTo("failed after two chunks");
    }

    @Test
    void aStreamedResponseInvokedWithInvokeIsAnsweredWhole() {
        assertThat(t.invoke("custom-stream", "{}").payload().asUtf8String()).isEqualTo("first,second");
        var failed = t.invoke("custom-stream", "{\"fail\": true}");
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        assertThat(failed.payload().asUtf8String()).contains("Custom.MidStream").contains("failed after two chunks");
    }

    @Test
    void aFunctionThatAnswersWholeAnswersOneChunk() throws Exception {
        Recording r = invoke("whole", "{}", LogType.TAIL);
        assertThat(r.chunks).containsExactly("{\"answer\": 42}");
        assertThat(r.complete.errorCode()).isNull();
        assertThat(new String(Base64.getDecoder().decode(r.complete.logResult()), StandardCharsets.UTF_8))
                .contains("REPORT RequestId:");

        Recording failed = invoke("whole", "{\"fail\": true}", LogType.NONE);
        assertThat(failed.chunks).isEmpty();
        assertThat(failed.complete.errorCode()).isEqualTo("ValueError");
        assertThat(failed.complete.errorDetails()).isEqualTo("no answer");
        assertThat(failed.complete.logResult()).isNull();
    }

    @Test
    void nodeStreamifyResponseChunksArriveWhileTheHandlerRuns() throws Exception {
        LambdaTestSupport.assumeRuns("node", "--version");
        t.create("node-stream", "nodejs20.x", "index.handler", Map.of("index.js", NODE_HANDLER));
        LambdaTestSupport.waitActive(t.lambda, "node-stream");
        Recording r = invokeThroughGate("node-stream", false);
        assertThat(String.join("", r.chunks)).isEqualTo("first,second");
        assertThat(r.complete.errorCode()).isNull();

        Recording failed = invokeThroughGate("node-stream", true);
        assertThat(String.join("", failed.chunks)).isEqualTo("first,second");
        assertThat(failed.complete.errorCode()).isEqualTo("Error");
        assertThat(failed.complete.errorDetails()).isEqualTo("failed after two chunks");

        // the same handler invoked with Invoke: its bytes gathered into one payload
        assertThat(t.invoke("node-stream", "{}").payload().asUtf8String()).isEqualTo("first,second");
    }

    @Test
    void dryRunAndMissingFunctionsAnswerAsInvokeDoes() {
        var handler = InvokeWithResponseStreamResponseHandler.builder().subscriber(e -> { }).build();
        assertThatThrownBy(() -> async.invokeWithResponseStream(r -> r.functionName("nothing"), handler).join())
                .hasCauseInstanceOf(ResourceNotFoundException.class);
        InvokeWithResponseStreamResponse[] seen = new InvokeWithResponseStreamResponse[1];
        async.invokeWithResponseStream(r -> r.functionName("whole").invocationType("DryRun"),
                InvokeWithResponseStreamResponseHandler.builder().onResponse(r -> seen[0] = r)
                        .subscriber(e -> { }).build()).join();
        assertThat(seen[0].statusCode()).isEqualTo(204);
    }
}
