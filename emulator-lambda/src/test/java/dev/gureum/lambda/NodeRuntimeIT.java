package dev.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Node.js functions run by Gureum's bootstrap on the local node: ES modules, CommonJS, async and callback handlers. */
class NodeRuntimeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static LambdaTestSupport t;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("node", "--version");
        t = new LambdaTestSupport();
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    static JsonNode json(InvokeResponse response) throws Exception {
        return JSON.readTree(response.payload().asByteArray());
    }

    @Test
    void asyncHandlerInAnEsModule() throws Exception {
        t.create("node-esm", "nodejs20.x", "index.handler", Map.of("index.mjs", """
                let calls = 0;
                export const handler = async (event, context) => {
                  calls++;
                  console.log('got', event);
                  return { event, calls, name: context.functionName, arn: context.invokedFunctionArn,
                    requestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis(),
                    endpoint: process.env.AWS_ENDPOINT_URL, region: process.env.AWS_REGION };
                };
                """));
        InvokeResponse first = t.invokeWithTail("node-esm", "{\"n\":1}");
        JsonNode out = json(first);
        assertThat(out.path("event").path("n").asInt()).isEqualTo(1);
        assertThat(out.path("name").asText()).isEqualTo("node-esm");
        assertThat(out.path("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:node-esm");
        assertThat(out.path("remaining").asLong()).isBetween(1L, 3000L);
        assertThat(out.path("endpoint").asText()).isEqualTo("http://127.0.0.1:" + t.server.port());
        assertThat(LambdaTestSupport.tail(first)).contains("\tINFO\tgot { n: 1 }").contains(out.path("requestId").asText());
        assertThat(json(t.invoke("node-esm", "{}")).path("calls").asInt()).isEqualTo(2);
    }

    @Test
    void theHeapIsSizedFromTheMemorySizeAsOnAws() throws Exception {
        t.lambda.createFunction(r -> r.functionName("node-heap").runtime("nodejs20.x").handler("index.handler")
                .role(LambdaTestSupport.ROLE).memorySize(512).code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("index.mjs",
                        "import v8 from 'node:v8';\nexport const handler = async () => ({ args: process.execArgv,\n"
                                + "  limit: v8.getHeapStatistics().heap_size_limit });\n")))));
        JsonNode out = json(t.invoke("node-heap", "{}"));
        assertThat(out.path("args").toString()).contains("--max-old-space-size=461", "--max-semi-space-size=25");
        // old space plus the young generation's semi-spaces; node's own default is several GiB
        assertThat(out.path("limit").asLong()).isLessThan(1L << 30);
    }

    @Test
    void callbackHandlerInCommonJs() throws Exception {
        t.create("node-cjs", "nodejs18.x", "lib/handler.process", Map.of("lib/handler.js", """
                const helper = require('./helper');
                exports.process = function (event, context, callback) {
                  setTimeout(() => callback(null, { doubled: helper.double(event.n) }), 10);
                };
                """, "lib/helper.js", "module.exports.double = (n) => n * 2;\n"));
        assertThat(json(t.invoke("node-cjs", "{\"n\":21}")).path("doubled").asInt()).isEqualTo(42);
    }

    @Test
    void typeModulePackageJsonAndNestedHandlerPath() throws Exception {
        t.create("node-typed", "nodejs22.x", "app.api.get", Map.of(
                "package.json", "{\"type\":\"module\"}",
                "app.js", "export const api = { get: async () => ({ ok: true }) };\n"));
        assertThat(json(t.invoke("node-typed", "{}")).path("ok").asBoolean()).isTrue();
    }

    @Test
    void errorsAndRejectionsAreFunctionErrors() throws Exception {
        t.create("node-fail", "nodejs20.x", "index.handler", Map.of("index.js", """
                exports.handler = async (event) => {
                  if (event.kind === 'callback') { return new Promise((resolve, reject) => reject(new RangeError('out of range'))); }
                  throw new TypeError('bad input');
                };
                """));
        InvokeResponse thrown = t.invoke("node-fail", "{}");
        assertThat(thrown.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(thrown);
        assertThat(error.path("errorType").asText()).isEqualTo("TypeError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("bad input");
        assertThat(error.path("trace").get(0).asText()).isEqualTo("TypeError: bad input");
        assertThat(json(t.invoke("node-fail", "{\"kind\":\"callback\"}")).path("errorType").asText())
                .isEqualTo("RangeError");
    }

    @Test
    void initErrorsAsAws() throws Exception {
        t.create("node-missing", "nodejs20.x", "nothere.handler", Map.of("index.js", "exports.handler = () => 1;\n"));
        JsonNode missing = json(t.invoke("node-missing", "{}"));
        assertThat(missing.path("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        assertThat(missing.path("errorMessage").asText()).startsWith("Error: Cannot find module 'nothere'");

        t.create("node-nohandler", "nodejs20.x", "index.other", Map.of("index.js", "exports.handler = () => 1;\n"));
        JsonNode noHandler = json(t.invoke("node-nohandler", "{}"));
        assertThat(noHandler.path("errorType").asText()).isEqualTo("Runtime.HandlerNotFound");
        assertThat(noHandler.path("errorMessage").asText()).isEqualTo("index.other is undefined or not exported");

        t.create("node-syntax", "nodejs20.x", "index.handler", Map.of("index.mjs", "export const handler = ;\n"));
        assertThat(json(t.invoke("node-syntax", "{}")).path("errorType").asText()).isEqualTo("Runtime.UserCodeSyntaxError");
    }

    @Test
    void layersAreOnTheNodePath() throws Exception {
        String layer = t.lambda.publishLayerVersion(r -> r.layerName("node-lib")
                .content(c -> c.zipFile(LambdaTestSupport.zip(Map.of("nodejs/node_modules/greeter/index.js",
                        "module.exports = (name) => 'annyeong, ' + name;\n"))))).layerVersionArn();
        t.lambda.createFunction(r -> r.functionName("node-layered").runtime("nodejs20.x").handler("index.handler")
                .role(LambdaTestSupport.ROLE).layers(layer).code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("index.js",
                        "const greet = require('greeter');\nexports.handler = async (e) => greet(e.name);\n")))));
        assertThat(t.invoke("node-layered", "{\"name\":\"gureum\"}").payload().asUtf8String())
                .isEqualTo("\"annyeong, gureum\"");
    }
}
