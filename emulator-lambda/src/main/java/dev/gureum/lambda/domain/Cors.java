package dev.gureum.lambda.domain;

import java.util.List;

/**
 * A function URL's cross-origin resource sharing settings. Lambda reports the members that were set,
 * so an absent member is {@code null} here (an empty list was set, and is reported).
 */
public record Cors(Boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
                   List<String> allowOrigins, List<String> exposeHeaders, Integer maxAge) {

    public Cors {
        allowHeaders = copy(allowHeaders);
        allowMethods = copy(allowMethods);
        allowOrigins = copy(allowOrigins);
        exposeHeaders = copy(exposeHeaders);
    }

    private static List<String> copy(List<String> values) {
        return values == null ? null : List.copyOf(values);
    }
}
