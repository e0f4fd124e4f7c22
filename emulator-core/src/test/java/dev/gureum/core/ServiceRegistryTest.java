package dev.gureum.core;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.core.spi.CrossService;
import io.undertow.server.HttpServerExchange;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceRegistryTest {

    private static final class Counted implements AwsService {
        final List<String> events = new ArrayList<>();

        @Override
        public ServiceDescriptor descriptor() {
            return null;
        }

        @Override
        public void handle(HttpServerExchange exchange, RequestContext context) {
        }

        @Override
        public void serving() {
            synchronized (events) {
                events.add("serving");
            }
        }

        @Override
        public void reset() {
        }
    }

    private static ServiceModule module(String name, java.util.function.Function<EmulatorContext, AwsService> create) {
        ServiceDescriptor descriptor = new ServiceDescriptor(name, Set.of(name), Protocol.JSON, null, "1", null, false);
        return new ServiceModule() {
            @Override
            public ServiceDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public AwsService create(EmulatorContext context) {
                return create.apply(context);
            }
        };
    }

    private static ServiceRegistry registry(Set<String> names) {
        EmulatorConfig config = new EmulatorConfig(EmulatorConfig.DEFAULT_ACCOUNT, EmulatorConfig.DEFAULT_REGION,
                Path.of("unused"), false, Map.of("test", "test"), names, Map.of());
        return new ServiceRegistry(new EmulatorContext(config, Clock.systemUTC(),
                new AccessKeys(config.defaultAccount(), config.credentials()), new CrossService()));
    }

    @Test
    void threadsAskingTogetherGetOneInstance() throws Exception {
        AtomicInteger built = new AtomicInteger();
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ServiceRegistry registry = registry(Set.of("slow", "other"));
        registry.register(module("slow", c -> {
            built.incrementAndGet();
            building.countDown();
            await(release);
            return new Counted();
        }));
        registry.register(module("other", c -> new Counted()));

        CompletableFuture<AwsService> first = CompletableFuture.supplyAsync(() -> registry.get("slow"));
        assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<AwsService> second = CompletableFuture.supplyAsync(() -> registry.get("slow"));
        // another service builds while the slow one is still building
        assertThat(registry.get("other")).isNotNull();
        assertThat(second).isNotDone();
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isSameAs(second.get(10, TimeUnit.SECONDS));
        assertThat(built).hasValue(1);
    }

    @Test
    void aFailedBuildIsTriedAgainAndServingReachesEveryService() {
        AtomicInteger attempts = new AtomicInteger();
        ServiceRegistry registry = registry(Set.of("flaky", "late"));
        registry.register(module("flaky", c -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("damaged journal");
            }
            return new Counted();
        }));
        registry.register(module("late", c -> new Counted()));

        assertThatThrownBy(() -> registry.get("flaky")).hasMessage("damaged journal");
        Counted flaky = (Counted) registry.get("flaky");
        assertThat(flaky.events).isEmpty();
        registry.serving();
        registry.serving();
        assertThat(flaky.events).containsExactly("serving");
        Counted late = (Counted) registry.get("late");
        assertThat(late.events).containsExactly("serving");
    }

    @Test
    void aServiceThatNeedsItselfToBeBuiltIsRefused() {
        ServiceRegistry registry = registry(Set.of("loop"));
        registry.register(module("loop", c -> registry.get("loop")));
        assertThatThrownBy(() -> registry.get("loop")).hasMessageContaining("needs loop itself");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
