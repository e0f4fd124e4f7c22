package dev.gureum.autoscaling;

import dev.gureum.autoscaling.domain.AutoScaling;
import dev.gureum.autoscaling.domain.AutoScalingRecords;
import dev.gureum.autoscaling.domain.AutoScalingStore;
import dev.gureum.autoscaling.domain.GroupMetrics;
import dev.gureum.core.spi.MetricSink;
import dev.gureum.autoscaling.domain.ScalingPolicies;
import dev.gureum.autoscaling.domain.ScalingPolicyRecords;
import dev.gureum.autoscaling.domain.ScheduledActions;
import dev.gureum.autoscaling.protocol.AutoScalingService;
import dev.gureum.autoscaling.protocol.PolicyOperations;
import dev.gureum.autoscaling.protocol.ScheduledActionOperations;
import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.http.HostRoutes;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.core.spi.MetricAlarms;
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
        Ec2Fleet fleet = new Ec2Fleet(() -> registry);
        AutoScaling domain = new AutoScaling(store, context.clock(), fleet);
        domain.loadBalancing(new ElbTargets(() -> registry));
        domain.notifier(new Deliveries(context.crossService()));
        AutoScalingService service = new AutoScalingService(domain);
        service.enforce(context, dev.gureum.autoscaling.protocol.AutoScalingAccess.rules(store, fleet,
                () -> context.crossService().find(dev.gureum.core.spi.IamRoles.class)));
        domain.journal(context.persistence().open(new AutoScalingRecords(store, ScalingPolicyRecords.TYPES)));
        Timers.Timer ticks = context.timers().every(TICK, now -> domain.tick());
        service.onClose(ticks::cancel);
        context.crossService().find(MetricSink.class).ifPresent(sink -> sink.sampleEveryMinute(
                () -> GroupMetrics.publish(store, sink, context.clock().instant())));
        installPolicies(context, domain, service);
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

    /** Scaling policies (run by CloudWatch alarms) and scheduled actions (run on the server clock). */
    private static void installPolicies(EmulatorContext context, AutoScaling domain, AutoScalingService service) {
        ScalingPolicies policies = new ScalingPolicies(domain,
                () -> context.crossService().find(MetricAlarms.class).orElse(null));
        new PolicyOperations(service, policies).register();
        service.scalingPolicies(new dev.gureum.core.spi.ScalingPolicies() {
            @Override
            public boolean execute(String policyArn, String alarmArn) {
                return policies.executeForAlarm(policyArn, alarmArn, Double.NaN, Double.NaN);
            }

            @Override
            public boolean execute(String policyArn, String alarmArn, double metricValue, double threshold) {
                return policies.executeForAlarm(policyArn, alarmArn, metricValue, threshold);
            }
        });
        ScheduledActions scheduled = new ScheduledActions(domain, context.timers());
        new ScheduledActionOperations(service, scheduled).register();
        scheduled.start();
        service.onClose(scheduled::stop);
    }
}
