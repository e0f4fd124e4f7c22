package dev.gureum.elb;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.http.EdgeHandler;
import dev.gureum.core.http.HostRoutes;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.http.Responses;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.core.spi.FunctionInvoker;
import dev.gureum.core.spi.InstanceWorkloads;
import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.time.Timers;
import dev.gureum.elb.domain.ElbRecords;
import dev.gureum.elb.domain.ElbStore;
import dev.gureum.elb.domain.LoadBalancers;
import dev.gureum.elb.domain.TargetGroups;
import dev.gureum.elb.domain.TargetHealth;
import dev.gureum.elb.http.ElbRuntime;
import dev.gureum.elb.protocol.ElbService;

import java.time.Duration;
import java.util.Set;

/**
 * Elastic Load Balancing v2 (signing name {@code elasticloadbalancing}, query protocol, 2015-12-01): the API,
 * and the load balancers' data plane on Gureum's port (by host name) and on each listener's own port.
 * It sits beside EC2 because its load balancers live in EC2's subnets and security groups.
 */
public final class ElbModule implements ServiceModule {

    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("elb",
            Set.of("elasticloadbalancing"), Protocol.QUERY, null, "2015-12-01",
            "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/", false)
            .with(Set.of(), ServiceRoutes.builder().hostLabels("elasticloadbalancing").build());

    /** How long a new load balancer stays {@code provisioning} (server-clock seconds; a decimal number). */
    public static final String PROVISIONING_SECONDS = "elb.provisioning-seconds";
    static final Duration DEFAULT_PROVISIONING = Duration.ofSeconds(3);
    /** How often due health checks and drained targets are looked for. */
    static final Duration TICK = Duration.ofSeconds(5);

    private volatile ServiceRegistry registry;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        ElbStore store = new ElbStore();
        TargetHealth health = new TargetHealth();
        Ec2Network network = new Ec2Network(() -> registry);
        String provisioning = context.config().setting(PROVISIONING_SECONDS);
        Duration provisionTime = provisioning == null ? DEFAULT_PROVISIONING
                : Duration.ofMillis(Math.round(Double.parseDouble(provisioning) * 1000));
        ElbRuntime runtime = new ElbRuntime(store, health, context.clock(),
                () -> context.crossService().find(FunctionInvoker.class),
                () -> context.crossService().find(InstanceWorkloads.class),
                () -> context.crossService().find(MetricSink.class),
                context.config().dataDir().resolve("elb").resolve("certificates"));
        ElbService service = new ElbService(store, context.clock(), health,
                new LoadBalancers(store, context.clock(), network, provisionTime),
                new TargetGroups(store, context.clock(), network), runtime);
        service.journal(context.persistence().open(new ElbRecords(store, health::clear)));
        service.enforce(context, dev.gureum.elb.protocol.ElbAccess.rules());
        runtime.changed();
        Timers.Timer ticks = context.timers().every(TICK, now -> {
            runtime.tick(now);
            service.removeDrained();
        });
        service.onClose(() -> {
            ticks.cancel();
            runtime.close();
        });
        return service;
    }

    @Override
    public void installHostRoutes(HostRoutes routes, ServiceRegistry registry) {
        this.registry = registry;
        routes.add(ElbRuntime.HOST_SUFFIX, exchange -> {
            // never build the service on an IO thread: one not built yet has no load balancers to answer for
            ElbRuntime runtime = runtime(registry, false);
            if (runtime == null) {
                exchange.setStatusCode(404);
                exchange.endExchange();
                return;
            }
            String host = exchange.getHostName().toLowerCase(java.util.Locale.ROOT);
            runtime.serveByHost(exchange, host);
        });
    }

    @Override
    public void installInternalRoutes(InternalRoutes routes, ServiceRegistry registry) {
        this.registry = registry;
        routes.get("/_gureum/elb", EdgeHandler.guarded(exchange -> {
            ElbRuntime runtime = runtime(registry, true);
            if (runtime == null) {
                Responses.json(exchange, 404, "{\"error\":\"Elastic Load Balancing is not enabled\"}");
                return;
            }
            runtime.describe(exchange);
        }));
    }

    private static ElbRuntime runtime(ServiceRegistry registry, boolean build) {
        AwsService service = build ? registry.get(DESCRIPTOR.name()) : registry.peek(DESCRIPTOR.name());
        return service instanceof ElbService elb && elb.topology() instanceof ElbRuntime runtime ? runtime : null;
    }
}
