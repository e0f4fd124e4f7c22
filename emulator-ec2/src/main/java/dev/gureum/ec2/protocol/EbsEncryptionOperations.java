package dev.gureum.ec2.protocol;

import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.EbsEncryption;
import dev.gureum.ec2.domain.Ec2World;

import java.util.function.BiConsumer;

/** EBS encryption by default and its KMS key, per account and region (what Terraform's AWS provider reads). */
final class EbsEncryptionOperations {

    private final Ec2World world;

    EbsEncryptionOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("GetEbsEncryptionByDefault", r -> world.apply(Requests.account(r), Requests.region(r),
                scope -> Struct.of().put("ebsEncryptionByDefault", scope.ebs().encryptionByDefault())
                        .put("sseType", "sse-ebs")));
        op.accept("EnableEbsEncryptionByDefault", r -> encryptionByDefault(r, true));
        op.accept("DisableEbsEncryptionByDefault", r -> encryptionByDefault(r, false));
        op.accept("GetEbsDefaultKmsKeyId", r -> world.apply(Requests.account(r), Requests.region(r),
                scope -> Struct.of().put("kmsKeyId", EbsEncryption.defaultKey(scope))));
        op.accept("ModifyEbsDefaultKmsKeyId", r -> {
            String keyId = Requests.require(r.params(), "KmsKeyId");
            return world.apply(Requests.account(r), Requests.region(r),
                    scope -> Struct.of().put("kmsKeyId", EbsEncryption.defaultKey(scope, keyId)));
        });
        op.accept("ResetEbsDefaultKmsKeyId", r -> world.apply(Requests.account(r), Requests.region(r),
                scope -> Struct.of().put("kmsKeyId", EbsEncryption.resetDefaultKey(scope))));
    }

    private Struct encryptionByDefault(ActionRequest r, boolean value) {
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            scope.ebs().encryptionByDefault(value);
            return Struct.of().put("ebsEncryptionByDefault", value);
        });
    }
}
