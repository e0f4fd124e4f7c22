package dev.gureum.lambda.domain;

import java.time.Instant;
import java.util.List;

/**
 * A code signing configuration: the signing profiles whose signatures a function's code may carry, and
 * what a deployment with code that fails the checks does ({@code Warn} or {@code Enforce}).
 */
public record CodeSigningConfig(String accountId, String region, String id, String arn, String description,
                                List<String> signingProfileVersionArns, String untrustedArtifactOnDeployment,
                                Instant lastModified) {

    public CodeSigningConfig {
        signingProfileVersionArns = List.copyOf(signingProfileVersionArns);
    }
}
