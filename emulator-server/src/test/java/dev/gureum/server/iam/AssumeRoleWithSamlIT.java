package dev.gureum.server.iam;

import dev.gureum.core.testing.MutableClock;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A SAML identity provider's user assumes a role its assertion names, as the role's trust policy allows. */
class AssumeRoleWithSamlIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.enforceIam(true).clock(CLOCK));

    private static final String A = "111111111111";
    private static final String ISSUER = SamlTestIdp.ISSUER;
    private static final String PROVIDER = "arn:aws:iam::" + A + ":saml-provider/ExampleIdP";
    private final IamClient iamA = IamUsersIT.iam(gureum, A);
    private final StsClient anonymous = StsClient.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create()).build();

    @BeforeEach
    void reset() {
        gureum.reset();
        CLOCK.set(Instant.parse("2026-03-01T10:00:00Z"));
        iamA.createSAMLProvider(p -> p.name("ExampleIdP").samlMetadataDocument(SamlTestIdp.metadata(ISSUER)));
    }

    private static String trust(String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\""
                + PROVIDER + "\"},\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":" + condition + "}]}";
    }

    /** A response the test identity provider signed (its assertion). */
    static String assertion(String roleArn, String providerArn, String sessionName, Instant notOnOrAfter) {
        return SamlTestIdp.signed(responseXml(roleArn, providerArn, sessionName, notOnOrAfter, ISSUER),
                SamlTestIdp.Signed.ASSERTION, SamlTestIdp.KEY);
    }

    static String responseXml(String roleArn, String providerArn, String sessionName, Instant notOnOrAfter,
                              String issuer) {
        return "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r1\" Version=\"2.0\">"
                + "<saml:Issuer xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">" + issuer + "</saml:Issuer>"
                + "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_a1\" Version=\"2.0\">"
                + "<saml:Issuer>" + issuer + "</saml:Issuer>"
                + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent\">"
                + "alice@example.com</saml:NameID><saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
                + "<saml:SubjectConfirmationData NotOnOrAfter=\"" + notOnOrAfter
                + "\" Recipient=\"https://signin.aws.amazon.com/saml\"/></saml:SubjectConfirmation></saml:Subject>"
                + "<saml:Conditions NotOnOrAfter=\"" + notOnOrAfter + "\"><saml:AudienceRestriction>"
                + "<saml:Audience>urn:amazon:webservices</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
                + "<saml:AttributeStatement>"
                + "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/Role\"><saml:AttributeValue>"
                + roleArn + "," + providerArn + "</saml:AttributeValue></saml:Attribute>"
                + "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\"><saml:AttributeValue>"
                + sessionName + "</saml:AttributeValue></saml:Attribute>"
                + "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/SessionDuration\"><saml:AttributeValue>"
                + "1800</saml:AttributeValue></saml:Attribute>"
                + "</saml:AttributeStatement></saml:Assertion></samlp:Response>";
    }

    @Test
    void theAssertionsUserActsAsTheRole() throws Exception {
        String role = iamA.createRole(r -> r.roleName("saml-reader").path("/federated/").assumeRolePolicyDocument(
                trust("{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}"))).role().arn();
        iamA.putRolePolicy(r -> r.roleName("saml-reader").policyName("list").policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListAllMyBuckets\","
                        + "\"Resource\":\"*\"}]}"));
        Instant expires = CLOCK.instant().plus(Duration.ofMinutes(5));

        AssumeRoleWithSamlResponse r = anonymous.assumeRoleWithSAML(a -> a.roleArn(role).principalArn(PROVIDER)
                .samlAssertion(assertion(role, PROVIDER, "alice", expires)));

        assertThat(r.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/saml-reader/alice");
        assertThat(r.subject()).isEqualTo("alice@example.com");
        assertThat(r.subjectType()).isEqualTo("persistent");
        assertThat(r.issuer()).isEqualTo(ISSUER);
        assertThat(r.audience()).isEqualTo("https://signin.aws.amazon.com/saml");
        // BASE64(SHA1(issuer + account + "/" + provider name)), as AWS documents it
        assertThat(r.nameQualifier()).isEqualTo(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((ISSUER + A + "/ExampleIdP").getBytes(StandardCharsets.UTF_8))));
        // the SessionDuration attribute sets the session's length
        assertThat(r.credentials().expiration()).isEqualTo(CLOCK.instant().plusSeconds(1800));
        try (S3Client s3 = s3(r.credentials()); StsClient sts = sts(r.credentials())) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo(r.assumedRoleUser().arn());
            s3.listBuckets();
            assertThatThrownBy(() -> s3.createBucket(b -> b.bucket("not-allowed")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void theTrustPolicyAndTheAssertionDecide() {
        String role = iamA.createRole(r -> r.roleName("other-aud").assumeRolePolicyDocument(
                trust("{\"StringEquals\":{\"SAML:aud\":\"https://elsewhere.example.com\"}}"))).role().arn();
        String open = iamA.createRole(r -> r.roleName("open").assumeRolePolicyDocument(trust("{}"))).role().arn();
        Instant expires = CLOCK.instant().plus(Duration.ofMinutes(5));
        assertError(() -> anonymous.assumeRoleWithSAML(a -> a.roleArn(role).principalArn(PROVIDER)
                .samlAssertion(assertion(role, PROVIDER, "alice", expires))), 403, "AccessDenied");
        // the assertion must pair the role with that provider
        assertError(() -> anonymous.assumeRoleWithSAML(a -> a.roleArn(open).principalArn(PROVIDER)
                .samlAssertion(assertion(role, PROVIDER, "alice", expires))), 403, "AccessDenied");
        assertThat(anonymous.assumeRoleWithSAML(a -> a.roleArn(open).principalArn(PROVIDER)
                .samlAssertion(assertion(open, PROVIDER, "alice", expires))).sourceIdentity()).isNull();
        // expired on the server's clock
        CLOCK.set(expires);
        assertError(() -> anonymous.assumeRoleWithSAML(a -> a.roleArn(open).principalArn(PROVIDER)
                .samlAssertion(assertion(open, PROVIDER, "alice", expires))), 400, "ExpiredTokenException");
        assertError(() -> anonymous.assumeRoleWithSAML(a -> a.roleArn(open).principalArn(PROVIDER)
                .samlAssertion(Base64.getEncoder().encodeToString("<not-xml".getBytes(StandardCharsets.UTF_8)))),
                400, "InvalidIdentityToken");
        // a document type (and so any external entity) is refused
        String xxe = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><r>&x;</r>";
        assertError(() -> anonymous.assumeRoleWithSAML(a -> a.roleArn(open).principalArn(PROVIDER)
                .samlAssertion(Base64.getEncoder().encodeToString(xxe.getBytes(StandardCharsets.UTF_8)))),
                400, "InvalidIdentityToken");
    }

    @Test
    void theResponseMustBeSignedByTheProvidersKey() throws Exception {
        String open = iamA.createRole(r -> r.roleName("open").assumeRolePolicyDocument(trust("{}"))).role().arn();
        Instant expires = CLOCK.instant().plus(Duration.ofMinutes(5));
        String xml = responseXml(open, PROVIDER, "alice", expires, ISSUER);
        // the response signed instead of its assertion is as good
        assertThat(assume(open, SamlTestIdp.signed(xml, SamlTestIdp.Signed.RESPONSE, SamlTestIdp.KEY))
                .assumedRoleUser().arn()).endsWith(":assumed-role/open/alice");
        assertRefused(open, SamlTestIdp.signed(xml, SamlTestIdp.Signed.NONE, SamlTestIdp.KEY),
                "Response signature invalid");
        // signed by a key the provider's metadata does not hold
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        assertRefused(open, SamlTestIdp.signed(xml, SamlTestIdp.Signed.ASSERTION, g.generateKeyPair().getPrivate()),
                "Response signature invalid");
        // tampered after signing: another session name
        String signed = new String(Base64.getDecoder().decode(assertion(open, PROVIDER, "alice", expires)),
                StandardCharsets.UTF_8);
        assertRefused(open, Base64.getEncoder().encodeToString(signed.replace(">alice<", ">mallory<")
                .getBytes(StandardCharsets.UTF_8)), "Response signature invalid");
        // signature wrapping: the signed assertion moved aside, another one in its place
        String evil = responseXml(open, PROVIDER, "mallory", expires, ISSUER);
        String signedAssertion = signed.substring(signed.indexOf("<saml:Assertion"),
                signed.indexOf("</saml:Assertion>") + "</saml:Assertion>".length());
        String wrapped = evil.replace("<saml:Assertion ", "<samlp:Extensions>" + signedAssertion
                + "</samlp:Extensions><saml:Assertion ");
        assertRefused(open, Base64.getEncoder().encodeToString(wrapped.getBytes(StandardCharsets.UTF_8)),
                "Invalid SAML response: it must hold exactly one Assertion, as a child of the Response");
        // the signed response's assertion keeps its ID, the unsigned copy claims it too
        String responseSigned = new String(Base64.getDecoder().decode(SamlTestIdp.signed(xml,
                SamlTestIdp.Signed.RESPONSE, SamlTestIdp.KEY)), StandardCharsets.UTF_8);
        assertRefused(open, Base64.getEncoder().encodeToString(responseSigned.replace("ID=\"_r1\"", "ID=\"_a1\"")
                .getBytes(StandardCharsets.UTF_8)), "Response signature invalid");
    }

    @Test
    void theProviderMustExistInTheRolesAccountAndHaveIssuedTheResponse() {
        String open = iamA.createRole(r -> r.roleName("open").assumeRolePolicyDocument(trust("{}"))).role().arn();
        Instant expires = CLOCK.instant().plus(Duration.ofMinutes(5));
        String other = "arn:aws:iam::" + A + ":saml-provider/Other";
        assertThatThrownBy(() -> anonymous.assumeRoleWithSAML(a -> a.roleArn(open).principalArn(other)
                .samlAssertion(assertion(open, other, "alice", expires))))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Specified provider doesn't exist.");
                });
        // a provider of another account does not serve this account's roles
        IamClient iamB = IamUsersIT.iam(gureum, "222222222222");
        iamB.createSAMLProvider(p -> p.name("ExampleIdP").samlMetadataDocument(SamlTestIdp.metadata(ISSUER)));
        String foreign = "arn:aws:iam::222222222222:saml-provider/ExampleIdP";
        assertRefused(open, foreign, assertion(open, foreign, "alice", expires), "Specified provider doesn't exist.");
        assertRefused(open, SamlTestIdp.signed(responseXml(open, PROVIDER, "alice", expires,
                "https://other-idp.example.com"), SamlTestIdp.Signed.ASSERTION, SamlTestIdp.KEY),
                "Issuer not present in specified provider");
        // encrypted assertions are not decrypted; a provider that requires them takes no plain one
        String encrypted = responseXml(open, PROVIDER, "alice", expires, ISSUER).replaceAll(
                "(?s)<saml:Assertion .*</saml:Assertion>", "<saml:EncryptedAssertion "
                        + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"/>");
        assertRefused(open, Base64.getEncoder().encodeToString(encrypted.getBytes(StandardCharsets.UTF_8)),
                "Invalid SAML response: Gureum does not decrypt encrypted assertions");
        iamA.updateSAMLProvider(p -> p.samlProviderArn(PROVIDER).addPrivateKey(SamlTestIdp.keyPem())
                .assertionEncryptionMode("Required"));
        assertRefused(open, assertion(open, PROVIDER, "alice", expires), "The provider requires encrypted "
                + "assertions, and the response's assertion is not encrypted");
        // once deleted, the provider is gone for STS too
        iamA.deleteSAMLProvider(p -> p.samlProviderArn(PROVIDER));
        assertRefused(open, assertion(open, PROVIDER, "alice", expires), "Specified provider doesn't exist.");
    }

    private AssumeRoleWithSamlResponse assume(String role, String response) {
        return anonymous.assumeRoleWithSAML(a -> a.roleArn(role).principalArn(PROVIDER).samlAssertion(response));
    }

    private void assertRefused(String role, String response, String message) {
        assertRefused(role, PROVIDER, response, message);
    }

    private void assertRefused(String role, String provider, String response, String message) {
        assertThatThrownBy(() -> anonymous.assumeRoleWithSAML(a -> a.roleArn(role).principalArn(provider)
                .samlAssertion(response))).isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidIdentityToken");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }

    private static void assertError(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
        });
    }

    private static StaticCredentialsProvider keys(Credentials c) {
        return StaticCredentialsProvider.create(
                AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
    }

    private static S3Client s3(Credentials c) {
        return S3Client.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(keys(c)).build();
    }

    private static StsClient sts(Credentials c) {
        return StsClient.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(keys(c)).build();
    }
}
