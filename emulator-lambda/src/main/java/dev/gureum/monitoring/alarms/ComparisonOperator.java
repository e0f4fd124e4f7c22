package dev.gureum.monitoring.alarms;

/**
 * How an alarm compares a datapoint with its threshold. The three band operators compare with an anomaly
 * detection band: Gureum keeps no anomaly detection model, so alarms using them are stored and described
 * but never leave {@code INSUFFICIENT_DATA}.
 */
public enum ComparisonOperator {
    GREATER_THAN_OR_EQUAL_TO_THRESHOLD("GreaterThanOrEqualToThreshold", "greater than or equal to"),
    GREATER_THAN_THRESHOLD("GreaterThanThreshold", "greater than"),
    LESS_THAN_THRESHOLD("LessThanThreshold", "less than"),
    LESS_THAN_OR_EQUAL_TO_THRESHOLD("LessThanOrEqualToThreshold", "less than or equal to"),
    LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD("LessThanLowerOrGreaterThanUpperThreshold", "outside the band"),
    LESS_THAN_LOWER_THRESHOLD("LessThanLowerThreshold", "less than the lower band"),
    GREATER_THAN_UPPER_THRESHOLD("GreaterThanUpperThreshold", "greater than the upper band");

    private final String wireName;
    private final String phrase;

    ComparisonOperator(String wireName, String phrase) {
        this.wireName = wireName;
        this.phrase = phrase;
    }

    public String wireName() {
        return wireName;
    }

    /** How a state reason words the comparison: "greater than or equal to". */
    public String phrase() {
        return phrase;
    }

    /** Whether the operator compares with an anomaly detection band rather than a static threshold. */
    public boolean band() {
        return ordinal() >= LESS_THAN_LOWER_OR_GREATER_THAN_UPPER_THRESHOLD.ordinal();
    }

    /** Whether {@code value} breaches {@code threshold} (static operators only). */
    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
            case GREATER_THAN_THRESHOLD -> value > threshold;
            case LESS_THAN_THRESHOLD -> value < threshold;
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
            default -> false;
        };
    }

    public static ComparisonOperator of(String wireName) {
        for (ComparisonOperator o : values()) {
            if (o.wireName.equals(wireName)) {
                return o;
            }
        }
        return null;
    }
}
