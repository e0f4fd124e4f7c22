package dev.gureum.server.iam;

import dev.gureum.core.testing.SdkClients;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.StsException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Roles with their trust policies, service-linked roles, instance profiles, and STS assuming IAM's roles. */
class IamRolesIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private final IamClient iam = IamUsersIT.iam(gureum, "test");

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    @Test
    void aRoleKeepsItsTrustPolicySessionLimitPathAndTags() {
        Role role = iam.createRole(r -> r.roleName("deployer").path("/ci/").assumeRolePolicyDocument(IamPoliciesIT.TRUST)
                .description("deploys").maxSessionDuration(7200).tags(Tag.builder().key("env").value("dev").build()))
                .role();
        assertThat(role.arn()).isEqualTo("arn:aws:iam::000000000000:role/ci/deployer");
        assertThat(role.roleId()).startsWith("AROA").hasSize(21);
        assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .isEqualTo(IamPoliciesIT.TRUST);

        Role read = iam.getRole(r -> r.roleName("deployer")).role();
        assertThat(read.maxSessionDuration()).isEqualTo(7200);
        assertThat(read.description()).isEqualTo("deploys");
        assertThat(read.tags()).extracting(Tag::key).containsExactly("env");
        assertThat(read.roleLastUsed().lastUsedDate()).isNull();

        iam.updateRole(r -> r.roleName("deployer").maxSessionDuration(3600).description("deploys apps"));
        String trust2 = IamPoliciesIT.TRUST.replace("lambda.amazonaws.com", "ec2.amazonaws.com");
        iam.updateAssumeRolePolicy(r -> r.roleName("deployer").policyDocument(trust2));
        Role updated = iam.getRole(r -> r.roleName("deployer")).role();
        assertThat(updated.maxSessionDuration()).isEqualTo(3600);
        assertThat(URLDecoder.decode(updated.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(trust2);
        iam.tagRole(r -> r.roleName("deployer").tags(Tag.builder().key("owner").value("me").build()));
        assertThat(iam.listRoleTags(r -> r.roleName("deployer")).tags()).extracting(Tag::key).containsExactly("env", "owner");
        iam.untagRole(r -> r.roleName("deployer").tagKeys("env"));
        assertThat(iam.listRoles(r -> r.pathPrefix("/ci/")).roles()).extracting(Role::roleName).containsExactly("deployer");
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("x").assumeRolePolicyDocument(IamPoliciesIT.TRUST)
                .maxSessionDuration(100))).hasMessageContaining("greater than or equal to 3600");
        iam.deleteRole(r -> r.roleName("deployer"));
        assertThat(iam.listRoles().roles()).isEmpty();
    }

    @Test
    void assumingAnIamRoleActsAsItsSession() {
        Role role = iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(IamPoliciesIT.TRUST)).role();
        AssumeRoleResponse assumed;
        try (StsClient sts = gureum.configure(StsClient.builder(), "test").build()) {
            assumed = sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("s1"));
            assertThatThrownBy(() -> sts.assumeRole(r -> r.roleArn(role.arn()).roleSessionName("s2").durationSeconds(7200)))
                    .isInstanceOf(StsException.class)
                    .hasMessageContaining("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
            // a role IAM does not know is assumed as before, with an id of its name
            assertThat(sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/elsewhere").roleSessionName("s3"))
                    .assumedRoleUser().arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/elsewhere/s3");
        }
        assertThat(assumed.assumedRoleUser().assumedRoleId()).isEqualTo(role.roleId() + ":s1");
        var c = assumed.credentials();
        try (StsClient asRole = SdkClients.configure(StsClient.builder(), gureum.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(),
                        c.secretAccessKey(), c.sessionToken()))).build()) {
            var me = asRole.getCallerIdentity();
            assertThat(me.arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/app/s1");
            assertThat(me.userId()).isEqualTo(role.roleId() + ":s1");
        }
        Role used = iam.getRole(r -> r.roleName("app")).role();
        assertThat(used.roleLastUsed().lastUsedDate()).isNotNull();
        assertThat(used.roleLastUsed().region()).isEqualTo("us-east-1");
    }

    @Test
    void serviceLinkedRolesHaveAwsNamesAndPaths() {
        Role role = iam.createServiceLinkedRole(r -> r.awsServiceName("autoscaling.amazonaws.com")).role();
        assertThat(role.roleName()).isEqualTo("AWSServiceRoleForAutoScaling");
        assertThat(role.path()).isEqualTo("/aws-service-role/autoscaling.amazonaws.com/");
        assertThat(role.arn()).isEqualTo(
                "arn:aws:iam::000000000000:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
        assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
                .contains("\"Service\":[\"autoscaling.amazonaws.com\"]");
        assertThatThrownBy(() -> iam.createServiceLinkedRole(r -> r.awsServiceName("autoscaling.amazonaws.com")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has been taken in this account");
        assertThat(iam.createServiceLinkedRole(r -> r.awsServiceName("autoscaling.amazonaws.com").customSuffix("web"))
                .role().roleName()).isEqualTo("AWSServiceRoleForAutoScaling_web");
        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("AWSServiceRoleForAutoScaling")))
                .isInstanceOf(UnmodifiableEntityException.class);
        String task = iam.deleteServiceLinkedRole(r -> r.roleName("AWSServiceRoleForAutoScaling")).deletionTaskId();
        assertThat(iam.getServiceLinkedRoleDeletionStatus(r -> r.deletionTaskId(task)).statusAsString())
                .isEqualTo("SUCCEEDED");
        assertThat(iam.listRoles().roles()).extracting(Role::roleName).containsExactly("AWSServiceRoleForAutoScaling_web");
    }

    @Test
    void instanceProfilesHoldOneRole() {
        iam.createRole(r -> r.roleName("web").assumeRolePolicyDocument(IamPoliciesIT.TRUST));
        iam.createRole(r -> r.roleName("other").assumeRolePolicyDocument(IamPoliciesIT.TRUST));
        InstanceProfile profile = iam.createInstanceProfile(r -> r.instanceProfileName("web-profile").path("/apps/"))
                .instanceProfile();
        assertThat(profile.arn()).isEqualTo("arn:aws:iam::000000000000:instance-profile/apps/web-profile");
        assertThat(profile.instanceProfileId()).startsWith("AIPA").hasSize(21);
        assertThat(profile.roles()).isEmpty();

        iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("web"));
        assertThatThrownBy(() -> iam.addRoleToInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("other")))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
        assertThat(iam.getInstanceProfile(r -> r.instanceProfileName("web-profile")).instanceProfile().roles())
                .extracting(Role::roleName).containsExactly("web");
        assertThat(iam.listInstanceProfilesForRole(r -> r.roleName("web")).instanceProfiles())
                .extracting(InstanceProfile::instanceProfileName).containsExactly("web-profile");
        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("web"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must remove roles from instance profile first");
        assertThatThrownBy(() -> iam.deleteInstanceProfile(r -> r.instanceProfileName("web-profile")))
                .isInstanceOf(DeleteConflictException.class);

        iam.removeRoleFromInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("web"));
        iam.deleteInstanceProfile(r -> r.instanceProfileName("web-profile"));
        assertThat(iam.listInstanceProfiles().instanceProfiles()).isEmpty();
        iam.deleteRole(r -> r.roleName("web"));
    }
}
