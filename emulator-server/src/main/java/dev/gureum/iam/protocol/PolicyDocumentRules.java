package dev.gureum.iam.protocol;

import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.error.AwsException;

/**
 * IAM's checks of a policy document before it stores one: the policy grammar of core's evaluator, for the
 * document's kind, its refusals answered as {@code MalformedPolicyDocument} with AWS's messages.
 */
final class PolicyDocumentRules {

    private PolicyDocumentRules() {
    }

    /** The document parsed as {@code kind}: identity policies name resources, trust policies principals. */
    static PolicyDocument check(String document, PolicyDocument.Kind kind) {
        try {
            return PolicyDocument.parse(document, kind);
        } catch (PolicyDocument.MalformedPolicyException e) {
            throw new AwsException(IamError.MALFORMED_POLICY_DOCUMENT, e.getMessage());
        }
    }
}
