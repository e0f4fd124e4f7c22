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

    /**
     * Whether a deployment whose signature cannot be verified is refused. Gureum has no AWS Signer, so it can
     * verify no signature: under {@code Enforce} every package is refused as unsigned, under {@code Warn} none.
     */
    public boolean refusesUnverified() {
        return "Enforce".equals(untrustedArtifactOnDeployment);
    }
}
