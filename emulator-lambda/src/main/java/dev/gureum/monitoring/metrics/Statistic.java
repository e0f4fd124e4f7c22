package dev.gureum.monitoring.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A statistic of CloudWatch: the five standard ones, and percentiles {@code p0} to {@code p100}. */
public record Statistic(String name, Kind kind, double percent) {

    public enum Kind { SAMPLE_COUNT, AVERAGE, SUM, MINIMUM, MAXIMUM, PERCENTILE }

    /** {@code p99}, {@code p99.9}, {@code p99.99}: up to two decimals. */
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(?:\\.\\d{1,2})?)");

    /** A standard statistic by name ({@code Average}...), or {@code null}. */
    public static Statistic standard(String name) {
        Kind kind = switch (name == null ? "" : name) {
            case "SampleCount" -> Kind.SAMPLE_COUNT;
            case "Average" -> Kind.AVERAGE;
            case "Sum" -> Kind.SUM;
            case "Minimum" -> Kind.MINIMUM;
            case "Maximum" -> Kind.MAXIMUM;
            default -> null;
        };
        return kind == null ? null : new Statistic(name, kind, 0);
    }

    /** A percentile by name ({@code p99}), or {@code null}. */
    public static Statistic extended(String name) {
        if (name == null) {
            return null;
        }
        Matcher m = PERCENTILE.matcher(name);
        if (!m.matches()) {
            return null;
        }
        double percent = Double.parseDouble(m.group(1));
        return percent > 100 ? null : new Statistic(name, Kind.PERCENTILE, percent);
    }

    /** Either kind, or {@code null}. */
    public static Statistic of(String name) {
        Statistic s = standard(name);
        return s != null ? s : extended(name);
    }

    public boolean isExtended() {
        return kind == Kind.PERCENTILE;
    }

    /** The statistic of a bucket; NaN when it has none (a percentile of a bucket without them). */
    public double of(Bucket b) {
        return switch (kind) {
            case SAMPLE_COUNT -> b.count();
            case AVERAGE -> b.average();
            case SUM -> b.sum();
            case MINIMUM -> b.min();
            case MAXIMUM -> b.max();
            case PERCENTILE -> b.percentile(percent);
        };
    }
}
