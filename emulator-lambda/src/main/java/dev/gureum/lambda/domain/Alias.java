package dev.gureum.lambda.domain;

import java.util.Map;

/**
 * A function alias: a name for a version, optionally sending a share of invocations to another.
 *
 * @param additionalWeights version to the fraction (0 to 1) of invocations it receives
 */
public record Alias(String name, String aliasArn, String functionVersion, String description,
                    Map<String, Double> additionalWeights, String revisionId) {

    public Alias {
        additionalWeights = additionalWeights == null ? Map.of() : Map.copyOf(additionalWeights);
        description = description == null ? "" : description;
    }
}
