package dev.gureum.lambda.domain;

import java.util.List;

/**
 * An event source mapping's {@code FilterCriteria}: up to five filter patterns (JSON text, in the
 * language of EventBridge patterns); a record reaches the function when any one matches. Lambda
 * keeps no criteria when the list is empty.
 *
 * @param patterns each filter's {@code Pattern}, in the order given
 */
public record FilterCriteria(List<String> patterns) {

    /** The most filters a mapping takes. */
    public static final int MAX_FILTERS = 5;

    public FilterCriteria {
        patterns = List.copyOf(patterns);
    }
}
