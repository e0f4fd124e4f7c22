package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.ScalingPolicies;
import dev.gureum.autoscaling.domain.ScalingPolicy;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.util.ArrayList;
import java.util.List;

import static dev.gureum.autoscaling.protocol.AutoScalingService.account;
import static dev.gureum.autoscaling.protocol.AutoScalingService.region;

/** Scaling policies: put, describe, delete, execute. */
public final class PolicyOperations {

    private final AutoScalingService service;
    private final ScalingPolicies policies;

    public PolicyOperations(AutoScalingService service, ScalingPolicies policies) {
        this.service = service;
        this.policies = policies;
    }

    public void register() {
        service.operation("PutScalingPolicy", this::put);
        service.operation("DescribePolicies", this::describe);
        service.operation("DeletePolicy", this::delete);
        service.operation("ExecutePolicy", this::execute);
    }

    private Object put(ActionRequest r) {
        Params p = r.params();
        ScalingPolicy spec = new ScalingPolicy(null, account(r), region(r), p.requireString("AutoScalingGroupName"),
                p.requireString("PolicyName"), p.string("PolicyType"), p.string("AdjustmentType"),
                p.integer("MinAdjustmentMagnitude") != null ? p.integer("MinAdjustmentMagnitude")
                        : p.integer("MinAdjustmentStep"),
                p.integer("ScalingAdjustment"), p.integer("Cooldown"), p.string("MetricAggregationType"), steps(p),
                p.integer("EstimatedInstanceWarmup"), targetTracking(p.object("TargetTrackingConfiguration")),
                p.bool("Enabled", true), List.of(), null);
        ScalingPolicy policy = policies.put(account(r), region(r), spec);
        return Struct.of().put("PolicyARN", policy.arn()).list("Alarms", policy.alarms(), PolicyOperations::alarm);
    }

    private static List<ScalingPolicy.Step> steps(Params p) {
        List<ScalingPolicy.Step> steps = new ArrayList<>();
        for (Params s : p.list("StepAdjustments")) {
            Integer adjustment = s.integer("ScalingAdjustment");
            if (adjustment == null) {
                throw new dev.gureum.core.error.AwsException(AutoScalingError.VALIDATION_ERROR,
                        "1 validation error detected: Value null at 'stepAdjustments.member.scalingAdjustment' "
                                + "failed to satisfy constraint: Member must not be null");
            }
            steps.add(new ScalingPolicy.Step(s.doubleValue("MetricIntervalLowerBound"),
                    s.doubleValue("MetricIntervalUpperBound"), adjustment));
        }
        return steps;
    }

    private static List<ScalingPolicy.Dimension> dimensions(Params p) {
        List<ScalingPolicy.Dimension> dimensions = new ArrayList<>();
        for (Params d : p.list("Dimensions")) {
            dimensions.add(new ScalingPolicy.Dimension(d.requireString("Name"), d.requireString("Value")));
        }
        return dimensions;
    }

    private static ScalingPolicy.TargetTracking targetTracking(Params t) {
        if (!t.isPresent()) {
            return null;
        }
        Double target = t.doubleValue("TargetValue");
        if (target == null) {
            throw new dev.gureum.core.error.AwsException(AutoScalingError.VALIDATION_ERROR,
                    "1 validation error detected: Value null at 'targetTrackingConfiguration.targetValue' failed to "
                            + "satisfy constraint: Member must not be null");
        }
        Params predefined = t.object("PredefinedMetricSpecification");
        Params custom = t.object("CustomizedMetricSpecification");
        ScalingPolicy.CustomizedMetric customized = null;
        if (custom.isPresent()) {
            List<ScalingPolicy.MetricQuery> queries = new ArrayList<>();
            for (Params q : custom.list("Metrics")) {
                Params stat = q.object("MetricStat");
                Params metric = stat.object("Metric");
                queries.add(new ScalingPolicy.MetricQuery(q.requireString("Id"), q.string("Expression"),
                        metric.string("Namespace"), metric.string("MetricName"), dimensions(metric),
                        stat.string("Stat"), stat.string("Unit"), q.string("Label"), q.bool("ReturnData", true)));
            }
            customized = new ScalingPolicy.CustomizedMetric(custom.string("MetricName"), custom.string("Namespace"),
                    dimensions(custom), custom.string("Statistic"), custom.string("Unit"), custom.integer("Period"),
                    queries);
        }
        return new ScalingPolicy.TargetTracking(predefined.isPresent() ? predefined.requireString("PredefinedMetricType")
                : null, predefined.isPresent() ? predefined.string("ResourceLabel") : null, customized, target,
                t.bool("DisableScaleIn", false));
    }

