package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.PolicySourceType;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM's policy simulator, answered by the evaluator every service uses, and the policy grammar's messages. */
class IamSimulationIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private static final String READ_BUCKET = """
            {"Version": "2012-10-17",
             "Statement": [
              {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"},
              {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:GetObject",
               "Resource": "arn:aws:s3:::bucket/secret/*"}]}""";
    private static final String ALL = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}}";
    private static final String ONLY_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final IamClient iam = IamUsersIT.iam(gureum, "test");

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    @Test
    void aUsersOwnAndGroupPoliciesAllowDenyOrSayNothing() {
        iam.createUser(r -> r.userName("bob"));
        iam.createGroup(r -> r.groupName("readers"));
        iam.addUserToGroup(r -> r.groupName("readers").userName("bob"));
        iam.putGroupPolicy(r -> r.groupName("readers").policyName("ReadBucket").policyDocument(READ_BUCKET));
        iam.attachUserPolicy(r -> r.userName("bob").policyArn("arn:aws:iam::aws:policy/AmazonSQSFullAccess"));

        SimulatePrincipalPolicyResponse response = iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::000000000000:user/bob")
                .actionNames("s3:GetObject", "sqs:SendMessage", "ec2:RunInstances")
                .resourceArns("arn:aws:s3:::bucket/public/a", "arn:aws:s3:::bucket/secret/b"));
        assertThat(response.isTruncated()).isFalse();
        List<EvaluationResult> results = response.evaluationResults();
        assertThat(results).extracting(EvaluationResult::evalActionName, EvaluationResult::evalResourceName,
                EvaluationResult::evalDecision).containsExactly(
                org.assertj.core.groups.Tuple.tuple("s3:GetObject", "arn:aws:s3:::bucket/public/a",
                        PolicyEvaluationDecisionType.ALLOWED),
                org.assertj.core.groups.Tuple.tuple("s3:GetObject", "arn:aws:s3:::bucket/secret/b",
                        PolicyEvaluationDecisionType.EXPLICIT_DENY),
                org.assertj.core.groups.Tuple.tuple("sqs:SendMessage", "arn:aws:s3:::bucket/public/a",
                        PolicyEvaluationDecisionType.ALLOWED),
                org.assertj.core.groups.Tuple.tuple("sqs:SendMessage", "arn:aws:s3:::bucket/secret/b",
                        PolicyEvaluationDecisionType.ALLOWED),
                org.assertj.core.groups.Tuple.tuple("ec2:RunInstances", "arn:aws:s3:::bucket/public/a",
                        PolicyEvaluationDecisionType.IMPLICIT_DENY),
                org.assertj.core.groups.Tuple.tuple("ec2:RunInstances", "arn:aws:s3:::bucket/secret/b",
                        PolicyEvaluationDecisionType.IMPLICIT_DENY));

        Statement read = results.get(0).matchedStatements().get(0);
        assertThat(read.sourcePolicyId()).isEqualTo("ReadBucket");
        assertThat(read.sourcePolicyType()).isEqualTo(PolicySourceType.GROUP);
        assertThat(read.startPosition().line()).isEqualTo(3);
        assertThat(read.startPosition().column()).isEqualTo(3);
        assertThat(read.endPosition().line()).isEqualTo(3);
        // a deny names only the denying statement
        Statement deny = results.get(1).matchedStatements().get(0);
        assertThat(results.get(1).matchedStatements()).hasSize(1);
        assertThat(deny.startPosition().line()).isEqualTo(4);
        assertThat(deny.endPosition().line()).isEqualTo(5);
        assertThat(results.get(2).matchedStatements()).singleElement().satisfies(s -> {
            assertThat(s.sourcePolicyId()).isEqualTo("AmazonSQSFullAccess");
            assertThat(s.sourcePolicyType()).isEqualTo(PolicySourceType.AWS_MANAGED);
        });
        assertThat(results.get(4).matchedStatements()).isEmpty();
        assertThat(results.get(0).resourceSpecificResults()).singleElement().satisfies(rs -> {
            assertThat(rs.evalResourceName()).isEqualTo("arn:aws:s3:::bucket/public/a");
            assertThat(rs.evalResourceDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        });
        assertThat(results.get(0).permissionsBoundaryDecisionDetail()).isNull();

        SimulatePrincipalPolicyResponse page = iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::000000000000:user/bob").actionNames("s3:GetObject", "s3:ListBucket",
                        "s3:PutObject").maxItems(2));
        assertThat(page.isTruncated()).isTrue();
        assertThat(page.evaluationResults()).hasSize(2);
        assertThat(iam.simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::000000000000:user/bob")
                .actionNames("s3:GetObject", "s3:ListBucket", "s3:PutObject").marker(page.marker()))
                .evaluationResults()).singleElement().satisfies(e -> {
                    assertThat(e.evalActionName()).isEqualTo("s3:PutObject");
                    assertThat(e.evalResourceName()).isEqualTo("*");
                    assertThat(e.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
                });
    }

    @Test
    void aRolesBoundaryLimitsWhatItsPoliciesAllow() {
        iam.createPolicy(r -> r.policyName("OnlyS3").policyDocument(ONLY_S3));
        iam.createRole(r -> r.roleName("app").assumeRolePolicyDocument(TRUST)
                .permissionsBoundary("arn:aws:iam::000000000000:policy/OnlyS3"));
        iam.putRolePolicy(r -> r.roleName("app").policyName("Everything").policyDocument(ALL));

        List<EvaluationResult> results = iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::000000000000:role/app").actionNames("s3:PutObject", "sqs:SendMessage"))
                .evaluationResults();
        assertThat(results.get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(results.get(0).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isTrue();
        assertThat(results.get(0).matchedStatements()).extracting(Statement::sourcePolicyId)
                .containsExactlyInAnyOrder("Everything", "OnlyS3");
        assertThat(results.get(1).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(results.get(1).permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();

        // a boundary given to the simulation takes the place of the role's
        assertThat(iam.simulatePrincipalPolicy(r -> r.policySourceArn("arn:aws:iam::000000000000:role/app")
                .actionNames("sqs:SendMessage").permissionsBoundaryPolicyInputList(ALL)).evaluationResults().get(0)
                .evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThatThrownBy(() -> iam.simulatePrincipalPolicy(r -> r
                .policySourceArn("arn:aws:iam::000000000000:role/nobody").actionNames("s3:GetObject")))
                .isInstanceOf(NoSuchEntityException.class);
    }

    @Test
    void customPoliciesAreDecidedWithTheContextGivenAndSayWhatIsMissing() {
        String fromTheOffice = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
                 "Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}""";
        EvaluationResult without = iam.simulateCustomPolicy(r -> r.policyInputList(fromTheOffice)
                .actionNames("s3:GetObject")).evaluationResults().get(0);
        assertThat(without.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        assertThat(without.missingContextValues()).containsExactly("aws:SourceIp");

        EvaluationResult inside = iam.simulateCustomPolicy(r -> r.policyInputList(fromTheOffice)
                .actionNames("s3:GetObject").contextEntries(c -> c.contextKeyName("aws:SourceIp")
                        .contextKeyType(ContextKeyTypeEnum.IP).contextKeyValues("203.0.113.7"))).evaluationResults().get(0);
        assertThat(inside.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(inside.missingContextValues()).isEmpty();
        assertThat(inside.matchedStatements()).singleElement().satisfies(s -> {
            assertThat(s.sourcePolicyId()).isEqualTo("PolicyInputList.1");
            assertThat(s.sourcePolicyType()).isEqualTo(PolicySourceType.NONE);
        });
        assertThat(iam.simulateCustomPolicy(r -> r.policyInputList(fromTheOffice).actionNames("s3:GetObject")
                .contextEntries(c -> c.contextKeyName("aws:SourceIp").contextKeyType(ContextKeyTypeEnum.IP)
                        .contextKeyValues("198.51.100.1"))).evaluationResults().get(0).evalDecision())
                .isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);

        assertThatThrownBy(() -> iam.simulateCustomPolicy(r -> r.policyInputList("{not json")
                .actionNames("s3:GetObject"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("This policy contains invalid Json");
    }

    @Test
    void aResourcePolicyDecidesForTheCallerItNames() {
        String bucketPolicy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::111122223333:user/carol"},"Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::shared/*"}]}""";
        String carolsOwn = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}";
        // another account's user: both her own policies and the bucket's must allow
        EvaluationResult cross = iam.simulateCustomPolicy(r -> r.policyInputList(carolsOwn).actionNames("s3:GetObject")
                .resourceArns("arn:aws:s3:::shared/a").resourcePolicy(bucketPolicy)
                .callerArn("arn:aws:iam::111122223333:user/carol").resourceOwner("arn:aws:iam::000000000000:root"))
                .evaluationResults().get(0);
        assertThat(cross.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
        assertThat(cross.matchedStatements()).extracting(Statement::sourcePolicyType)
                .containsExactlyInAnyOrder(PolicySourceType.NONE, PolicySourceType.RESOURCE);
        EvaluationResult stranger = iam.simulateCustomPolicy(r -> r.policyInputList(carolsOwn)
                .actionNames("s3:GetObject").resourceArns("arn:aws:s3:::shared/a").resourcePolicy(bucketPolicy)
                .callerArn("arn:aws:iam::444455556666:user/dave").resourceOwner("arn:aws:iam::000000000000:root"))
                .evaluationResults().get(0);
        assertThat(stranger.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
    }

    @Test
    void policyDocumentsAreRefusedWithAwsMessages() {
        iam.createUser(r -> r.userName("bob"));
        assertThatThrownBy(() -> iam.putUserPolicy(r -> r.userName("bob").policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"GetObject\","
                        + "\"Resource\":\"*\"}}"))).isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessageContaining("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
        assertThatThrownBy(() -> iam.createPolicy(r -> r.policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                        + "\"Resource\":\"bucket\"}}"))).isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessageContaining("Resource bucket must be in ARN format or \"*\".");
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("r").assumeRolePolicyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\"}}")))
                .isInstanceOf(MalformedPolicyDocumentException.class).hasMessageContaining("Missing required field Action");
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("r").assumeRolePolicyDocument("trust.json")))
                .isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessageContaining("This policy contains invalid Json");
        iam.createPolicy(r -> r.policyName("p").policyDocument(ONLY_S3));
        assertThatThrownBy(() -> iam.createPolicyVersion(r -> r.policyArn("arn:aws:iam::000000000000:policy/p")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\","
                        + "\"Action\":\"s3:*\",\"Resource\":\"*\"},{\"Sid\":\"A\",\"Effect\":\"Deny\","
                        + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessageContaining("Statement IDs (SID) in a single policy must be unique.");
        assertThatThrownBy(() -> iam.putGroupPolicy(r -> r.groupName("g").policyName("p").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                        + "\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"a:b\":\"c\"}}}}")))
                .isInstanceOf(MalformedPolicyDocumentException.class)
                .hasMessageContaining("Invalid Condition type : StringEqualz");
    }
}
