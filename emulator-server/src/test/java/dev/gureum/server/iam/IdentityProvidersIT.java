package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.Tag;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SAML and OpenID Connect identity providers: created, read, changed, tagged, listed and deleted as IAM does. */
class IdentityProvidersIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private static final String ACCOUNT = "123456789012";
    private final IamClient iam = IamUsersIT.iam(gureum, ACCOUNT);

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    @Test
    void samlProviderLifecycle() {
        String metadata = SamlTestIdp.metadata(SamlTestIdp.ISSUER);
        var created = iam.createSAMLProvider(r -> r.name("Corp_IdP.1").samlMetadataDocument(metadata)
                .tags(Tag.builder().key("team").value("sec").build()));
        String arn = "arn:aws:iam::" + ACCOUNT + ":saml-provider/Corp_IdP.1";
        assertThat(created.samlProviderArn()).isEqualTo(arn);
        assertThat(created.tags()).extracting(Tag::key).containsExactly("team");

        GetSamlProviderResponse got = iam.getSAMLProvider(r -> r.samlProviderArn(arn));
        assertThat(got.samlMetadataDocument()).isEqualTo(metadata);
        assertThat(got.validUntil()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
        assertThat(got.createDate()).isNotNull();
        assertThat(got.samlProviderUUID()).matches("[A-Z0-9]{22,64}");
        assertThat(got.privateKeyList()).isEmpty();
        assertThat(iam.listSAMLProviders().samlProviderList()).singleElement()
                .satisfies(p -> assertThat(p.arn()).isEqualTo(arn));
        assertThat(iam.getAccountSummary().summaryMap().get(
                software.amazon.awssdk.services.iam.model.SummaryKeyType.PROVIDERS)).isEqualTo(1);

        // same name again
        assertIam(() -> iam.createSAMLProvider(r -> r.name("Corp_IdP.1").samlMetadataDocument(metadata)), 409,
                "EntityAlreadyExists", null);

        // encryption keys: added, required, removed
        var keyed = iam.updateSAMLProvider(r -> r.samlProviderArn(arn).addPrivateKey(SamlTestIdp.keyPem())
                .assertionEncryptionMode("Allowed"));
        assertThat(keyed.samlProviderArn()).isEqualTo(arn);
        GetSamlProviderResponse withKey = iam.getSAMLProvider(r -> r.samlProviderArn(arn));
        assertThat(withKey.assertionEncryptionModeAsString()).isEqualTo("Allowed");
        assertThat(withKey.privateKeyList()).singleElement().satisfies(k -> {
            assertThat(k.keyId()).matches("[A-Z0-9]{22,64}");
            assertThat(k.timestamp()).isNotNull();
        });
        String keyId = withKey.privateKeyList().get(0).keyId();
        assertIam(() -> iam.updateSAMLProvider(r -> r.samlProviderArn(arn).addPrivateKey("not a key")), 400,
                "InvalidInput", "Invalid private key.");
        assertIam(() -> iam.updateSAMLProvider(r -> r.samlProviderArn(arn).addPrivateKey(SamlTestIdp.keyPem())
                .removePrivateKey(keyId)), 400, "InvalidInput", "Unable to add and remove private keys in the same "
                + "request. Set a value for only one of the two parameters.");
        assertIam(() -> iam.updateSAMLProvider(r -> r.samlProviderArn(arn)), 400, "InvalidInput",
                "Unable to update identity provider. No updates are defined for metadata or encryption assertion.");
        assertIam(() -> iam.updateSAMLProvider(r -> r.samlProviderArn(arn).removePrivateKey("A".repeat(32))), 400,
                "InvalidInput", "Failed to remove private key because the Key ID does not match a private key.");
        iam.updateSAMLProvider(r -> r.samlProviderArn(arn).addPrivateKey(SamlTestIdp.keyPem()));
        assertIam(() -> iam.updateSAMLProvider(r -> r.samlProviderArn(arn).addPrivateKey(SamlTestIdp.keyPem())), 409,
                "LimitExceeded", "Private key limit of 2 is reached.");
        iam.updateSAMLProvider(r -> r.samlProviderArn(arn).removePrivateKey(keyId));
        assertThat(iam.getSAMLProvider(r -> r.samlProviderArn(arn)).privateKeyList()).hasSize(1);
        assertIam(() -> iam.createSAMLProvider(r -> r.name("Enc").samlMetadataDocument(metadata)
                .assertionEncryptionMode("Required")), 400, "InvalidInput",
                "Unable to set assertion encryption mode to Required because no private key is provided.");

        // a new metadata document replaces the old one
        String renewed = SamlTestIdp.metadata("https://idp.example.com/renewed");
        iam.updateSAMLProvider(r -> r.samlProviderArn(arn).samlMetadataDocument(renewed));
        assertThat(iam.getSAMLProvider(r -> r.samlProviderArn(arn)).samlMetadataDocument()).isEqualTo(renewed);

        // tags
        iam.tagSAMLProvider(r -> r.samlProviderArn(arn).tags(Tag.builder().key("env").value("prod").build()));
        iam.untagSAMLProvider(r -> r.samlProviderArn(arn).tagKeys("team"));
        assertThat(iam.listSAMLProviderTags(r -> r.samlProviderArn(arn)).tags())
                .containsExactly(Tag.builder().key("env").value("prod").build());

        iam.deleteSAMLProvider(r -> r.samlProviderArn(arn));
        assertThat(iam.listSAMLProviders().samlProviderList()).isEmpty();
        assertIam(() -> iam.getSAMLProvider(r -> r.samlProviderArn(arn)), 404, "NoSuchEntity",
                "Manifest not found for arn " + arn);
        assertIam(() -> iam.deleteSAMLProvider(r -> r.samlProviderArn(arn)), 404, "NoSuchEntity", null);
    }

    @Test
    void metadataIsValidatedAsIamReadsIt() {
        String good = SamlTestIdp.metadata(SamlTestIdp.ISSUER);
        String pad = "<!--" + "x".repeat(1000) + "-->";
        // not XML; a document type; no IDPSSODescriptor; no signing certificate; a certificate that is not one
        for (String bad : new String[] {"not xml " + "x".repeat(1000),
                "<!DOCTYPE md [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>" + good.substring(good.indexOf("<md:")),
                good.replace("IDPSSODescriptor", "SPSSODescriptor"),
                good.replaceAll("(?s)<md:KeyDescriptor.*</md:KeyDescriptor>", pad),
                good.replaceAll("(?s)<ds:X509Certificate>.*</ds:X509Certificate>",
                        "<ds:X509Certificate>AAAA</ds:X509Certificate>" + pad)}) {
            assertIam(() -> iam.createSAMLProvider(r -> r.name("Bad").samlMetadataDocument(bad)), 400, "InvalidInput",
                    "Could not parse metadata.");
        }
        assertIam(() -> iam.createSAMLProvider(r -> r.name("Short").samlMetadataDocument("<x/>")), 400,
                "ValidationError", null);
        assertIam(() -> iam.createSAMLProvider(r -> r.name("bad name!").samlMetadataDocument(good)), 400,
                "ValidationError", null);
        assertIam(() -> iam.getSAMLProvider(r -> r.samlProviderArn("arn:aws:iam::123456789012:role/not-a-provider")),
                400, "InvalidInput", null);
        assertThat(iam.listSAMLProviders().samlProviderList()).isEmpty();
    }

    @Test
    void openIdConnectProviderLifecycle() {
        String thumb = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
        var created = iam.createOpenIDConnectProvider(r -> r.url("https://token.example.com/tenant/")
                .clientIDList("app-1", "app-1", "app-2").thumbprintList(thumb)
                .tags(Tag.builder().key("k").value("v").build()));
        String arn = "arn:aws:iam::" + ACCOUNT + ":oidc-provider/token.example.com/tenant";
        assertThat(created.openIDConnectProviderArn()).isEqualTo(arn);
        GetOpenIdConnectProviderResponse got = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(got.url()).isEqualTo("token.example.com/tenant");
        assertThat(got.clientIDList()).containsExactly("app-1", "app-2");
        assertThat(got.thumbprintList()).containsExactly(thumb);
        assertThat(got.tags()).extracting(Tag::key).containsExactly("k");
        assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList()).singleElement()
                .satisfies(p -> assertThat(p.arn()).isEqualTo(arn));
        assertIam(() -> iam.createOpenIDConnectProvider(r -> r.url("https://token.example.com/tenant")), 409,
                "EntityAlreadyExists", null);

        iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("app-3"));
        iam.removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("app-1"));
        String other = "6938fd4d98bab03faadb97b34396831e3780aea1";
        iam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn).thumbprintList(other));
        got = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(got.clientIDList()).containsExactly("app-2", "app-3");
        assertThat(got.thumbprintList()).containsExactly(other);

        iam.tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(Tag.builder().key("a").value("1").build()));
        iam.untagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tagKeys("k"));
        assertThat(iam.listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(arn)).tags())
                .containsExactly(Tag.builder().key("a").value("1").build());

        assertIam(() -> iam.createOpenIDConnectProvider(r -> r.url("http://token.example.com")), 400, "InvalidInput",
                null);
        assertIam(() -> iam.createOpenIDConnectProvider(r -> r.url("https://x.example.com").thumbprintList("abc")),
                400, "ValidationError", null);
        assertIam(() -> iam.createOpenIDConnectProvider(r -> r.url("https://x.example.com").thumbprintList(
                thumb, other, thumb, other, thumb, other)), 409, "LimitExceeded", null);
        // a local identity provider may serve its keys over plain http
        assertThat(iam.createOpenIDConnectProvider(r -> r.url("http://localhost:8080/idp").clientIDList("app"))
                .openIDConnectProviderArn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":oidc-provider/localhost:8080/idp");

        iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertIam(() -> iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)), 404, "NoSuchEntity",
                "OpenIDConnect Provider not found for arn " + arn);
        assertIam(() -> iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("x")),
                404, "NoSuchEntity", null);
    }

    @Test
    void providersAreNotPartOfTheAuthorizationDetails() {
        iam.createSAMLProvider(r -> r.name("IdP").samlMetadataDocument(SamlTestIdp.metadata(SamlTestIdp.ISSUER)));
        var details = iam.getAccountAuthorizationDetails();
        assertThat(details.userDetailList()).isEmpty();
        assertThat(details.roleDetailList()).isEmpty();
        assertThat(details.toString()).doesNotContain("saml-provider");
    }

    static void assertIam(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }
}