    private Object describe(ActionRequest r) {
        Params p = r.params();
        String group = p.string("AutoScalingGroupName");
        List<String> names = p.stringList("PolicyNames");
        List<String> types = p.stringList("PolicyTypes");
        if (group != null) {
            service.domain().groups().get(account(r), region(r), group);
        }
        List<ScalingPolicy> found = policies.all(account(r), region(r)).stream()
                .filter(x -> group == null || x.groupName().equals(group))
                .filter(x -> names.isEmpty() || names.contains(x.name()) || names.contains(x.arn()))
                .filter(x -> types.isEmpty() || types.contains(x.type())).toList();
        return AutoScalingService.page(Struct.of(), "ScalingPolicies", found, r, 50, PolicyOperations::policy);
    }

    private Object delete(ActionRequest r) {
        policies.delete(account(r), region(r), r.params().string("AutoScalingGroupName"),
                r.params().requireString("PolicyName"));
        return Struct.of();
    }

    private Object execute(ActionRequest r) {
        Params p = r.params();
        policies.executeByUser(account(r), region(r), p.string("AutoScalingGroupName"), p.requireString("PolicyName"),
                p.bool("HonorCooldown", false), p.doubleValue("MetricValue"), p.doubleValue("BreachThreshold"));
        return Struct.of();
    }

    static Struct alarm(ScalingPolicy.PolicyAlarm a) {
        return Struct.of().put("AlarmName", a.name()).put("AlarmARN", a.arn());
    }

    private static Struct dimension(ScalingPolicy.Dimension d) {
        return Struct.of().put("Name", d.name()).put("Value", d.value());
    }

    static Struct policy(ScalingPolicy p) {
        Struct s = Struct.of()
                .put("AutoScalingGroupName", p.groupName())
                .put("PolicyName", p.name())
                .put("PolicyARN", p.arn())
                .put("PolicyType", p.type())
                .put("AdjustmentType", p.adjustmentType())
                .put("MinAdjustmentMagnitude", p.minAdjustmentMagnitude())
                .put("ScalingAdjustment", p.scalingAdjustment())
                .put("Cooldown", p.cooldown());
        if (!p.steps().isEmpty()) {
            s.list("StepAdjustments", p.steps(), st -> Struct.of()
                    .put("MetricIntervalLowerBound", st.lowerBound())
                    .put("MetricIntervalUpperBound", st.upperBound())
                    .put("ScalingAdjustment", st.scalingAdjustment()));
        }
        if (p.type().equals(ScalingPolicy.STEP)) {
            s.put("MetricAggregationType", p.metricAggregationType() == null ? "Average" : p.metricAggregationType());
        }
        s.put("EstimatedInstanceWarmup", p.estimatedInstanceWarmup());
        s.list("Alarms", p.alarms(), PolicyOperations::alarm);
        ScalingPolicy.TargetTracking t = p.targetTracking();
        if (t != null) {
            Struct tt = Struct.of();
            if (t.predefinedMetricType() != null) {
                tt.put("PredefinedMetricSpecification", Struct.of().put("PredefinedMetricType", t.predefinedMetricType())
                        .put("ResourceLabel", t.resourceLabel()));
            }
            ScalingPolicy.CustomizedMetric c = t.customized();
            if (c != null) {
                Struct cs = Struct.of().put("MetricName", c.metricName()).put("Namespace", c.namespace());
                if (!c.dimensions().isEmpty()) {
                    cs.list("Dimensions", c.dimensions(), PolicyOperations::dimension);
                }
                cs.put("Statistic", c.statistic()).put("Unit", c.unit()).put("Period", c.period());
                if (!c.metrics().isEmpty()) {
                    cs.list("Metrics", c.metrics(), q -> {
                        Struct qs = Struct.of().put("Id", q.id()).put("Expression", q.expression());
                        if (q.metricName() != null) {
                            Struct metric = Struct.of().put("Namespace", q.namespace()).put("MetricName", q.metricName());
                            if (!q.dimensions().isEmpty()) {
                                metric.list("Dimensions", q.dimensions(), PolicyOperations::dimension);
                            }
                            qs.put("MetricStat", Struct.of().put("Metric", metric).put("Stat", q.stat())
                                    .put("Unit", q.unit()));
                        }
                        return qs.put("Label", q.label()).put("ReturnData", q.returnData());
                    });
                }
                tt.put("CustomizedMetricSpecification", cs);
            }
            tt.put("TargetValue", t.targetValue()).put("DisableScaleIn", t.disableScaleIn());
            s.put("TargetTrackingConfiguration", tt);
        }
        return s.put("Enabled", p.enabled());
    }
}
