package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Managed policies and versions, AWS managed policies, attachments, inline policies, the account's views. */
class IamPoliciesIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    static final String S3_READ = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", "
            + "\"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::bucket/*\"}]\n}";
    private static final String S3_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}}";

    private final IamClient iam = IamUsersIT.iam(gureum, "test");

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    private static String decoded(String document) {
        return URLDecoder.decode(document, StandardCharsets.UTF_8);
    }

    @Test
    void aManagedPolicyKeepsUpToFiveVersions() {
        Policy policy = iam.createPolicy(r -> r.policyName("ReadBucket").path("/app/").policyDocument(S3_READ)
                .description("reads the bucket")).policy();
        assertThat(policy.arn()).isEqualTo("arn:aws:iam::000000000000:policy/app/ReadBucket");
        assertThat(policy.policyId()).startsWith("ANPA").hasSize(21);
        assertThat(policy.defaultVersionId()).isEqualTo("v1");
        assertThat(policy.attachmentCount()).isZero();

        PolicyVersion v1 = iam.getPolicyVersion(r -> r.policyArn(policy.arn()).versionId("v1")).policyVersion();
        // documents are answered URL-encoded, exactly as given
        assertThat(v1.document()).startsWith("%7B%0A%20%20%22Version%22");
        assertThat(decoded(v1.document())).isEqualTo(S3_READ);
        assertThat(v1.isDefaultVersion()).isTrue();

        for (int i = 2; i <= 5; i++) {
            boolean makeDefault = i == 3;
            assertThat(iam.createPolicyVersion(r -> r.policyArn(policy.arn()).policyDocument(S3_ALL)
                    .setAsDefault(makeDefault)).policyVersion().versionId()).isEqualTo("v" + i);
        }
        assertThat(iam.getPolicy(r -> r.policyArn(policy.arn())).policy().defaultVersionId()).isEqualTo("v3");
        assertThatThrownBy(() -> iam.createPolicyVersion(r -> r.policyArn(policy.arn()).policyDocument(S3_ALL)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("A managed policy can have up to 5 versions.");
        assertThatThrownBy(() -> iam.deletePolicyVersion(r -> r.policyArn(policy.arn()).versionId("v3")))
                .isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("Cannot delete the default version of a policy.");
        iam.deletePolicyVersion(r -> r.policyArn(policy.arn()).versionId("v2"));
        // numbers are never reused
        assertThat(iam.createPolicyVersion(r -> r.policyArn(policy.arn()).policyDocument(S3_ALL))
                .policyVersion().versionId()).isEqualTo("v6");
        assertThat(iam.listPolicyVersions(r -> r.policyArn(policy.arn())).versions())
                .extracting(PolicyVersion::versionId).containsExactly("v6", "v5", "v4", "v3", "v1");
        iam.setDefaultPolicyVersion(r -> r.policyArn(policy.arn()).versionId("v1"));
        assertThat(iam.getPolicy(r -> r.policyArn(policy.arn())).policy().defaultVersionId()).isEqualTo("v1");
        assertThatThrownBy(() -> iam.setDefaultPolicyVersion(r -> r.policyArn(policy.arn()).versionId("v2")))
                .isInstanceOf(NoSuchEntityException.class);

        assertThatThrownBy(() -> iam.deletePolicy(r -> r.policyArn(policy.arn())))
                .isInstanceOf(DeleteConflictException.class).hasMessageContaining("more than one version");
        for (String v : new String[] {"v3", "v4", "v5", "v6"}) {
            iam.deletePolicyVersion(r -> r.policyArn(policy.arn()).versionId(v));
        }
        iam.deletePolicy(r -> r.policyArn(policy.arn()));
        assertThatThrownBy(() -> iam.getPolicy(r -> r.policyArn(policy.arn()))).isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("Policy arn:aws:iam::000000000000:policy/app/ReadBucket was not found.");
    }

    @Test
    void malformedDocumentsAreRefusedWithAwsMessages() {
        assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("p").policyDocument("{not json")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("This policy contains invalid Json");
        assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("Missing required field Effect");
        assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\"}"))).isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessageContaining("Syntax errors in policy.");
        assertThatThrownBy(() -> iam.putUserPolicy(r -> r.userName("x").policyName("p").policyDocument(TRUST)))
                .isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessageContaining("Policy document should not specify a principal.");
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("r").assumeRolePolicyDocument(S3_ALL)))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("Missing required field Principal");
    }

    @Test
    void awsManagedPoliciesAreThereByTheirRealArns() {
        Policy admin = iam.getPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/AdministratorAccess")).policy();
        assertThat(admin.policyName()).isEqualTo("AdministratorAccess");
        String document = iam.getPolicyVersion(r -> r.policyArn(admin.arn()).versionId(admin.defaultVersionId()))
                .policyVersion().document();
        assertThat(decoded(document).replaceAll("\\s", ""))
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
        Policy basic = iam.getPolicy(r -> r.policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))
                .policy();
        assertThat(basic.path()).isEqualTo("/service-role/");
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.AWS)).policies()).extracting(Policy::arn).contains(
                "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3FullAccess",
                "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
                "arn:aws:iam::aws:policy/AmazonSNSFullAccess",
                "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
                "arn:aws:iam::aws:policy/AWSLambda_FullAccess", "arn:aws:iam::aws:policy/AmazonEC2FullAccess",
                "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess", "arn:aws:iam::aws:policy/CloudWatchFullAccess");
        iam.createPolicy(r -> r.policyName("Mine").policyDocument(S3_ALL));
        assertThat(iam.listPolicies(r -> r.scope(PolicyScopeType.LOCAL)).policies()).extracting(Policy::policyName)
                .containsExactly("Mine");
        assertThat(iam.listPolicies(r -> r.onlyAttached(true)).policies()).isEmpty();
    }

    @Test
    void policiesAttachToUsersGroupsAndRoles() {
        iam.createUser(r -> r.userName("u"));
        iam.createGroup(r -> r.groupName("g"));
        iam.createRole(r -> r.roleName("fn").assumeRolePolicyDocument(TRUST));
        String basic = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";
        String mine = iam.createPolicy(r -> r.policyName("Mine").policyDocument(S3_ALL)).policy().arn();
        iam.attachRolePolicy(r -> r.roleName("fn").policyArn(basic));
        iam.attachUserPolicy(r -> r.userName("u").policyArn(mine));
        iam.attachGroupPolicy(r -> r.groupName("g").policyArn(mine));

        assertThat(iam.listAttachedRolePolicies(r -> r.roleName("fn")).attachedPolicies())
                .containsExactly(AttachedPolicy.builder().policyName("AWSLambdaBasicExecutionRole").policyArn(basic).build());
        assertThat(iam.getPolicy(r -> r.policyArn(mine)).policy().attachmentCount()).isEqualTo(2);
        var entities = iam.listEntitiesForPolicy(r -> r.policyArn(mine));
        assertThat(entities.policyUsers()).extracting(u -> u.userName()).containsExactly("u");
        assertThat(entities.policyGroups()).extracting(g -> g.groupName()).containsExactly("g");
        assertThat(entities.policyRoles()).isEmpty();
        assertThat(iam.listPolicies(r -> r.onlyAttached(true)).policies()).extracting(Policy::arn)
                .containsExactlyInAnyOrder(basic, mine);

        assertThatThrownBy(() -> iam.deletePolicy(r -> r.policyArn(mine))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("Cannot delete a policy attached to entities.");
        assertThatThrownBy(() -> iam.attachUserPolicy(r -> r.userName("u")
                .policyArn("arn:aws:iam::aws:policy/NoSuchPolicy"))).isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.");
        assertThatThrownBy(() -> iam.deleteRole(r -> r.roleName("fn"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must detach all policies first");

        iam.detachRolePolicy(r -> r.roleName("fn").policyArn(basic));
        iam.detachUserPolicy(r -> r.userName("u").policyArn(mine));
        iam.detachGroupPolicy(r -> r.groupName("g").policyArn(mine));
        assertThatThrownBy(() -> iam.detachGroupPolicy(r -> r.groupName("g").policyArn(mine)))
                .isInstanceOf(NoSuchEntityException.class);
        iam.deletePolicy(r -> r.policyArn(mine));
        iam.deleteRole(r -> r.roleName("fn"));
    }

    @Test
    void inlinePoliciesOfUsersGroupsAndRoles() {
        iam.createUser(r -> r.userName("u"));
        iam.createGroup(r -> r.groupName("g"));
        iam.createRole(r -> r.roleName("r").assumeRolePolicyDocument(TRUST));
        iam.putUserPolicy(r -> r.userName("u").policyName("read").policyDocument(S3_READ));
        iam.putGroupPolicy(r -> r.groupName("g").policyName("all").policyDocument(S3_ALL));
        iam.putRolePolicy(r -> r.roleName("r").policyName("read").policyDocument(S3_READ));
        iam.putRolePolicy(r -> r.roleName("r").policyName("all").policyDocument(S3_ALL));

        var got = iam.getUserPolicy(r -> r.userName("u").policyName("read"));
        assertThat(got.userName()).isEqualTo("u");
        assertThat(decoded(got.policyDocument())).isEqualTo(S3_READ);
        assertThat(decoded(iam.getGroupPolicy(r -> r.groupName("g").policyName("all")).policyDocument())).isEqualTo(S3_ALL);
        assertThat(iam.listRolePolicies(r -> r.roleName("r")).policyNames()).containsExactly("all", "read");
        assertThatThrownBy(() -> iam.getRolePolicy(r -> r.roleName("r").policyName("none")))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("The role policy with name none cannot be found.");
        assertThatThrownBy(() -> iam.deleteUser(r -> r.userName("u"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must delete policies first");

        iam.deleteRolePolicy(r -> r.roleName("r").policyName("all"));
        assertThat(iam.listRolePolicies(r -> r.roleName("r")).policyNames()).containsExactly("read");
        iam.deleteUserPolicy(r -> r.userName("u").policyName("read"));
        iam.deleteGroupPolicy(r -> r.groupName("g").policyName("all"));
        assertThat(iam.listUserPolicies(r -> r.userName("u")).policyNames()).isEmpty();
        assertThat(iam.listGroupPolicies(r -> r.groupName("g")).policyNames()).isEmpty();
    }

    @Test
    void theAccountIsSummedUpAndDetailed() {
        iam.createUser(r -> r.userName("u"));
        iam.createGroup(r -> r.groupName("g"));
        iam.addUserToGroup(r -> r.groupName("g").userName("u"));
        iam.createRole(r -> r.roleName("r").assumeRolePolicyDocument(TRUST));
        iam.attachRolePolicy(r -> r.roleName("r").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
        iam.putUserPolicy(r -> r.userName("u").policyName("read").policyDocument(S3_READ));
        iam.createPolicy(r -> r.policyName("Mine").policyDocument(S3_ALL));

        var summary = iam.getAccountSummary().summaryMap();
        assertThat(summary.get(SummaryKeyType.USERS)).isEqualTo(1);
        assertThat(summary.get(SummaryKeyType.ROLES)).isEqualTo(1);
        assertThat(summary.get(SummaryKeyType.POLICIES)).isEqualTo(1);
        assertThat(summary.get(SummaryKeyType.USERS_QUOTA)).isEqualTo(5000);

        GetAccountAuthorizationDetailsResponse details = iam.getAccountAuthorizationDetails();
        assertThat(details.userDetailList()).singleElement().satisfies(u -> {
            assertThat(u.groupList()).containsExactly("g");
            assertThat(decoded(u.userPolicyList().get(0).policyDocument())).isEqualTo(S3_READ);
        });
        assertThat(details.roleDetailList()).singleElement().satisfies(r -> {
            assertThat(decoded(r.assumeRolePolicyDocument())).isEqualTo(TRUST);
            assertThat(r.attachedManagedPolicies()).extracting(AttachedPolicy::policyName).containsExactly("ReadOnlyAccess");
        });
        assertThat(details.policies()).extracting(p -> p.policyName()).containsExactlyInAnyOrder("Mine", "ReadOnlyAccess");
        assertThat(details.policies()).allSatisfy(p -> assertThat(p.policyVersionList()).isNotEmpty());
    }

    @Test
    void permissionsBoundariesAndPolicyTags() {
        String boundary = iam.createPolicy(r -> r.policyName("Boundary").policyDocument(S3_ALL)
                .tags(t -> t.key("kind").value("boundary"))).policy().arn();
        iam.createUser(r -> r.userName("u").permissionsBoundary(boundary));
        assertThat(iam.getUser(r -> r.userName("u")).user().permissionsBoundary().permissionsBoundaryArn())
                .isEqualTo(boundary);
        assertThat(iam.getPolicy(r -> r.policyArn(boundary)).policy().permissionsBoundaryUsageCount()).isEqualTo(1);
        iam.deleteUserPermissionsBoundary(r -> r.userName("u"));
        assertThat(iam.getUser(r -> r.userName("u")).user().permissionsBoundary()).isNull();
        assertThat(iam.listPolicyTags(r -> r.policyArn(boundary)).tags()).extracting(t -> t.value())
                .containsExactly("boundary");
        iam.untagPolicy(r -> r.policyArn(boundary).tagKeys("kind"));
        assertThat(iam.listPolicyTags(r -> r.policyArn(boundary)).tags()).isEmpty();
        assertThatThrownBy(() -> iam.createUser(r -> r.userName("v")
                .permissionsBoundary("arn:aws:iam::000000000000:policy/Nothing")))
                .isInstanceOf(NoSuchEntityException.class);
    }
}
