package dev.gureum.monitoring.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CloudWatch's rules for metric names, dimensions and values, with its messages. */
public final class MetricDataRules {

    public static final int MAX_DATA = 1000;
    public static final int MAX_DIMENSIONS = 30;
    public static final int MAX_VALUES = 150;
    /** CloudWatch refuses values beyond 2^360 in magnitude, and non-zero ones below 2^-260. */
    private static final double LARGEST = Math.pow(2, 360);
    private static final double SMALLEST = Math.pow(2, -260);
    private static final Duration MAX_AGE = Duration.ofDays(14);
    private static final Duration MAX_AHEAD = Duration.ofHours(2);

    private MetricDataRules() {
    }

    /** Validates a {@code PutMetricData} call at {@code now}; the data to store. */
    public static List<MetricDatum> validate(String namespace, List<MetricDataInput> data, Instant now) {
        checkNamespace(namespace, "Namespace");
        if (namespace.startsWith("AWS/")) {
            throw MetricException.invalid("The value " + namespace + " for parameter Namespace is invalid.");
        }
        if (data == null || data.isEmpty()) {
            throw MetricException.missing("MetricData");
        }
        if (data.size() > MAX_DATA) {
            throw MetricException.invalid("The collection MetricData must not have a size greater than " + MAX_DATA + ".");
        }
        List<MetricDatum> valid = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            valid.add(datum(namespace, data.get(i), "MetricData.member." + (i + 1), now));
        }
        return valid;
    }

    public static void checkNamespace(String namespace, String parameter) {
        if (namespace == null || namespace.isEmpty()) {
            throw MetricException.missing(parameter);
        }
        if (namespace.length() > 255 || namespace.startsWith(":")) {
            throw MetricException.invalidValue(namespace, parameter);
        }
    }

    private static MetricDatum datum(String namespace, MetricDataInput in, String where, Instant now) {
        if (in.metricName() == null || in.metricName().isEmpty()) {
            throw MetricException.missing(where + ".MetricName");
        }
        if (in.metricName().length() > 255) {
            throw MetricException.invalidValue(in.metricName(), where + ".MetricName");
        }
        List<MetricId.Dimension> dimensions = dimensions(in.dimensions(), where + ".Dimensions");
        boolean hasValues = in.values() != null && !in.values().isEmpty();
        if (in.value() != null && in.statisticValues() != null) {
            throw bothGiven(where + ".Value", where + ".StatisticValues");
        }
        if (in.value() != null && hasValues) {
            throw bothGiven(where + ".Value", where + ".Values");
        }
        if (hasValues && in.statisticValues() != null) {
            throw bothGiven(where + ".Values", where + ".StatisticValues");
        }
        Unit unit = Unit.NONE;
        if (in.unit() != null) {
            unit = Unit.of(in.unit());
            if (unit == null) {
                throw MetricException.invalidValue(in.unit(), where + ".Unit");
            }
        }
        int resolution = in.storageResolution() == null ? 60 : in.storageResolution();
        if (resolution != 1 && resolution != 60) {
            throw MetricException.invalidValue(resolution, where + ".StorageResolution");
        }
        Instant timestamp = in.timestamp() == null ? now : in.timestamp();
        if (timestamp.isBefore(now.minus(MAX_AGE))) {
            throw MetricException.invalid("The parameter " + where
                    + ".Timestamp must specify a time no more than two weeks in the past.");
        }
        if (timestamp.isAfter(now.plus(MAX_AHEAD))) {
            throw MetricException.invalid("The parameter " + where
                    + ".Timestamp must specify a time no more than two hours in the future.");
        }
        MetricId id = new MetricId(namespace, in.metricName(), dimensions);
        if (in.statisticValues() != null) {
            return new MetricDatum(id, timestamp, unit, resolution, null, null,
                    statistics(in.statisticValues(), where + ".StatisticValues"));
        }
        if (in.value() != null) {
            checkValue(in.value(), where + ".Value");
            return new MetricDatum(id, timestamp, unit, resolution, new double[] {in.value()}, new double[] {1}, null);
        }
        if (!hasValues) {
            if (in.counts() != null && !in.counts().isEmpty()) {
                throw MetricException.combination("The parameter " + where + ".Counts may only be specified with "
                        + where + ".Values.");
            }
            throw MetricException.combination("At least one of the parameters " + where + ".Value, " + where
                    + ".Values or " + where + ".StatisticValues must be specified.");
        }
        return values(id, timestamp, unit, resolution, in, where);
    }

    private static MetricDatum values(MetricId id, Instant timestamp, Unit unit, int resolution, MetricDataInput in,
                                      String where) {
        List<Double> values = in.values();
        if (values.size() > MAX_VALUES) {
            throw MetricException.invalid("The collection " + where + ".Values must not have a size greater than "
                    + MAX_VALUES + ".");
        }
        List<Double> counts = in.counts() == null ? List.of() : in.counts();
        if (!counts.isEmpty() && counts.size() != values.size()) {
            throw MetricException.invalid("The parameters " + where + ".Values and " + where
                    + ".Counts must be of the same size.");
        }
        double[] v = new double[values.size()];
        double[] c = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            Double value = values.get(i);
            if (value == null) {
                throw MetricException.missing(where + ".Values.member." + (i + 1));
            }
            checkValue(value, where + ".Values.member." + (i + 1));
            v[i] = value;
            double count = counts.isEmpty() || counts.get(i) == null ? 1 : counts.get(i);
            if (!(count >= 0) || Double.isInfinite(count)) {
                throw MetricException.invalidValue(count, where + ".Counts.member." + (i + 1));
            }
            c[i] = count;
        }
        return new MetricDatum(id, timestamp, unit, resolution, v, c, null);
    }

    private static MetricDatum.StatisticSet statistics(MetricDataInput.StatisticsInput s, String where) {
        Double count = required(s.sampleCount(), where + ".SampleCount");
        Double sum = required(s.sum(), where + ".Sum");
        Double min = required(s.minimum(), where + ".Minimum");
        Double max = required(s.maximum(), where + ".Maximum");
        checkValue(sum, where + ".Sum");
        checkValue(min, where + ".Minimum");
        checkValue(max, where + ".Maximum");
        checkValue(count, where + ".SampleCount");
        if (count <= 0) {
            throw MetricException.invalidValue(count, where + ".SampleCount");
        }
        if (max < min) {
            throw MetricException.invalid("The parameter " + where + ".Maximum must be greater than or equal to "
                    + where + ".Minimum.");
        }
        return new MetricDatum.StatisticSet(count, sum, min, max);
    }

    private static Double required(Double value, String parameter) {
        if (value == null) {
            throw MetricException.missing(parameter);
        }
        return value;
    }

    static void checkValue(double value, String parameter) {
        double magnitude = Math.abs(value);
        if (Double.isNaN(value) || magnitude > LARGEST || magnitude != 0 && magnitude < SMALLEST) {
            throw MetricException.invalidValue(Double.isNaN(value) ? "NaN" : Double.isInfinite(value)
                    ? (value > 0 ? "Infinity" : "-Infinity") : String.valueOf(value), parameter);
        }
    }

    /** Validated dimensions: at most 30, each with a name and a value, no name twice. */
    public static List<MetricId.Dimension> dimensions(List<MetricDataInput.DimensionInput> in, String where) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        if (in.size() > MAX_DIMENSIONS) {
            throw MetricException.invalid("The collection " + where + " must not have a size greater than "
                    + MAX_DIMENSIONS + ".");
        }
        List<MetricId.Dimension> dims = new ArrayList<>(in.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            MetricDataInput.DimensionInput d = in.get(i);
            String at = where + ".member." + (i + 1);
            if (d.name() == null || d.name().isEmpty()) {
                throw MetricException.missing(at + ".Name");
            }
            if (d.value() == null || d.value().isEmpty()) {
                throw MetricException.missing(at + ".Value");
            }
            if (d.name().length() > 255) {
                throw MetricException.invalidValue(d.name(), at + ".Name");
            }
            if (d.value().length() > 1024) {
                throw MetricException.invalidValue(d.value(), at + ".Value");
            }
            if (!names.add(d.name())) {
                throw MetricException.invalid("No metric may have duplicate dimension names: the name " + d.name()
                        + " appears twice in " + where + ".");
            }
            dims.add(new MetricId.Dimension(d.name(), d.value()));
        }
        return dims;
    }

    private static MetricException bothGiven(String a, String b) {
        return MetricException.combination("The parameters " + a + " and " + b
                + " are mutually exclusive and you have specified both.");
    }

    /** Whether a period is one CloudWatch takes: 1, 5, 10, 30 or a multiple of 60 seconds. */
    public static boolean validPeriod(int period) {
        return period == 1 || period == 5 || period == 10 || period == 30 || period >= 60 && period % 60 == 0;
    }
}
