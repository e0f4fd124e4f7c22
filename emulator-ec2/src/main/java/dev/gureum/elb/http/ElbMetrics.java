package dev.gureum.elb.http;

import dev.gureum.core.spi.MetricSink;
import dev.gureum.core.spi.MetricSink.Dimension;
import dev.gureum.core.spi.MetricSink.MetricDatum;
import dev.gureum.elb.domain.ElbStore;
import dev.gureum.elb.domain.LoadBalancer;
import dev.gureum.elb.domain.Registration;
import dev.gureum.elb.domain.TargetGroup;
import dev.gureum.elb.domain.TargetHealth;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The metrics AWS publishes for load balancers ({@code AWS/ApplicationELB}, {@code AWS/NetworkELB}), with
 * the dimensions in AWS's form: {@code LoadBalancer=app/my-alb/50dc6c495c0c9188} and
 * {@code TargetGroup=targetgroup/my-targets/73e2d6bc24d8a067}.
 */
final class ElbMetrics {

    private final Supplier<MetricSink> sink;
    private final Clock clock;
    /** The dimensions of a load balancer's metrics, and of a target group's through it, by ARN. */
    private final Map<String, List<Dimension>> loadBalancerDimensions = new ConcurrentHashMap<>();
    private final Map<GroupOf, List<Dimension>> groupDimensions = new ConcurrentHashMap<>();

    /** {@code HTTPCode_Target_2XX_Count}... by status class, built once: the series are found by their names. */
    private static final String[] TARGET_CODES = codes("HTTPCode_Target_", "XX_Count");
    private static final String[] ELB_CODES = codes("HTTPCode_ELB_", "XX_Count");

    private static String[] codes(String prefix, String suffix) {
        String[] names = new String[10];
        for (int i = 0; i < names.length; i++) {
            names[i] = prefix + i + suffix;
        }
        return names;
    }

    private record GroupOf(String targetGroupArn, String loadBalancerArn) {
    }

    ElbMetrics(Supplier<MetricSink> sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    private static String namespace(LoadBalancer lb) {
        return lb.application() ? "AWS/ApplicationELB" : "AWS/NetworkELB";
    }

    private void put(LoadBalancer lb, TargetGroup tg, String name, double value, String unit) {
        MetricSink s = sink.get();
        if (s == null) {
            return;
        }
        List<Dimension> load = loadBalancerDimensions.computeIfAbsent(lb.arn(),
                arn -> List.of(new Dimension("LoadBalancer", lb.fullName())));
        java.time.Instant now = clock.instant();
        s.put(new MetricDatum(lb.account(), lb.region(), namespace(lb), name, load, value, unit, now));
        if (tg != null) {
            List<Dimension> group = groupDimensions.computeIfAbsent(new GroupOf(tg.arn(), lb.arn()),
                    k -> List.of(new Dimension("TargetGroup", tg.fullName()), load.get(0)));
            s.put(new MetricDatum(lb.account(), lb.region(), namespace(lb), name, group, value, unit, now));
        }
    }

    /**
     * One request the load balancer answered.
     *
     * @param tg            the group it went to, {@code null} when no target was involved
     * @param targetStatus  the target's status code, 0 when the target gave none
     * @param elbStatus     the load balancer's own status code (502, 503, 504...), 0 when the target answered
     * @param seconds       how long the target took, negative when no target answered
     * @param targets       how many targets the group had to share requests among
     */
    void request(LoadBalancer lb, TargetGroup tg, int targetStatus, int elbStatus, double seconds, int targets) {
        if (!lb.application() || sink.get() == null) {
            return;
        }
        put(lb, null, "RequestCount", 1, "Count");
        if (tg != null) {
            put(lb, tg, "RequestCountPerTarget", 1.0 / Math.max(1, targets), "Count");
        }
        if (targetStatus > 0) {
            put(lb, tg, targetStatus < 1000 ? TARGET_CODES[targetStatus / 100]
                    : "HTTPCode_Target_" + (targetStatus / 100) + "XX_Count", 1, "Count");
        }
        if (seconds >= 0) {
            put(lb, tg, "TargetResponseTime", seconds, "Seconds");
        }
        // AWS counts the load balancer's own answers from 3XX (redirects) up
        if (elbStatus >= 300) {
            put(lb, null, elbStatus < 1000 ? ELB_CODES[elbStatus / 100]
                    : "HTTPCode_ELB_" + (elbStatus / 100) + "XX_Count", 1, "Count");
            if (elbStatus >= 500 && elbStatus <= 504) {
                put(lb, null, "HTTPCode_ELB_" + elbStatus + "_Count", 1, "Count");
            }
        }
    }

    /** One more of a count of the load balancer's ({@code HTTP_Fixed_Response_Count}, {@code HTTP_Redirect_Count}). */
    void count(LoadBalancer lb, String name) {
        if (lb.application() && sink.get() != null) {
            put(lb, null, name, 1, "Count");
        }
    }

    /** Each minute, the healthy and unhealthy targets of every group a load balancer uses. */
    void sampleHealth(ElbStore store, TargetHealth health) {
        MetricSink s = sink.get();
        if (s == null) {
            return;
        }
        s.sampleEveryMinute(() -> {
            for (TargetGroup tg : store.allTargetGroups()) {
                for (String lbArn : store.loadBalancersOf(tg.arn())) {
                    LoadBalancer lb = store.loadBalancer(lbArn);
                    if (lb == null) {
                        continue;
                    }
                    int healthy = 0;
                    int unhealthy = 0;
                    for (Registration r : store.registrations(tg.arn())) {
                        TargetHealth.Status status = health.status(tg, r, true);
                        if (status.healthy()) {
                            healthy++;
                        } else if (status.state().equals("unhealthy")) {
                            unhealthy++;
                        }
                    }
                    put(lb, tg, "HealthyHostCount", healthy, "Count");
                    put(lb, tg, "UnHealthyHostCount", unhealthy, "Count");
                }
            }
        });
    }
}
