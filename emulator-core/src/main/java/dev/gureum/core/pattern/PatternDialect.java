package dev.gureum.core.pattern;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where the services that speak the event-pattern language differ: their limits, the operators they
 * accept, how they compare numbers and arrays, and how they word a refusal.
 *
 * @param subject        how refusals name the pattern ({@code Filter policy})
 * @param maxLength      the longest pattern text accepted, in characters; 0 for no limit
 * @param maxKeys        the most top-level keys; 0 for no limit
 * @param maxCombinations the most value combinations (as SNS counts them); 0 for no limit
 * @param nestingRefusal the message refusing nested properties, or {@code null} where they are allowed
 * @param numericLimit   the largest magnitude of a {@code numeric} operand, or {@code null} for none
 * @param decimalPlaces  the decimal places numbers are compared to, or {@code null} for exact comparison
 * @param features       the optional parts of the language this dialect has
 */
public record PatternDialect(String subject, int maxLength, int maxKeys, int maxCombinations,
                             String nestingRefusal, BigDecimal numericLimit, Integer decimalPlaces,
                             Set<Feature> features) {

    public enum Feature {
        /** {@code {"wildcard": "img/*.jpg"}}. */
        WILDCARD,
        /** {@code {"prefix": {"equals-ignore-case": "..."}}}, and the same for {@code suffix}. */
        IGNORE_CASE_AFFIXES,
        /** {@code anything-but} with {@code suffix}, {@code equals-ignore-case} or {@code wildcard}, not only {@code prefix}. */
        ANYTHING_BUT_OPERATORS,
        /**
         * {@code anything-but} on an array matches when any element is not excluded; without it, as in
         * SNS, no element may be excluded.
         */
        ANYTHING_BUT_ANY_ELEMENT,
        /**
         * {@code {"exists": false}} matches an event with no keys at all; SNS documents that a message
         * without attributes matches neither {@code exists} form.
         */
        EXISTS_FALSE_ON_EMPTY_EVENT
    }

    /** SNS filter policies on the message body: 5 keys, 150 combinations, 256 KiB, numbers to 5 decimals. */
    public static final PatternDialect SNS_MESSAGE_BODY = new PatternDialect("Filter policy", 256 * 1024, 5, 150,
            null, BigDecimal.valueOf(1_000_000_000L), 5, Set.of());

    /** SNS filter policies on the message attributes: as on the body, without nested properties. */
    public static final PatternDialect SNS_MESSAGE_ATTRIBUTES = new PatternDialect("Filter policy", 256 * 1024, 5,
            150, "Filter policy scope MessageAttributes does not support nested filter policy",
            BigDecimal.valueOf(1_000_000_000L), 5, Set.of());

    /** The patterns of Lambda's {@code FilterCriteria} (event source mappings). */
    public static final PatternDialect LAMBDA_FILTER_CRITERIA = new PatternDialect("Event pattern", 0, 0, 0, null,
            null, null, Set.copyOf(EnumSet.allOf(Feature.class)));

    public PatternDialect {
        features = Set.copyOf(features);
    }

    public boolean has(Feature feature) {
        return features.contains(feature);
    }

    /** A number as this dialect compares it; equal numbers give equal records. */
    BigDecimal number(BigDecimal value) {
        if (decimalPlaces != null) {
            return value.setScale(decimalPlaces, RoundingMode.HALF_UP);
        }
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    /** A value as this dialect compares it. */
    PatternValue value(PatternValue value) {
        return value instanceof PatternValue.Number n ? new PatternValue.Number(number(n.value())) : value;
    }
}
