package dev.gureum.elb.http;

import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.core.spi.InstanceWorkloads;
import dev.gureum.elb.domain.ElbStore;
import dev.gureum.elb.domain.HealthCheck;
import dev.gureum.elb.domain.Registration;
import dev.gureum.elb.domain.TargetGroup;
import dev.gureum.elb.domain.TargetHealth;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The health checks of every target group a load balancer uses, each made on the group's interval of the
 * server clock (checked every five seconds of it), without holding a thread while a target answers: HTTP
 * checks through the JDK's asynchronous client, TCP checks as a connection, Lambda checks as an invocation.
 * A check's own timeout runs on real time, as a network's does.
 */
final class HealthChecks {

    private final ElbStore store;
    private final TargetHealth health;
    private final Supplier<Optional<FunctionInvoker>> functions;
    private final Supplier<Optional<InstanceWorkloads>> workloads;
    private final Map<String, Instant> lastChecked = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    HealthChecks(ElbStore store, TargetHealth health, Supplier<Optional<FunctionInvoker>> functions,
                 Supplier<Optional<InstanceWorkloads>> workloads) {
        this.store = store;
        this.health = health;
        this.functions = functions;
        this.workloads = workloads;
    }

    /** Starts the checks that are due at {@code now}. */
    void tick(Instant now) {
        for (TargetGroup tg : store.allTargetGroups()) {
            HealthCheck check = tg.healthCheck();
            if (!check.enabled() || store.loadBalancersOf(tg.arn()).isEmpty()) {
                continue;
            }
            Instant last = lastChecked.get(tg.arn());
            if (last != null && now.isBefore(last.plusSeconds(check.intervalSeconds()))) {
                continue;
            }
            lastChecked.put(tg.arn(), now);
            for (Registration r : store.registrations(tg.arn())) {
                if (r.drainingUntil() == null) {
                    check(tg, r).thenAccept(outcome -> {
                        // the registration may have gone while the check ran
                        if (store.registration(tg.arn(), r.key()) != null) {
                            health.checked(r, check, outcome[0], outcome[1]);
                        }
                    });
                }
            }
        }
    }

    void forgetSchedules() {
        lastChecked.clear();
    }

    /** The failure reason and description of one check, both {@code null} when it passed. */
    private CompletableFuture<String[]> check(TargetGroup tg, Registration r) {
        HealthCheck check = tg.healthCheck();
        if (tg.targetType().equals("lambda")) {
            return lambda(tg, r);
        }
        int port = check.port() == null || check.port().equals("traffic-port") ? r.port() : Integer.parseInt(check.port());
        InetSocketAddress address = tg.targetType().equals("ip") ? new InetSocketAddress(r.targetId(), port)
                : workloads.get().flatMap(w -> w.address(tg.account(), tg.region(), r.targetId(), port)).orElse(null);
        if (address == null) {
            return CompletableFuture.completedFuture(failed());
        }
        if (check.protocol() == null || !check.protocol().startsWith("HTTP")) {
            return tcp(address, check.timeoutSeconds());
        }
        String host = address.getHostString().contains(":") ? "[" + address.getHostString() + "]" : address.getHostString();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + address.getPort()
                            + (check.path() == null ? "/" : check.path())))
                    .timeout(Duration.ofSeconds(check.timeoutSeconds())).header("User-Agent", "ELB-HealthChecker/2.0")
                    .GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(failed());
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                return cause instanceof HttpTimeoutException
                        ? new String[] {"Target.Timeout", "Request timed out"} : failed();
            }
            return check.matches(response.statusCode()) ? new String[] {null, null}
                    : new String[] {"Target.ResponseCodeMismatch",
                    "Health checks failed with these codes: [" + response.statusCode() + "]"};
        });
    }

    private static String[] failed() {
        return new String[] {"Target.FailedHealthChecks", "Health checks failed"};
    }

    private static CompletableFuture<String[]> tcp(InetSocketAddress address, int timeoutSeconds) {
        CompletableFuture<String[]> outcome = new CompletableFuture<>();
        try {
            AsynchronousSocketChannel channel = AsynchronousSocketChannel.open();
            channel.connect(address, null, new CompletionHandler<Void, Void>() {
                @Override
                public void completed(Void v, Void a) {
                    close(channel);
                    outcome.complete(new String[] {null, null});
                }

                @Override
                public void failed(Throwable e, Void a) {
                    close(channel);
                    outcome.complete(HealthChecks.failed());
                }
            });
            outcome.completeOnTimeout(new String[] {"Target.Timeout", "Request timed out"}, timeoutSeconds, TimeUnit.SECONDS)
                    .whenComplete((o, e) -> close(channel));
        } catch (java.io.IOException e) {
            outcome.complete(failed());
        }
        return outcome;
    }

    private static void close(AsynchronousSocketChannel channel) {
        try {
            channel.close();
        } catch (java.io.IOException e) {
            // already closed
        }
    }

    private CompletableFuture<String[]> lambda(TargetGroup tg, Registration r) {
        Optional<FunctionInvoker> invoker = functions.get();
        if (invoker.isEmpty()) {
            return CompletableFuture.completedFuture(failed());
        }
        return LambdaTargets.invoke(invoker.get(), r.targetId(), tg, LambdaTargets.healthCheckEvent(tg))
                .toCompletableFuture()
                .completeOnTimeout(null, tg.healthCheck().timeoutSeconds(), TimeUnit.SECONDS)
                .handle((result, failure) -> {
                    if (failure != null) {
                        return failed();
                    }
                    if (result == null) {
                        return new String[] {"Target.Timeout", "Request timed out"};
                    }
                    int status = LambdaTargets.status(result);
                    if (status == 0) {
                        return new String[] {"Target.FailedHealthChecks", "The Lambda function failed"};
                    }
                    return tg.healthCheck().matcher() == null || tg.healthCheck().matches(status) ? new String[] {null, null}
                            : new String[] {"Target.ResponseCodeMismatch", "Health checks failed with these codes: [" + status + "]"};
                });
    }
}
