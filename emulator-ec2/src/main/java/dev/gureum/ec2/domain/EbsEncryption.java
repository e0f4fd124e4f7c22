package dev.gureum.ec2.domain;

import dev.gureum.core.id.Arn;

/**
 * EBS encryption by default, per account and region: when on, every new volume and snapshot copy is
 * encrypted, with the account's default KMS key ({@code alias/aws/ebs}, the AWS managed key, unless
 * changed).
 */
public final class EbsEncryption {

    private EbsEncryption() {
    }

    /** The default key as GetEbsDefaultKmsKeyId answers it: an ARN. */
    public static String defaultKey(Ec2Scope scope) {
        String key = scope.ebs().defaultKmsKeyId();
        return key != null ? key : Arn.of("kms", scope.region().name(), scope.accountId(), "alias/aws/ebs").toString();
    }

    /** ModifyEbsDefaultKmsKeyId: a key id, alias or ARN, kept as an ARN. */
    public static String defaultKey(Ec2Scope scope, String keyId) {
        String arn = keyId.startsWith("arn:") ? keyId
                : Arn.of("kms", scope.region().name(), scope.accountId(),
                        keyId.startsWith("alias/") ? keyId : "key/" + keyId).toString();
        scope.ebs().defaultKmsKeyId(arn);
        return arn;
    }

    public static String resetDefaultKey(Ec2Scope scope) {
        scope.ebs().defaultKmsKeyId(null);
        return defaultKey(scope);
    }
}
