package dev.gureum.server.iam;

import dev.gureum.core.testing.SdkClients;
import dev.gureum.server.GureumServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.StsClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM's state kept in a data directory: every entity, field by field, after a restart. */
class IamRestartIT {

    private static GureumServer server(Path dataDir) {
        return GureumServer.builder().port(0).dataDir(dataDir).services(Set.of("iam", "sts")).build().start();
    }

    private static IamClient iam(URI endpoint) {
        return SdkClients.configure(IamClient.builder(), endpoint, "test", Region.AWS_GLOBAL).build();
    }

    @Test
    void everyEntityIsAsItWasAfterARestart(@TempDir Path dataDir) {
        GetAccountAuthorizationDetailsResponse before;
        AccessKey key;
        String profileBefore;
        String deviceSerial;
        String samlBefore;
        String oidcBefore;
        String samlArn = "arn:aws:iam::000000000000:saml-provider/Corp";
        String oidcArn = "arn:aws:iam::000000000000:oidc-provider/token.example.com";
        try (GureumServer server = server(dataDir); IamClient iam = iam(server.endpoint())) {
            String policy = iam.createPolicy(r -> r.policyName("Mine").path("/team/").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")
                    .description("mine").tags(Tag.builder().key("k").value("v").build())).policy().arn();
            iam.createPolicyVersion(r -> r.policyArn(policy).setAsDefault(true).policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
            iam.createUser(r -> r.userName("alice").path("/people/").permissionsBoundary(policy)
                    .tags(Tag.builder().key("team").value("a").build()));
            iam.createGroup(r -> r.groupName("devs").path("/g/"));
            iam.addUserToGroup(r -> r.groupName("devs").userName("alice"));
            iam.attachGroupPolicy(r -> r.groupName("devs").policyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
            iam.putGroupPolicy(r -> r.groupName("devs").policyName("g-inline").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}]}"));
            iam.attachUserPolicy(r -> r.userName("alice").policyArn(policy));
            iam.putUserPolicy(r -> r.userName("alice").policyName("u-inline").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sns:*\",\"Resource\":\"*\"}]}"));
            iam.createLoginProfile(r -> r.userName("alice").password("Pa55word!").passwordResetRequired(true));
            key = iam.createAccessKey(r -> r.userName("alice")).accessKey();
            iam.createRole(r -> r.roleName("fn").path("/svc/").assumeRolePolicyDocument(IamPoliciesIT.TRUST)
                    .description("function").maxSessionDuration(7200).permissionsBoundary(policy)
                    .tags(Tag.builder().key("env").value("prod").build()));
            iam.attachRolePolicy(r -> r.roleName("fn")
                    .policyArn("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
            iam.putRolePolicy(r -> r.roleName("fn").policyName("r-inline").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
            iam.createServiceLinkedRole(r -> r.awsServiceName("elasticloadbalancing.amazonaws.com"));
            iam.createInstanceProfile(r -> r.instanceProfileName("fn-profile").tags(Tag.builder().key("p").value("1").build()));
            iam.addRoleToInstanceProfile(r -> r.instanceProfileName("fn-profile").roleName("fn"));
            deviceSerial = iam.createVirtualMFADevice(r -> r.virtualMFADeviceName("alice-phone")).virtualMFADevice()
                    .serialNumber();
            iam.enableMFADevice(r -> r.userName("alice").serialNumber(deviceSerial).authenticationCode1("111111")
                    .authenticationCode2("222222"));
            iam.updateAccessKey(r -> r.userName("alice").accessKeyId(key.accessKeyId()).status("Inactive"));
            iam.updateAccessKey(r -> r.userName("alice").accessKeyId(key.accessKeyId()).status("Active"));
            iam.createUser(r -> r.userName("gone"));
            iam.deleteUser(r -> r.userName("gone"));
            iam.createSAMLProvider(r -> r.name("Corp").samlMetadataDocument(SamlTestIdp.metadata(SamlTestIdp.ISSUER))
                    .addPrivateKey(SamlTestIdp.keyPem()).assertionEncryptionMode("Allowed")
                    .tags(Tag.builder().key("s").value("1").build()));
            iam.createSAMLProvider(r -> r.name("Gone").samlMetadataDocument(SamlTestIdp.metadata(SamlTestIdp.ISSUER)));
            iam.deleteSAMLProvider(r -> r.samlProviderArn("arn:aws:iam::000000000000:saml-provider/Gone"));
            iam.createOpenIDConnectProvider(r -> r.url("https://token.example.com").clientIDList("app")
                    .thumbprintList("9e99a48a9960b14926bb7f3b02e22da2b0ab7280")
                    .tags(Tag.builder().key("o").value("2").build()));
            iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(oidcArn).clientID("app-2"));
            samlBefore = iam.getSAMLProvider(r -> r.samlProviderArn(samlArn)).toString();
            oidcBefore = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(oidcArn)).toString();
            before = iam.getAccountAuthorizationDetails();
            profileBefore = iam.getInstanceProfile(r -> r.instanceProfileName("fn-profile")).instanceProfile().toString();
        }

        try (GureumServer server = server(dataDir); IamClient iam = iam(server.endpoint())) {
            GetAccountAuthorizationDetailsResponse after = iam.getAccountAuthorizationDetails();
            assertThat(after.userDetailList()).isEqualTo(before.userDetailList());
            assertThat(after.groupDetailList()).isEqualTo(before.groupDetailList());
            assertThat(after.roleDetailList()).isEqualTo(before.roleDetailList());
            assertThat(after.policies()).isEqualTo(before.policies());
            assertThat(iam.getInstanceProfile(r -> r.instanceProfileName("fn-profile")).instanceProfile().toString())
                    .isEqualTo(profileBefore);
            assertThat(iam.getRole(r -> r.roleName("fn")).role().maxSessionDuration()).isEqualTo(7200);
            assertThat(iam.getLoginProfile(r -> r.userName("alice")).loginProfile().passwordResetRequired()).isTrue();
            assertThat(iam.listMFADevices(r -> r.userName("alice")).mfaDevices()).singleElement()
                    .satisfies(d -> assertThat(d.serialNumber()).isEqualTo(deviceSerial));
            assertThat(iam.listAccessKeys(r -> r.userName("alice")).accessKeyMetadata()).singleElement()
                    .satisfies(k -> assertThat(k.statusAsString()).isEqualTo("Active"));
            assertThat(iam.listPolicyVersions(r -> r.policyArn("arn:aws:iam::000000000000:policy/team/Mine")).versions())
                    .hasSize(2);
            assertThat(iam.listPolicyTags(r -> r.policyArn("arn:aws:iam::000000000000:policy/team/Mine")).tags())
                    .extracting(Tag::key).containsExactly("k");
            assertThatThrownBy(() -> iam.getUser(r -> r.userName("gone"))).isInstanceOf(NoSuchEntityException.class);
            assertThat(iam.getSAMLProvider(r -> r.samlProviderArn(samlArn)).toString()).isEqualTo(samlBefore);
            assertThat(iam.listSAMLProviders().samlProviderList()).hasSize(1);
            assertThat(iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(oidcArn)).toString())
                    .isEqualTo(oidcBefore);
            // the user's key still acts as the user
            try (StsClient sts = SdkClients.configure(StsClient.builder(), server.endpoint())
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build()) {
                assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::000000000000:user/people/alice");
            }
        }
    }
}
