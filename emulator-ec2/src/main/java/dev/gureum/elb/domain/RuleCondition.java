package dev.gureum.elb.domain;

import java.util.List;

/**
 * A condition of a rule. {@code values} hold the patterns of {@code host-header}, {@code path-pattern},
 * {@code http-header} (whose name is {@code headerName}), {@code http-request-method} and {@code source-ip}
 * (CIDR blocks); {@code query-string} holds key/value pairs, a {@code null} key matching any key.
 */
public record RuleCondition(String field, String headerName, List<String> values, List<QueryPair> queryPairs) {

    public record QueryPair(String key, String value) {
    }

    public RuleCondition {
        values = values == null ? List.of() : List.copyOf(values);
        queryPairs = queryPairs == null ? List.of() : List.copyOf(queryPairs);
    }

    /** How many match evaluations it counts towards a rule's limit of five. */
    public int evaluations() {
        return "query-string".equals(field) ? queryPairs.size() : values.size();
    }
}
