package dev.gureum.autoscaling.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.MetricAlarms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Scaling policies: {@code PutScalingPolicy}, {@code DeletePolicy}, {@code ExecutePolicy}, and the runs CloudWatch
 * alarms ask for. Target tracking policies get the two alarms AWS creates for them. Capacity changes go through
 * {@link AutoScaling#changeDesiredCapacity}, so the group's minimum and maximum hold.
 */
public final class ScalingPolicies {

    private static final Set<String> ADJUSTMENT_TYPES = Set.of(ScalingPolicy.CHANGE_IN_CAPACITY,
            ScalingPolicy.EXACT_CAPACITY, ScalingPolicy.PERCENT_CHANGE_IN_CAPACITY);

    private final AutoScaling domain;
    private final Supplier<MetricAlarms> alarms;

    /** @param alarms CloudWatch's alarms, or {@code null} while CloudWatch is not running */
    public ScalingPolicies(AutoScaling domain, Supplier<MetricAlarms> alarms) {
        this.domain = domain;
        this.alarms = alarms;
        domain.onGroupDeleted((group, changes) -> {
            List<String> names = new ArrayList<>();
            for (ScalingPolicy p : of(group.account(), group.region(), group.name())) {
                changes.add(new AutoScalingStore.ExtensionRemoved(p.key()));
                p.alarms().forEach(a -> names.add(a.name()));
            }
            String cooldown = PolicyCooldown.key(group.account(), group.region(), group.name());
            if (cooldown(cooldown) != null) {
                changes.add(new AutoScalingStore.ExtensionRemoved(cooldown));
            }
            deleteAlarms(group.account(), group.region(), names);
        });
    }

    /** The group's policies, by name. */
    public List<ScalingPolicy> of(String account, String region, String groupName) {
        return all(account, region).stream().filter(p -> p.groupName().equals(groupName)).toList();
    }

    /** The account's policies in the region, by group and name. */
    public List<ScalingPolicy> all(String account, String region) {
        return domain.store().extensions(ScalingPolicy.class).stream()
                .filter(p -> p.account().equals(account) && p.region().equals(region))
                .sorted(Comparator.comparing(ScalingPolicy::groupName).thenComparing(ScalingPolicy::name)).toList();
    }

    /** A policy by its name or ARN, in the group when one is given. */
    public Optional<ScalingPolicy> find(String account, String region, String groupName, String nameOrArn) {
        return all(account, region).stream()
                .filter(p -> groupName == null || p.groupName().equals(groupName))
                .filter(p -> p.name().equals(nameOrArn) || p.arn().equals(nameOrArn)).findFirst();
    }

    /**
     * {@code PutScalingPolicy}: creates the policy, or replaces the one of that name keeping its ARN. {@code spec}
     * is the policy as asked for (its ARN, alarms and creation time are ignored).
     */
    public ScalingPolicy put(String account, String region, ScalingPolicy spec) {
        ScalingPolicy checked = check(spec);
        AutoScaling.Written<ScalingPolicy[]> written = domain.write(changes -> {
            AutoScalingGroup g = domain.groups().get(account, region, spec.groupName());
            ScalingPolicy existing = (ScalingPolicy) domain.store().extension(
                    ScalingPolicy.key(account, region, g.name(), spec.name()));
            if (existing == null && of(account, region, g.name()).size() >= 50) {
                throw new AutoScalingRefusal(AutoScalingRefusal.Reason.LIMIT_EXCEEDED,
                        "You have reached the maximum number of scaling policies (50) for this group.");
            }
            String arn = existing != null ? existing.arn() : Arn.of("autoscaling", region, account, "scalingPolicy:"
                    + UUID.randomUUID() + ":autoScalingGroupName/" + g.name() + ":policyName/" + spec.name()).toString();
            List<ScalingPolicy.PolicyAlarm> policyAlarms = List.of();
            if (checked.type().equals(ScalingPolicy.TARGET_TRACKING)) {
                int count = checked.targetTracking().disableScaleIn() ? 1 : 2;
                policyAlarms = existing != null && existing.alarms().size() == count ? existing.alarms()
                        : TargetTrackingAlarms.names(account, region, g.name(), count == 1);
            }
            ScalingPolicy policy = new ScalingPolicy(arn, account, region, g.name(), spec.name(), checked.type(),
                    checked.adjustmentType(), checked.minAdjustmentMagnitude(), checked.scalingAdjustment(),
                    checked.cooldown(), checked.metricAggregationType(), checked.steps(),
                    checked.estimatedInstanceWarmup(), checked.targetTracking(), checked.enabled(), policyAlarms,
                    existing != null ? existing.created() : domain.now());
            changes.add(policy);
            return new ScalingPolicy[]{existing, policy};
        });
        written.durable().toCompletableFuture().join();
        ScalingPolicy existing = written.value()[0];
        ScalingPolicy policy = written.value()[1];
        if (existing != null && !existing.alarms().equals(policy.alarms())) {
            deleteAlarms(account, region, existing.alarms().stream().map(ScalingPolicy.PolicyAlarm::name).toList());
        }
        if (!policy.alarms().isEmpty()) {
            MetricAlarms cloudWatch = alarms.get();
            if (cloudWatch != null) {
                TargetTrackingAlarms.of(policy).forEach(cloudWatch::put);
            }
        }
        return policy;
    }

    private static ScalingPolicy check(ScalingPolicy p) {
        String type = p.type() == null ? ScalingPolicy.SIMPLE : p.type();
        switch (type) {
            case ScalingPolicy.SIMPLE -> {
                requireAdjustmentType(p);
                if (p.scalingAdjustment() == null) {
                    throw AutoScalingRefusal.validation("ScalingAdjustment is required for a simple scaling policy.");
                }
                if (!p.steps().isEmpty() || p.targetTracking() != null) {
                    throw AutoScalingRefusal.validation("StepAdjustments and TargetTrackingConfiguration are not "
                            + "supported for policy type SimpleScaling.");
                }
            }
            case ScalingPolicy.STEP -> {
                requireAdjustmentType(p);
                if (p.scalingAdjustment() != null || p.cooldown() != null) {
                    throw AutoScalingRefusal.validation("ScalingAdjustment and Cooldown are not supported for policy "
                            + "type StepScaling.");
                }
                String problem = ScalingAdjustments.checkSteps(p.steps());
                if (problem != null) {
                    throw AutoScalingRefusal.validation(problem);
                }
                String aggregation = p.metricAggregationType();
                if (aggregation != null && !Set.of("Minimum", "Maximum", "Average").contains(aggregation)) {
                    throw AutoScalingRefusal.validation("Invalid metric aggregation type: " + aggregation);
                }
            }
            case ScalingPolicy.TARGET_TRACKING -> {
                if (p.targetTracking() == null) {
                    throw AutoScalingRefusal.validation("TargetTrackingConfiguration is required for policy type "
                            + "TargetTrackingScaling.");
                }
                if (p.adjustmentType() != null || p.scalingAdjustment() != null || p.cooldown() != null
                        || !p.steps().isEmpty()) {
                    throw AutoScalingRefusal.validation("AdjustmentType, ScalingAdjustment, Cooldown and "
                            + "StepAdjustments are not supported for policy type TargetTrackingScaling.");
                }
                TargetTrackingAlarms.check(p.targetTracking());
            }
            case ScalingPolicy.PREDICTIVE -> throw AutoScalingRefusal.validation(
                    "Gureum does not support predictive scaling policies.");
            default -> throw AutoScalingRefusal.validation("Invalid policy type: " + type
                    + ". Valid values are SimpleScaling, StepScaling, TargetTrackingScaling, PredictiveScaling.");
        }
        if (p.minAdjustmentMagnitude() != null && !ScalingPolicy.PERCENT_CHANGE_IN_CAPACITY.equals(p.adjustmentType())) {
            throw AutoScalingRefusal.validation("MinAdjustmentMagnitude is only supported with adjustment type "
                    + "PercentChangeInCapacity.");
        }
        return new ScalingPolicy(null, p.account(), p.region(), p.groupName(), p.name(), type, p.adjustmentType(),
                p.minAdjustmentMagnitude(), p.scalingAdjustment(), p.cooldown(), p.metricAggregationType(), p.steps(),
                p.estimatedInstanceWarmup(), p.targetTracking(), p.enabled(), List.of(), null);
    }

    private static void requireAdjustmentType(ScalingPolicy p) {
        if (p.adjustmentType() == null) {
            throw AutoScalingRefusal.validation("AdjustmentType is required for policy type " + p.type() + ".");
        }
        if (!ADJUSTMENT_TYPES.contains(p.adjustmentType())) {
            throw AutoScalingRefusal.validation("Invalid adjustment type: " + p.adjustmentType()
                    + ". Valid values are ChangeInCapacity, ExactCapacity, PercentChangeInCapacity.");
        }
    }

    /** {@code DeletePolicy}, with the alarms of a target tracking policy. */
    public void delete(String account, String region, String groupName, String nameOrArn) {
        AutoScaling.Written<ScalingPolicy> written = domain.write(changes -> {
            if (groupName != null) {
                domain.groups().get(account, region, groupName);
            }
            ScalingPolicy p = find(account, region, groupName, nameOrArn).orElseThrow(() ->
                    AutoScalingRefusal.validation("Policy " + nameOrArn + " not found"));
            changes.add(new AutoScalingStore.ExtensionRemoved(p.key()));
            return p;
        });
        written.durable().toCompletableFuture().join();
        deleteAlarms(account, region, written.value().alarms().stream().map(ScalingPolicy.PolicyAlarm::name).toList());
    }

    private void deleteAlarms(String account, String region, List<String> names) {
        MetricAlarms cloudWatch = alarms.get();
        if (cloudWatch != null && !names.isEmpty()) {
            cloudWatch.delete(account, region, names);
        }
    }

    /** {@code ExecutePolicy}: a user runs a simple or step policy. */
    public List<Activity> executeByUser(String account, String region, String groupName, String nameOrArn,
                                        boolean honorCooldown, Double metricValue, Double breachThreshold) {
        ScalingPolicy p = find(account, region, groupName, nameOrArn).orElseThrow(() ->
                AutoScalingRefusal.validation("Policy " + nameOrArn + " not found"));
        if (p.type().equals(ScalingPolicy.TARGET_TRACKING)) {
            throw AutoScalingRefusal.validation("ExecutePolicy is not supported for a target tracking scaling policy.");
        }
        if (p.type().equals(ScalingPolicy.STEP) && (metricValue == null || breachThreshold == null)) {
            throw AutoScalingRefusal.validation("MetricValue and BreachThreshold are required for a step scaling policy.");
        }
        String cause = domain.at() + "a user request executed policy " + p.name();
        return run(p, cause, honorCooldown, metricValue == null ? Double.NaN : metricValue,
                breachThreshold == null ? Double.NaN : breachThreshold, null);
    }

    /** A CloudWatch alarm runs the policy of this ARN; {@code false} when there is none. */
    public boolean executeForAlarm(String policyArn, String alarmArn, double metricValue, double threshold) {
        Arn arn;
        try {
            arn = Arn.parse(policyArn);
        } catch (RuntimeException e) {
            return false;
        }
        Optional<ScalingPolicy> found = domain.store().extensions(ScalingPolicy.class).stream()
                .filter(p -> p.arn().equals(policyArn) && p.account().equals(arn.accountId())).findFirst();
        if (found.isEmpty()) {
            return false;
        }
        ScalingPolicy p = found.get();
        if (!p.enabled()) {
            return true;
        }
        String alarmName = alarmName(alarmArn);
        String cause = domain.at() + "a monitor alarm " + alarmName + " in state ALARM triggered policy " + p.name();
        try {
            run(p, cause, true, metricValue, threshold, alarmName);
        } catch (AutoScalingRefusal cooling) {
            // in its cooldown or warm-up the group lets the alarm pass, as AWS does
        }
        return true;
    }

    private static String alarmName(String alarmArn) {
        try {
            String resource = Arn.parse(alarmArn).resource();
            return resource.startsWith("alarm:") ? resource.substring("alarm:".length()) : resource;
        } catch (RuntimeException e) {
            return alarmArn;
        }
    }

    private List<Activity> run(ScalingPolicy p, String cause, boolean honorCooldown, double value, double threshold,
                               String alarmName) {
        GroupState state = domain.group(p.account(), p.region(), p.groupName()).orElseThrow(() ->
                AutoScalingRefusal.validation("AutoScalingGroup name not found - AutoScalingGroup " + p.groupName()
                        + " not found"));
        int desired = state.desiredCapacity();
        int target;
        switch (p.type()) {
            case ScalingPolicy.SIMPLE -> {
                if (honorCooldown && inCooldown(p, state)) {
                    throw new AutoScalingRefusal(AutoScalingRefusal.Reason.SCALING_ACTIVITY_IN_PROGRESS,
                            "Scaling activity is in progress or the group is in its cooldown period; it cannot be "
                                    + "scaled now.");
                }
                target = ScalingAdjustments.apply(p.adjustmentType(), p.scalingAdjustment(), desired,
                        p.minAdjustmentMagnitude());
            }
            case ScalingPolicy.STEP -> {
                ScalingPolicy.Step step = ScalingAdjustments.step(p.steps(), value, threshold);
                if (step == null) {
                    return List.of();
                }
                // instances still warming up do not count: a larger breach adds only what its step adds beyond them
                int warming = warming(p, state);
                int base = step.scalingAdjustment() > 0 ? desired - warming : desired;
                target = ScalingAdjustments.apply(p.adjustmentType(), step.scalingAdjustment(), base,
                        p.minAdjustmentMagnitude());
                if (step.scalingAdjustment() > 0 && target <= desired
                        || step.scalingAdjustment() < 0 && warming > 0) {
                    return List.of();
                }
            }
            default -> {
                ScalingPolicy.TargetTracking t = p.targetTracking();
                boolean low = alarmName != null && p.alarms().size() == 2
                        && p.alarms().get(1).name().equals(alarmName);
                if (Double.isNaN(value) || low && t.disableScaleIn()) {
                    return List.of();
                }
                // the metric is the group's average: the capacity that brings it to the target; no scale-in while
                // new instances warm up
                int computed = ScalingAdjustments.targetTracking(desired, value, t.targetValue());
                if (low) {
                    if (warming(p, state) > 0 || computed >= desired) {
                        return List.of();
                    }
                    target = computed;
                } else {
                    if (computed <= desired) {
                        return List.of();
                    }
                    target = computed;
                }
            }
        }
        int bounded = Math.max(state.minSize(), Math.min(state.maxSize(), target));
        if (bounded == desired) {
            return List.of();
        }
        AutoScaling.Written<List<Activity>> written = domain.changeDesiredCapacity(p.account(), p.region(),
                p.groupName(), bounded, cause, false);
        written.durable().toCompletableFuture().join();
        if (p.type().equals(ScalingPolicy.SIMPLE)) {
            int seconds = p.cooldown() != null ? p.cooldown() : state.defaultCooldown();
            Instant until = domain.now().plusSeconds(seconds);
            domain.write(changes -> {
                changes.add(new PolicyCooldown(p.account(), p.region(), p.groupName(), until));
                return null;
            }).durable().toCompletableFuture().join();
        }
        return written.value();
    }

    private boolean inCooldown(ScalingPolicy p, GroupState state) {
        Instant now = domain.now();
        PolicyCooldown policyEnd = cooldown(PolicyCooldown.key(p.account(), p.region(), p.groupName()));
        if (policyEnd != null && now.isBefore(policyEnd.until())) {
            return true;
        }
        Instant groupEnd = state.group().cooldownUntil();
        return p.cooldown() == null && groupEnd != null && now.isBefore(groupEnd);
    }

    private PolicyCooldown cooldown(String key) {
        return domain.store().extension(key) instanceof PolicyCooldown c ? c : null;
    }

    /** Instances launched less than the warm-up ago (the policy's, else the group's, else its default cooldown). */
    private int warming(ScalingPolicy p, GroupState state) {
        int seconds = p.estimatedInstanceWarmup() != null ? p.estimatedInstanceWarmup()
                : state.group().defaultInstanceWarmup() != null ? state.group().defaultInstanceWarmup()
                : state.defaultCooldown();
        Instant since = domain.now().minusSeconds(seconds);
        return (int) state.instances().stream().filter(i -> i.counted() && !i.leaving())
                .filter(i -> i.lifecycleState().startsWith(GroupInstance.PENDING) || i.launchedAt().isAfter(since))
                .count();
    }
}
