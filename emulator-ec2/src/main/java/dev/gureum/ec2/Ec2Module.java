package dev.gureum.ec2;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.ec2.domain.Ec2Settings;
import dev.gureum.ec2.domain.Ec2State;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.http.Ec2Endpoints;
import dev.gureum.ec2.protocol.Ec2Service;

import java.time.Duration;

/**
 * EC2: a simulated data center behind the EC2 API. Settings come from the server configuration
 * ({@code ec2.boot-seconds}, {@code ec2.hosts-per-family}) unless the module was built with its own.
 */
public final class Ec2Module implements ServiceModule {

    /** EC2 takes the query calls whose action no other service claims. */
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("ec2", java.util.Set.of("ec2"),
            Protocol.EC2, null, "2016-11-15", "http://ec2.amazonaws.com/doc/2016-11-15/", false)
            .with(java.util.Set.of(), ServiceRoutes.builder().hostLabels("ec2").actionFallback().build());


    /** Whether running instances run their user data scripts here ({@code --ec2-run-user-data}). */
    public static final String RUN_USER_DATA = "ec2.run-user-data";

    private final Ec2Settings settings;

    public Ec2Module() {
        this(null);
    }

    /** A module with fixed settings, whatever the server configuration says (tests). */
    public Ec2Module(Ec2Settings settings) {
        this.settings = settings;
    }

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        Ec2World world = new Ec2World(context.clock(), settingsOf(context));
        world.iamRoles(() -> context.crossService().find(dev.gureum.core.spi.IamRoles.class));
        Ec2State state = new Ec2State(world);
        world.keep(state, context.persistence().open(state));
        dev.gureum.ec2.workload.UserDataWorkloads workloads = new dev.gureum.ec2.workload.UserDataWorkloads(world,
                context.timers(), Boolean.parseBoolean(context.config().setting(RUN_USER_DATA)));
        Ec2Service service = new Ec2Service(world, dev.gureum.ec2.domain.InstanceMetrics.start(context.crossService()
                .find(dev.gureum.core.spi.MetricSink.class).orElse(null), context.timers(), world,
                workloads.enabled() ? workloads : null),
                new dev.gureum.ec2.domain.InstanceMetadataService(world, context.accessKeys()), workloads);
        service.enforce(context, dev.gureum.ec2.protocol.Ec2Access.rules(world));
        return service;
    }

    Ec2Settings settingsOf(EmulatorContext context) {
        if (settings != null) {
            return settings;
        }
        Ec2Settings s = Ec2Settings.DEFAULTS;
        String boot = context.config().setting(Ec2Settings.BOOT_SECONDS);
        if (boot != null) {
            s = s.withBootTime(Duration.ofMillis(Math.round(Double.parseDouble(boot) * 1000)));
        }
        String hosts = context.config().setting(Ec2Settings.HOSTS_PER_FAMILY);
        if (hosts != null) {
            s = s.withHostsPerFamily(Integer.parseInt(hosts));
        }
        return s;
    }

    @Override
    public void installInternalRoutes(InternalRoutes routes, ServiceRegistry registry) {
        Ec2Endpoints.install(routes, () -> {
            AwsService service = registry.get(descriptor().name());
            return service instanceof Ec2Service ec2 ? ec2.world() : null;
        });
        dev.gureum.ec2.http.InstanceMetadataEndpoint.install(routes, () -> {
            AwsService service = registry.get(descriptor().name());
            return service instanceof Ec2Service ec2 ? ec2.metadata() : null;
        });
    }
}
