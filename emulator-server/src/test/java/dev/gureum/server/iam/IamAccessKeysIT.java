package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Users' access keys, which Gureum then accepts as their user, with signatures verified; and virtual MFA
 * devices.
 */
class IamAccessKeysIT {

    private static final String ADMIN_KEY = "AKIAGUREUMADMIN00001";
    private static final String ADMIN_SECRET = "admin-secret-0123456789abcdefghijklmnop";

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true)
            .credentials(ADMIN_KEY, ADMIN_SECRET));

    private static IamClient iam(String key, String secret) {
        return gureum.configure(IamClient.builder()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }

    private static StsClient sts(String key, String secret) {
        return gureum.configure(StsClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret))).build();
    }

    private final IamClient admin = iam(ADMIN_KEY, ADMIN_SECRET);

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    @Test
    void aUsersKeyActsAsTheUserUntilItIsDeactivatedOrDeleted() {
        String userId = admin.createUser(r -> r.userName("builder").path("/ci/")).user().userId();
        AccessKey key = admin.createAccessKey(r -> r.userName("builder")).accessKey();
        assertThat(key.accessKeyId()).startsWith("AKIA").hasSize(20);
        assertThat(key.secretAccessKey()).hasSize(40);
        assertThat(key.status()).isEqualTo(StatusType.ACTIVE);
        assertThat(admin.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId())).accessKeyLastUsed().serviceName())
                .isEqualTo("N/A");

        try (StsClient sts = sts(key.accessKeyId(), key.secretAccessKey())) {
            var me = sts.getCallerIdentity();
            assertThat(me.arn()).isEqualTo("arn:aws:iam::000000000000:user/ci/builder");
            assertThat(me.userId()).isEqualTo(userId);
            assertThat(me.account()).isEqualTo("000000000000");
        }
        try (IamClient asUser = iam(key.accessKeyId(), key.secretAccessKey())) {
            assertThat(asUser.getUser().user().userName()).isEqualTo("builder");
            assertThat(asUser.listAccessKeys().accessKeyMetadata()).extracting(AccessKeyMetadata::accessKeyId)
                    .containsExactly(key.accessKeyId());
        }
        var lastUsed = admin.getAccessKeyLastUsed(r -> r.accessKeyId(key.accessKeyId()));
        assertThat(lastUsed.userName()).isEqualTo("builder");
        assertThat(lastUsed.accessKeyLastUsed().serviceName()).isEqualTo("iam");
        assertThat(lastUsed.accessKeyLastUsed().region()).isEqualTo("us-east-1");
        assertThat(lastUsed.accessKeyLastUsed().lastUsedDate()).isNotNull();

        // the secret is checked
        try (StsClient sts = sts(key.accessKeyId(), "not-the-secret")) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
        }
        admin.updateAccessKey(r -> r.userName("builder").accessKeyId(key.accessKeyId()).status(StatusType.INACTIVE));
        assertThat(admin.listAccessKeys(r -> r.userName("builder")).accessKeyMetadata().get(0).status())
                .isEqualTo(StatusType.INACTIVE);
        try (StsClient sts = sts(key.accessKeyId(), key.secretAccessKey())) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
            });
        }
        admin.updateAccessKey(r -> r.userName("builder").accessKeyId(key.accessKeyId()).status(StatusType.ACTIVE));
        try (StsClient sts = sts(key.accessKeyId(), key.secretAccessKey())) {
            assertThat(sts.getCallerIdentity().arn()).endsWith(":user/ci/builder");
        }

        assertThatThrownBy(() -> admin.deleteUser(r -> r.userName("builder"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must delete access keys first");
        admin.deleteAccessKey(r -> r.userName("builder").accessKeyId(key.accessKeyId()));
        try (StsClient sts = sts(key.accessKeyId(), key.secretAccessKey())) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
        assertThatThrownBy(() -> admin.deleteAccessKey(r -> r.userName("builder").accessKeyId(key.accessKeyId())))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("The Access Key with id " + key.accessKeyId() + " cannot be found.");
        admin.deleteUser(r -> r.userName("builder"));
    }

    @Test
    void aUserHasAtMostTwoKeys() {
        admin.createUser(r -> r.userName("u"));
        admin.createAccessKey(r -> r.userName("u"));
        admin.createAccessKey(r -> r.userName("u"));
        assertThatThrownBy(() -> admin.createAccessKey(r -> r.userName("u"))).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("Cannot exceed quota for AccessKeysPerUser: 2");
        assertThat(admin.listAccessKeys(r -> r.userName("u")).accessKeyMetadata()).hasSize(2);
    }

    @Test
    void virtualMfaDevicesAreStoredAndAssigned() {
        admin.createUser(r -> r.userName("u"));
        VirtualMFADevice device = admin.createVirtualMFADevice(r -> r.virtualMFADeviceName("u-phone")).virtualMFADevice();
        assertThat(device.serialNumber()).isEqualTo("arn:aws:iam::000000000000:mfa/u-phone");
        assertThat(device.base32StringSeed().asUtf8String()).matches("[A-Z2-7]{64}");
        assertThatThrownBy(() -> admin.createVirtualMFADevice(r -> r.virtualMFADeviceName("u-phone")))
                .isInstanceOf(EntityAlreadyExistsException.class);

        admin.enableMFADevice(r -> r.userName("u").serialNumber(device.serialNumber())
                .authenticationCode1("123456").authenticationCode2("654321"));
        assertThat(admin.listMFADevices(r -> r.userName("u")).mfaDevices()).singleElement()
                .satisfies(d -> assertThat(d.serialNumber()).isEqualTo(device.serialNumber()));
        assertThat(admin.listVirtualMFADevices(r -> r.assignmentStatus("Assigned")).virtualMFADevices())
                .singleElement().satisfies(d -> assertThat(d.user().userName()).isEqualTo("u"));
        assertThatThrownBy(() -> admin.deleteVirtualMFADevice(r -> r.serialNumber(device.serialNumber())))
                .isInstanceOf(DeleteConflictException.class);
        assertThatThrownBy(() -> admin.deleteUser(r -> r.userName("u"))).isInstanceOf(DeleteConflictException.class);

        admin.deactivateMFADevice(r -> r.userName("u").serialNumber(device.serialNumber()));
        assertThat(admin.listVirtualMFADevices(r -> r.assignmentStatus("Unassigned")).virtualMFADevices()).hasSize(1);
        admin.deleteVirtualMFADevice(r -> r.serialNumber(device.serialNumber()));
        assertThat(admin.listVirtualMFADevices().virtualMFADevices()).isEmpty();
        admin.deleteUser(r -> r.userName("u"));
    }
}
