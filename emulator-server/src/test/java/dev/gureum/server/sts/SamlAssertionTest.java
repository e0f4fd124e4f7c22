package dev.gureum.server.sts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What STS reads of a SAML response. */
class SamlAssertionTest {

    private static final String ROLE = "arn:aws:iam::111111111111:role/app";
    private static final String IDP = "arn:aws:iam::111111111111:saml-provider/Okta";

    private static String encoded(String format, String role, String notOnOrAfter) {
        String xml = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">"
                + "<saml:Issuer>http://www.okta.com/exk1</saml:Issuer><saml:Subject>"
                + "<saml:NameID" + (format == null ? "" : " Format=\"" + format + "\"") + ">bob</saml:NameID>"
                + "<saml:SubjectConfirmation><saml:SubjectConfirmationData Recipient=\"https://signin.aws.amazon.com/saml\""
                + " NotOnOrAfter=\"" + notOnOrAfter + "\"/></saml:SubjectConfirmation></saml:Subject>"
                + "<saml:Conditions><saml:AudienceRestriction><saml:Audience>urn:amazon:webservices</saml:Audience>"
                + "</saml:AudienceRestriction></saml:Conditions><saml:AttributeStatement>"
                + "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/Role\">"
                + "<saml:AttributeValue>" + role + "</saml:AttributeValue></saml:Attribute>"
                + "<saml:Attribute Name=\"https://aws.amazon.com/SAML/Attributes/RoleSessionName\">"
                + "<saml:AttributeValue>bob</saml:AttributeValue></saml:Attribute>"
                + "</saml:AttributeStatement></saml:Assertion></samlp:Response>";
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheAssertion() throws Exception {
        SamlAssertion a = SamlAssertion.parse(encoded("urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
                IDP + "," + ROLE, "2026-03-01T10:05:00Z"));
        assertThat(a.issuer()).isEqualTo("http://www.okta.com/exk1");
        assertThat(a.subject()).isEqualTo("bob");
        assertThat(a.subjectType()).isEqualTo("transient");
        assertThat(a.audiences()).isEqualTo(List.of("urn:amazon:webservices"));
        assertThat(a.recipient()).isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(a.notOnOrAfter()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(a.aws("RoleSessionName")).contains("bob");
        assertThat(a.aws("SessionDuration")).isEmpty();
        // the pair may name the provider first
        assertThat(a.grants(ROLE, IDP)).isTrue();
        assertThat(a.grants(ROLE, "arn:aws:iam::111111111111:saml-provider/Other")).isFalse();
        assertThat(a.nameQualifier("111111111111", "Okta")).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-1").digest("http://www.okta.com/exk1111111111111/Okta"
                        .getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aFormatOutsideSaml2sIsKeptWhole() throws Exception {
        String email = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
        assertThat(SamlAssertion.parse(encoded(email, ROLE + "," + IDP, "2026-03-01T10:05:00Z")).subjectType())
                .isEqualTo(email);
        assertThat(SamlAssertion.parse(encoded(null, ROLE + "," + IDP, "2026-03-01T10:05:00Z")).subjectType())
                .isNull();
    }

    @Test
    void refusesWhatIsNotAResponse() {
        String entity = "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
        for (String bad : List.of("not base64 !", Base64.getEncoder().encodeToString("<a".getBytes()),
                Base64.getEncoder().encodeToString(entity.getBytes()),
                Base64.getEncoder().encodeToString("<r/>".getBytes()))) {
            assertThatThrownBy(() -> SamlAssertion.parse(bad)).as(bad).isInstanceOf(SamlAssertion.Unreadable.class);
        }
        assertThatThrownBy(() -> SamlAssertion.parse(encoded(null, ROLE + "," + IDP, "tomorrow")))
                .isInstanceOf(SamlAssertion.Unreadable.class);
    }
}
