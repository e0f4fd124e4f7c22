package dev.gureum.lambda.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.lambda.domain.CodeSigningConfig;
import dev.gureum.lambda.domain.FunctionSettings;

/**
 * What Lambda checks when code is deployed to a function with a code signing configuration. AWS verifies
 * the signature AWS Signer put on the package against the configuration's signing profiles; Gureum has no
 * Signer and checks no signature, so every package counts as unsigned: under {@code Enforce}
 * {@code CreateFunction} and {@code UpdateFunctionCode} are refused with AWS's
 * {@code CodeVerificationFailedException}, under {@code Warn} the package is deployed.
 */
final class CodeSigningChecks {

    private CodeSigningChecks() {
    }

    /** The configuration a function's settings name, or {@code null}. */
    static CodeSigningConfig of(LambdaState state, String accountId, String region, String functionName) {
        FunctionSettings settings = state.store.settings(accountId, region, functionName, false);
        String arn = settings == null ? null : settings.codeSigningConfigArn();
        return arn == null ? null : find(state, arn, accountId);
    }

    /** Refuses the deployment of a package to {@code functionName} when {@code config} enforces signatures. */
    static void checkDeployment(CodeSigningConfig config, String functionName) {
        if (config != null && config.refusesUnverified()) {
            throw new AwsException(LambdaError.CODE_VERIFICATION_FAILED, "Lambda cannot deploy the function. The "
                    + "function or layer might be signed using a signature that the client is not configured to "
                    + "accept. Check the provided signature for " + functionName + ".");
        }
    }

    /** The configuration an ARN names in the caller's account; {@code CodeSigningConfigNotFoundException} if none. */
    static CodeSigningConfig existing(LambdaState state, String arn, String accountId) {
        CodeSigningConfig config = find(state, arn, accountId);
        if (config == null) {
            throw new AwsException(LambdaError.CODE_SIGNING_CONFIG_NOT_FOUND, "The code signing configuration cannot "
                    + "be found. Check that the provided configuration is not deleted: " + arn + ".");
        }
        return config;
    }

    /** The configuration an ARN names in the caller's account, or {@code null}. */
    static CodeSigningConfig find(LambdaState state, String arn, String accountId) {
        Arn parsed;
        try {
            parsed = Arn.parse(arn);
        } catch (IllegalArgumentException e) {
            throw LambdaErrors.validation("codeSigningConfigArn", arn, "Member must satisfy regular expression pattern: "
                    + "arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:\\d{12}:"
                    + "code-signing-config:csc-[a-z0-9]{17}");
        }
        if (!parsed.service().equals("lambda") || !parsed.resource().startsWith("code-signing-config:")
                || !parsed.accountId().equals(accountId)) {
            return null;
        }
        return state.store.codeSigningConfig(parsed.accountId(), parsed.region(),
                parsed.resource().substring("code-signing-config:".length()));
    }
}
