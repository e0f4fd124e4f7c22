package dev.gureum.autoscaling;

import dev.gureum.autoscaling.domain.AutoScaling;
import dev.gureum.autoscaling.domain.AutoScalingRecords;
import dev.gureum.autoscaling.domain.AutoScalingStore;
import dev.gureum.autoscaling.domain.GroupMetrics;
import dev.gureum.core.spi.MetricSink;
import dev.gureum.autoscaling.protocol.AutoScalingService;
import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.http.HostRoutes;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.core.time.Timers;

import java.time.Duration;
import java.util.Set;

/**
 * EC2 Auto Scaling (signing name {@code autoscaling}, query protocol, 2011-01-01). Its groups launch and terminate
 * EC2 instances in process, so it sits beside EC2.
 */
public final class AutoScalingModule implements ServiceModule {

    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("autoscaling", Set.of("autoscaling"),
            Protocol.QUERY, null, "2011-01-01", "http://autoscaling.amazonaws.com/doc/2011-01-01/", false)
            .with(Set.of(), ServiceRoutes.builder().hostLabels("autoscaling").build());

    /** How often groups look at their instances' health and their capacity, as AWS's health checks do. */
    static final Duration TICK = Duration.ofSeconds(10);

    private volatile ServiceRegistry registry;

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        AutoScalingStore store = new AutoScalingStore();
        AutoScaling domain = new AutoScaling(store, context.clock(), new Ec2Fleet(() -> registry));
        domain.loadBalancing(new ElbTargets(() -> registry));
        domain.notifier(new Deliveries(context.crossService()));
        AutoScalingService service = new AutoScalingService(domain);
        domain.journal(context.persistence().open(new AutoScalingRecords(store)));
        Timers.Timer ticks = context.timers().every(TICK, now -> domain.tick());
        service.onClose(ticks::cancel);
        context.crossService().find(MetricSink.class).ifPresent(sink -> sink.sampleEveryMinute(
                () -> GroupMetrics.publish(store, sink, context.clock().instant())));
        return service;
    }

    @Override
    public void installHostRoutes(HostRoutes routes, ServiceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void installInternalRoutes(InternalRoutes routes, ServiceRegistry registry) {
        this.registry = registry;
    }
}
