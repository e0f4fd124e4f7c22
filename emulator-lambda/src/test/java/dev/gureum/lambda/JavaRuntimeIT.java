package dev.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java functions compiled in the test and run on the local JVM by AWS's runtime interface client:
 * {@code RequestHandler}, {@code RequestStreamHandler} and plain POJO handlers, with {@code lib/*.jar}.
 */
class JavaRuntimeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static LambdaTestSupport t;

    @BeforeAll
    static void start() throws Exception {
        t = new LambdaTestSupport();
        // a library in lib/, which the handler uses
        Map<String, byte[]> library = JavaSources.compile(Map.of("lib.Shouter", """
                package lib;
                public final class Shouter {
                    public static String shout(String s) { return s.toUpperCase() + "!"; }
                }
                """), List.of());
        Path libJar = Files.createTempFile("shouter-", ".jar");
        Files.write(libJar, JavaSources.jar(library));
        Map<String, byte[]> classes = JavaSources.compile(Map.of(
                "example.Hello", """
                        package example;
                        import com.amazonaws.services.lambda.runtime.Context;
                        import com.amazonaws.services.lambda.runtime.RequestHandler;
                        import java.util.HashMap;
                        import java.util.Map;
                        public class Hello implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                            private int calls;
                            public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                                calls++;
                                if (event.containsKey("fail")) {
                                    throw new IllegalStateException("asked to fail");
                                }
                                context.getLogger().log("java got " + event);
                                Map<String, Object> out = new HashMap<>();
                                out.put("event", event);
                                out.put("calls", calls);
                                out.put("name", context.getFunctionName());
                                out.put("requestId", context.getAwsRequestId());
                                out.put("memory", context.getMemoryLimitInMB());
                                out.put("arn", context.getInvokedFunctionArn());
                                out.put("shout", lib.Shouter.shout(String.valueOf(event.get("word"))));
                                out.put("endpoint", System.getenv("AWS_ENDPOINT_URL"));
                                return out;
                            }
                        }
                        """,
                "example.Streams", """
                        package example;
                        import com.amazonaws.services.lambda.runtime.Context;
                        import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
                        import java.io.*;
                        public class Streams implements RequestStreamHandler {
                            public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                                byte[] bytes = in.readAllBytes();
                                out.write(("{\\"length\\":" + bytes.length + "}").getBytes());
                            }
                        }
                        """,
                "example.Greeter", """
                        package example;
                        import com.amazonaws.services.lambda.runtime.Context;
                        public class Greeter {
                            public static class Request {
                                private String name;
                                public String getName() { return name; }
                                public void setName(String name) { this.name = name; }
                            }
                            public static class Reply {
                                private String greeting;
                                public Reply(String greeting) { this.greeting = greeting; }
                                public String getGreeting() { return greeting; }
                            }
                            public Reply greet(Request request, Context context) {
                                return new Reply("annyeong, " + request.getName());
                            }
                        }
                        """), List.of(libJar));
        Map<String, byte[]> files = new LinkedHashMap<>(classes);
        files.put("lib/shouter.jar", Files.readAllBytes(libJar));
        SdkBytes zip = SdkBytes.fromByteArray(LambdaTestSupport.zipBytes(files));
        // the same library, from a layer's java/lib instead of the package's lib/
        String layer = t.lambda.publishLayerVersion(r -> r.layerName("shouter").content(c -> c.zipFile(SdkBytes
                .fromByteArray(LambdaTestSupport.zipBytes(Map.of("java/lib/shouter.jar", JavaSources.jar(library)))))))
                .layerVersionArn();
        SdkBytes classesOnly = SdkBytes.fromByteArray(LambdaTestSupport.zipBytes(classes));
        t.lambda.createFunction(r -> r.functionName("java-layered").runtime("java17").handler("example.Hello")
                .role(LambdaTestSupport.ROLE).timeout(20).memorySize(512).layers(layer)
                .code(c -> c.zipFile(classesOnly)));
        for (String[] f : new String[][] {{"java-hello", "example.Hello::handleRequest", "java17"},
                {"java-streams", "example.Streams", "java21"}, {"java-pojo", "example.Greeter::greet", "java11"}}) {
            t.lambda.createFunction(r -> r.functionName(f[0]).runtime(f[2]).handler(f[1]).role(LambdaTestSupport.ROLE)
                    .timeout(20).memorySize(512).code(c -> c.zipFile(zip)));
        }
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
    void requestHandlerWithALibraryFromLib() throws Exception {
        InvokeResponse response = t.invokeWithTail("java-hello", "{\"word\":\"hello\"}");
        assertThat(response.functionError()).isNull();
        JsonNode out = json(response);
        assertThat(out.path("shout").asText()).isEqualTo("HELLO!");
        assertThat(out.path("name").asText()).isEqualTo("java-hello");
        assertThat(out.path("memory").asInt()).isEqualTo(512);
        assertThat(out.path("arn").asText()).endsWith(":function:java-hello");
        assertThat(out.path("endpoint").asText()).isEqualTo("http://127.0.0.1:" + t.server.port());
        assertThat(LambdaTestSupport.tail(response)).contains("java got {word=hello}");
        // the same warm environment, and the same handler instance
        assertThat(json(t.invoke("java-hello", "{\"word\":\"again\"}")).path("calls").asInt())
                .isEqualTo(out.path("calls").asInt() + 1);
    }

    @Test
    void exceptionsAreFunctionErrorsWithTheJavaStackTrace() throws Exception {
        InvokeResponse response = t.invoke("java-hello", "{\"fail\":true}");
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(response);
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("errorMessage").asText()).isEqualTo("asked to fail");
        assertThat(error.path("stackTrace").get(0).asText()).contains("example.Hello.handleRequest");
    }

    @Test
    void librariesFromLayers() throws Exception {
        assertThat(json(t.invoke("java-layered", "{\"word\":\"layer\"}")).path("shout").asText()).isEqualTo("LAYER!");
    }

    @Test
    void streamHandler() throws Exception {
        assertThat(json(t.invoke("java-streams", "{\"abc\":123}")).path("length").asInt()).isEqualTo(11);
    }

    @Test
    void pojoHandler() throws Exception {
        assertThat(json(t.invoke("java-pojo", "{\"name\":\"gureum\"}")).path("greeting").asText())
                .isEqualTo("annyeong, gureum");
    }
}
