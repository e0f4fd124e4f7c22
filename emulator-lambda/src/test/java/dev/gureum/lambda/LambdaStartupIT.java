package dev.gureum.lambda;

import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.SdkClients;
import dev.gureum.lambda.domain.FunctionStore;
import dev.gureum.lambda.domain.LambdaDurableState;
import dev.gureum.lambda.storage.CodeStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up with 1,000 functions in the data directory (each with a published version, an alias, a
 * permission and tags): Lambda's state is replayed in well under the server's 3-second budget.
 */
class LambdaStartupIT {

    static final int FUNCTIONS = 1000;

    @TempDir
    Path dir;

    @Test
    void aThousandFunctionsReplayQuickly() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        LambdaModule module = new LambdaModule();
        SdkBytes zip = LambdaTestSupport.zip(Map.of("app.py", "def handler(e, c):\n    return e\n"));
        try (EmbeddedFrontEnd server = EmbeddedFrontEnd.persistent(dir, clock, module, module.logs());
             LambdaClient lambda = SdkClients.configure(LambdaClient.builder(), server.endpoint()).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                java.util.List<Future<?>> done = new java.util.ArrayList<>();
                for (int i = 0; i < FUNCTIONS; i++) {
                    String name = "fn-" + i;
                    done.add(pool.submit(() -> {
                        lambda.createFunction(r -> r.functionName(name).runtime(Runtime.PYTHON3_12).handler("app.handler")
                                .role(LambdaTestSupport.ROLE).description("function " + name)
                                .environment(e -> e.variables(Map.of("NAME", name))).tags(Map.of("n", name))
                                .code(c -> c.zipFile(zip)).publish(true));
                        lambda.createAlias(r -> r.functionName(name).name("live").functionVersion("1"));
                        lambda.addPermission(r -> r.functionName(name).statementId("s3").action("lambda:InvokeFunction")
                                .principal("s3.amazonaws.com"));
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
        long size;
        try (Stream<Path> files = Files.walk(dir.resolve("lambda").resolve("journal"))) {
            size = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }

        // the replay alone, as the server's start does it
        long replay = Long.MAX_VALUE;
        long coldReplay = 0;
        for (int round = 0; round < 3; round++) {
            FunctionStore store = new FunctionStore();
            CodeStore code = new CodeStore(dir.resolve("lambda"));
            long start = System.nanoTime();
            try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS.withSnapshotOnClose(false))) {
                persistence.open(new LambdaDurableState(store, code::located, code));
            }
            long took = (System.nanoTime() - start) / 1_000_000;
            coldReplay = round == 0 ? took : coldReplay;
            replay = Math.min(replay, took);
            assertThat(store.functions("000000000000", "us-east-1")).hasSize(FUNCTIONS);
        }

        // and Lambda built on a restarted server (replay, then the clean-up of leftovers starts beside it)
        LambdaModule again = new LambdaModule();
        long build;
        long firstRequest;
        try (EmbeddedFrontEnd server = EmbeddedFrontEnd.persistent(dir, clock, again, again.logs());
             LambdaClient lambda = SdkClients.configure(LambdaClient.builder(), server.endpoint()).build()) {
            long start = System.nanoTime();
            server.registry().get("lambda");
            build = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            var f = lambda.getFunction(r -> r.functionName("fn-999").qualifier("live")).configuration();
            firstRequest = (System.nanoTime() - start) / 1_000_000;
            assertThat(f.version()).isEqualTo("1");
            assertThat(f.environment().variables()).containsEntry("NAME", "fn-999");
            assertThat(lambda.getAccountSettings(r -> { }).accountUsage().functionCount()).isEqualTo(FUNCTIONS);
        }
        System.out.printf("Lambda start-up with %d functions: journal and snapshot %d KiB, replay %d ms (first %d ms),"
                + " Lambda built in %d ms, first request (a fresh SDK client) %d ms%n", FUNCTIONS, size / 1024, replay,
                coldReplay, build,
                firstRequest);
        assertThat(coldReplay).as("replay of %d functions, in ms", FUNCTIONS).isLessThan(1500);
    }
}
