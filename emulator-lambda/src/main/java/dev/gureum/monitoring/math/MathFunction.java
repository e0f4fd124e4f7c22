package dev.gureum.monitoring.math;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The functions of CloudWatch metric math, with how many arguments each takes. Those Gureum does not
 * emulate are known by name so that they are refused as such, not as unknown functions.
 */
enum MathFunction {
    ABS(1), AVG(1), CEIL(1), CONCAT(1, Integer.MAX_VALUE), DATAPOINT_COUNT(1), DIFF(1), DIFF_TIME(1),
    FILL(2), FIRST(1), FLOOR(1), IF(2, 3), LAST(1), LOG(1), LOG10(1), MAX(1), METRIC_COUNT(1),
    METRICS(0, 1), MIN(1), PERIOD(1), RATE(1), REMOVE_EMPTY(1), RUNNING_SUM(1), SLICE(2, 3), SORT(3, 4),
    STDDEV(1), SUM(1), TIME_SERIES(1),
    MINUTE(1), HOUR(1), DAY(1), DATE(1), MONTH(1), YEAR(1), EPOCH(1),

    ANOMALY_DETECTION_BAND("anomaly detection models are not emulated"),
    DB_PERF_INSIGHTS("Performance Insights is not emulated"),
    INSIGHT_RULE_METRIC("Contributor Insights rules are not emulated"),
    LAMBDA("Lambda functions as metric data sources are not emulated"),
    SEARCH("search expressions are not emulated"),
    SERVICE_QUOTA("service quotas are not emulated");

    private static final Map<String, MathFunction> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MathFunction::name, Function.identity()));

    final int minArguments;
    final int maxArguments;
    /** Why Gureum refuses the function, or {@code null} when it is emulated. */
    final String unsupported;

    MathFunction(int arguments) {
        this(arguments, arguments);
    }

    MathFunction(int minArguments, int maxArguments) {
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.unsupported = null;
    }

    MathFunction(String unsupported) {
        this.minArguments = 0;
        this.maxArguments = Integer.MAX_VALUE;
        this.unsupported = unsupported;
    }

    static MathFunction named(String name) {
        return BY_NAME.get(name);
    }
}
