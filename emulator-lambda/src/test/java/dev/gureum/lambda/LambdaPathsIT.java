package dev.gureum.lambda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code that names {@code /var/task} and {@code /opt} literally finds the function's code and layers there,
 * where the system gives runtimes a mount namespace (the server runs as root); skipped elsewhere.
 */
class LambdaPathsIT {

    static LambdaTestSupport t;

    @BeforeAll
    static void start() {
        LambdaTestSupport.assumeRuns("python3", "--version");
        LambdaTestSupport.assumeRuns("unshare", "--mount", "true");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "runtimes get a mount namespace "
                + "of their own only when the server runs as root: /var/task and /opt are not tested");
        t = new LambdaTestSupport();
    }

    @AfterAll
    static void stop() {
        if (t != null) {
            t.close();
        }
    }

    static String layer(String name, Map<String, String> files) {
        return t.lambda.publishLayerVersion(r -> r.layerName(name).content(c -> c.zipFile(LambdaTestSupport.zip(files))))
                .layerVersionArn();
    }

    @Test
    void codeAndLayersAreAtLambdasPaths() {
        String first = layer("first", Map.of("shared.txt", "from the first layer", "first.txt", "only first"));
        String second = layer("second", Map.of("shared.txt", "from the second layer"));
        t.lambda.createFunction(r -> r.functionName("paths").runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).layers(first, second)
                .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py", """
                        import os
                        def read(path):
                            with open(path) as f:
                                return f.read()
                        def handler(event, context):
                            writable = True
                            try:
                                open('/var/task/new.txt', 'w').close()
                            except OSError:
                                writable = False
                            return {'task': read('/var/task/data.txt'), 'shared': read('/opt/shared.txt'),
                                    'first': read('/opt/first.txt'), 'writable': writable}
                        """, "data.txt", "the function's own")))));
        LambdaTestSupport.waitActive(t.lambda, "paths");
        String answer = t.lambda.invoke(r -> r.functionName("paths").payload(SdkBytes.fromUtf8String("{}")))
                .payload().asUtf8String();
        // later layers overlay earlier ones, as Lambda extracts them into /opt in order; /var/task is read-only
        assertThat(answer).isEqualTo("{\"task\": \"the function's own\", \"shared\": \"from the second layer\", "
                + "\"first\": \"only first\", \"writable\": false}");
    }

    @Test
    void aFunctionWithOneLayerFindsItAtOpt() {
        String only = layer("only", Map.of("python/helper.py", "VALUE = 'helped'\n"));
        t.lambda.createFunction(r -> r.functionName("one-layer").runtime("python3.12").handler("app.handler")
                .role(LambdaTestSupport.ROLE).layers(only)
                .code(c -> c.zipFile(LambdaTestSupport.zip(Map.of("app.py",
                        "import os\ndef handler(event, context):\n    return sorted(os.listdir('/opt/python'))\n")))));
        LambdaTestSupport.waitActive(t.lambda, "one-layer");
        assertThat(t.invoke("one-layer", "{}").payload().asUtf8String()).isEqualTo("[\"helper.py\"]");
    }
}
