package dev.gureum.autoscaling.domain;

import java.util.List;

/** How a policy sizes a group: AWS's adjustment types, their rounding, and the choice of a step. */
public final class ScalingAdjustments {

    private ScalingAdjustments() {
    }

    /**
     * The new desired capacity from {@code current} (before the group's minimum and maximum). A percentage change
     * between 0 and 1 instance is one instance, one above 1 is rounded toward zero (12.7 is 12, -6.67 is -6), and
     * {@code minAdjustmentMagnitude} is the least change a percentage makes.
     */
    public static int apply(String adjustmentType, int adjustment, int current, Integer minAdjustmentMagnitude) {
        return switch (adjustmentType) {
            case ScalingPolicy.EXACT_CAPACITY -> adjustment;
            case ScalingPolicy.PERCENT_CHANGE_IN_CAPACITY -> {
                double change = current * adjustment / 100.0;
                int rounded;
                if (change > 0 && change < 1) {
                    rounded = 1;
                } else if (change < 0 && change > -1) {
                    rounded = -1;
                } else {
                    rounded = (int) change;
                }
                if (minAdjustmentMagnitude != null && rounded != 0 && Math.abs(rounded) < minAdjustmentMagnitude) {
                    rounded = Integer.signum(rounded) * minAdjustmentMagnitude;
                }
                yield current + rounded;
            }
            default -> current + adjustment;
        };
    }

    /**
     * The step for a metric {@code value} breaching {@code threshold}: above the threshold a step's lower bound is
     * inclusive and its upper bound exclusive, below it the other way round.
     */
    public static ScalingPolicy.Step step(List<ScalingPolicy.Step> steps, double value, double threshold) {
        double difference = value - threshold;
        boolean above = difference >= 0;
        for (ScalingPolicy.Step s : steps) {
            double lower = s.lowerBound() == null ? Double.NEGATIVE_INFINITY : s.lowerBound();
            double upper = s.upperBound() == null ? Double.POSITIVE_INFINITY : s.upperBound();
            boolean within = above ? difference >= lower && difference < upper
                    : difference > lower && difference <= upper;
            if (within) {
                return s;
            }
        }
        return null;
    }

    /**
     * The capacity that brings a metric to its target, proportional to the metric as target tracking computes it;
     * out rounds up, in rounds up too so that scaling in stays conservative.
     */
    public static int targetTracking(int current, double value, double target) {
        if (current == 0) {
            return value > target ? 1 : 0;
        }
        return (int) Math.ceil(current * value / target - 1e-9);
    }

    /** AWS's check of step intervals: no overlap and no gap, one open lower end and one open upper end at most. */
    static String checkSteps(List<ScalingPolicy.Step> steps) {
        if (steps.isEmpty()) {
            return "StepAdjustments are required for a step scaling policy.";
        }
        List<ScalingPolicy.Step> sorted = steps.stream().sorted((a, b) -> Double.compare(
                a.lowerBound() == null ? Double.NEGATIVE_INFINITY : a.lowerBound(),
                b.lowerBound() == null ? Double.NEGATIVE_INFINITY : b.lowerBound())).toList();
        for (ScalingPolicy.Step s : sorted) {
            if (s.lowerBound() == null && s.upperBound() == null && sorted.size() > 1) {
                return "Step adjustments have overlapping intervals.";
            }
            if (s.lowerBound() != null && s.upperBound() != null && s.upperBound() <= s.lowerBound()) {
                return "Upper bound must be greater than lower bound for a step adjustment.";
            }
        }
        if (sorted.stream().filter(s -> s.lowerBound() == null).count() > 1) {
            return "Step adjustments have overlapping intervals.";
        }
        if (sorted.stream().filter(s -> s.upperBound() == null).count() > 1) {
            return "Step adjustments have overlapping intervals.";
        }
        for (int i = 1; i < sorted.size(); i++) {
            Double previousUpper = sorted.get(i - 1).upperBound();
            Double lower = sorted.get(i).lowerBound();
            if (previousUpper == null || lower == null || previousUpper > lower) {
                return "Step adjustments have overlapping intervals.";
            }
            if (previousUpper < lower) {
                return "Step adjustments have a gap between intervals.";
            }
        }
        return null;
    }
}
