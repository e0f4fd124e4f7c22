package dev.gureum.elb.domain;

import java.util.List;
import java.util.Map;

/**
 * What a rule's conditions look at in a request.
 *
 * @param headers header values by lower-case name
 * @param query   decoded query parameters, in order
 */
public record RequestFacts(String method, String path, String host, Map<String, List<String>> headers,
                           List<RuleCondition.QueryPair> query, String sourceIp) {

    /** Whether every condition of the rule matches; a condition matches when any of its values does. */
    public boolean matches(List<RuleCondition> conditions) {
        for (RuleCondition c : conditions) {
            if (!matches(c)) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(RuleCondition c) {
        switch (c.field()) {
            case "path-pattern":
                return c.values().stream().anyMatch(v -> Wildcard.matches(v, path, false));
            case "host-header":
                return c.values().stream().anyMatch(v -> Wildcard.matches(v, host, true));
            case "http-header": {
                List<String> values = headers.getOrDefault(c.headerName().toLowerCase(java.util.Locale.ROOT), List.of());
                return values.stream().anyMatch(h -> c.values().stream().anyMatch(v -> Wildcard.matches(v, h, true)));
            }
            case "http-request-method":
                return c.values().contains(method);
            case "source-ip":
                return sourceIp != null && c.values().stream().anyMatch(v -> SourceCidr.parse(v).contains(sourceIp));
            default:
                return c.queryPairs().stream().anyMatch(p -> query.stream().anyMatch(q ->
                        (p.key() == null || Wildcard.matches(p.key(), q.key(), true))
                                && Wildcard.matches(p.value(), q.value(), true)));
        }
    }
}
