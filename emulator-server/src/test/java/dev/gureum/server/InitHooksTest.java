package dev.gureum.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InitHooksTest {

    @TempDir
    Path root;

    private Path write(Path dir, String stage, String name, String text) throws Exception {
        return Files.writeString(Files.createDirectories(dir.resolve(stage)).resolve(name), text);
    }

    @Test
    void scriptsAreFoundByStageThenDirectoryThenName() throws Exception {
        Path gureum = root.resolve("gureum");
        Path localstack = root.resolve("localstack");
        write(gureum, "ready.d", "b.sh", "true");
        write(gureum, "ready.d", "a.py", "pass");
        write(gureum, "ready.d", "README.md", "not a script");
        write(localstack, "ready.d", "0-first.sh", "true");
        write(localstack, "boot.d", "z.sh", "true");
        write(gureum, "later.d", "x.sh", "true");

        InitHooks hooks = InitHooks.in(List.of(gureum, localstack, root.resolve("missing")));

        assertThat(hooks.scripts()).extracting(s -> s.stage + ":" + s.name())
                .containsExactly("BOOT:z.sh", "READY:a.py", "READY:b.sh", "READY:0-first.sh");
        assertThat(hooks.scripts()).allSatisfy(s -> assertThat(s.state).isEqualTo(InitHooks.State.UNKNOWN));
    }

    @Test
    void theReportHasLocalStacksShape() throws Exception {
        write(root, "boot.d", "ok.sh", "exit 0");
        write(root, "ready.d", "fails.sh", "exit 1");
        InitHooks hooks = InitHooks.in(List.of(root));
        hooks.run(InitHooks.Stage.BOOT, Map.of());

        JsonNode all = Json.mapper().readTree(hooks.report(null));
        assertThat(all.toString()).isEqualTo("{\"completed\":{\"BOOT\":true,\"START\":false,\"READY\":false,"
                + "\"SHUTDOWN\":false},\"scripts\":[{\"stage\":\"BOOT\",\"name\":\"ok.sh\",\"state\":\"SUCCESSFUL\"},"
                + "{\"stage\":\"READY\",\"name\":\"fails.sh\",\"state\":\"UNKNOWN\"}]}");

        hooks.run(InitHooks.Stage.READY, Map.of());
        JsonNode ready = Json.mapper().readTree(hooks.report(InitHooks.Stage.READY));
        assertThat(ready.toString()).isEqualTo(
                "{\"completed\":true,\"scripts\":[{\"stage\":\"READY\",\"name\":\"fails.sh\",\"state\":\"ERROR\"}]}");
    }

    @Test
    void scriptsSeeTheEnvironmentTheyAreGiven() throws Exception {
        Path out = root.resolve("out.txt");
        write(root, "start.d", "env.sh", "echo \"$AWS_ENDPOINT_URL\" > '" + out + "'");
        InitHooks hooks = InitHooks.in(List.of(root));
        hooks.run(InitHooks.Stage.START, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"));
        assertThat(Files.readString(out).trim()).isEqualTo("http://127.0.0.1:4566");
        assertThat(hooks.completed(InitHooks.Stage.START)).isTrue();
        assertThat(hooks.completed(InitHooks.Stage.READY)).isFalse();
    }
}
