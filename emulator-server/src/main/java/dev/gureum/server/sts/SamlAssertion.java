package dev.gureum.server.sts;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.gureum.iam.domain.SamlMetadata;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What STS reads of a SAML 2.0 authentication response ({@code samlp:Response}, base64-encoded) that an identity
 * provider gave a user for {@code AssumeRoleWithSAML}: the issuer, the subject's {@code NameID} and its format,
 * the audience, the validity ({@code NotOnOrAfter}) and the attributes, among them AWS's
 * {@code https://aws.amazon.com/SAML/Attributes/Role} (pairs of role and provider ARNs), {@code RoleSessionName},
 * {@code SessionDuration} and {@code SourceIdentity}. {@link SamlSignature} verifies its signature.
 */
record SamlAssertion(String issuer, String subject, String subjectFormat, List<String> audiences,
                     String recipient, Instant notOnOrAfter, Map<String, List<String>> attributes) {

    static final String ATTRIBUTES = "https://aws.amazon.com/SAML/Attributes/";
    private static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final String NAME_ID_FORMAT = "urn:oasis:names:tc:SAML:2.0:nameid-format:";

    /** Why an assertion cannot be read. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** A response as read: its values, and the elements a signature must cover. */
    record Read(SamlAssertion values, Element response, Element assertion) {
    }

    /** Reads a base64-encoded SAML response. */
    static SamlAssertion parse(String base64) throws Unreadable {
        return read(base64).values();
    }

    /**
     * Reads a base64-encoded SAML response: a {@code samlp:Response} holding exactly one (plain) assertion as its
     * child, from which every value is read.
     */
    static Read read(String base64) throws Unreadable {
        byte[] xml;
        try {
            xml = Base64.getMimeDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new Unreadable("Invalid base64 SAMLResponse");
        }
        Document doc;
        try {
            // no document type, no external entity or schema: a response is data, never a reference to follow
            doc = SamlMetadata.secureFactory().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new Unreadable("Invalid SAML response: it is not well-formed XML");
        }
        Element response = doc.getDocumentElement();
        if (!PROTOCOL_NS.equals(response.getNamespaceURI()) || !"Response".equals(response.getLocalName())) {
            throw new Unreadable("Invalid SAML response: its root is not a samlp:Response");
        }
        if (doc.getElementsByTagNameNS(ASSERTION_NS, "EncryptedAssertion").getLength() > 0) {
            throw new Unreadable("Invalid SAML response: Gureum does not decrypt encrypted assertions");
        }
        NodeList assertions = doc.getElementsByTagNameNS(ASSERTION_NS, "Assertion");
        if (assertions.getLength() != 1 || assertions.item(0).getParentNode() != response) {
            throw new Unreadable("Invalid SAML response: it must hold exactly one Assertion, as a child of the Response");
        }
        Element assertion = (Element) assertions.item(0);
        return new Read(values(assertion), response, assertion);
    }

    private static SamlAssertion values(Element assertion) throws Unreadable {
        Element issuer = first(assertion, "Issuer");
        Element nameId = first(assertion, "NameID");
        if (issuer == null || nameId == null) {
            throw new Unreadable("Invalid SAML response: the assertion names no Issuer or no Subject NameID");
        }
        List<String> audiences = new ArrayList<>();
        NodeList a = assertion.getElementsByTagNameNS(ASSERTION_NS, "Audience");
        for (int i = 0; i < a.getLength(); i++) {
            audiences.add(a.item(i).getTextContent().trim());
        }
        Element confirmation = first(assertion, "SubjectConfirmationData");
        String recipient = confirmation == null || confirmation.getAttribute("Recipient").isEmpty() ? null
                : confirmation.getAttribute("Recipient");
        Instant notOnOrAfter = null;
        for (String element : List.of("Conditions", "SubjectConfirmationData")) {
            NodeList n = assertion.getElementsByTagNameNS(ASSERTION_NS, element);
            for (int i = 0; i < n.getLength(); i++) {
                String t = ((Element) n.item(i)).getAttribute("NotOnOrAfter");
                if (!t.isEmpty()) {
                    Instant at = instant(t);
                    notOnOrAfter = notOnOrAfter == null || at.isBefore(notOnOrAfter) ? at : notOnOrAfter;
                }
            }
        }
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        NodeList attrs = assertion.getElementsByTagNameNS(ASSERTION_NS, "Attribute");
        for (int i = 0; i < attrs.getLength(); i++) {
            Element attr = (Element) attrs.item(i);
            List<String> values = attributes.computeIfAbsent(attr.getAttribute("Name"), k -> new ArrayList<>());
            NodeList v = attr.getElementsByTagNameNS(ASSERTION_NS, "AttributeValue");
            for (int j = 0; j < v.getLength(); j++) {
                values.add(v.item(j).getTextContent().trim());
            }
        }
        String format = nameId.getAttribute("Format");
        return new SamlAssertion(issuer.getTextContent().trim(), nameId.getTextContent().trim(),
                format.isEmpty() ? null : format, List.copyOf(audiences), recipient, notOnOrAfter, attributes);
    }

    /** The first value of one of AWS's attributes ({@code RoleSessionName}...). */
    Optional<String> aws(String name) {
        List<String> v = attributes.getOrDefault(ATTRIBUTES + name, List.of());
        return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** Whether the {@code Role} attribute pairs this role with this provider (in either order, as AWS accepts). */
    boolean grants(String roleArn, String providerArn) {
        for (String value : attributes.getOrDefault(ATTRIBUTES + "Role", List.of())) {
            String[] pair = value.split(",");
            if (pair.length == 2 && (pair[0].trim().equals(roleArn) && pair[1].trim().equals(providerArn)
                    || pair[1].trim().equals(roleArn) && pair[0].trim().equals(providerArn))) {
                return true;
            }
        }
        return false;
    }

    /** {@code SubjectType}: the NameID format, without SAML 2.0's prefix ({@code persistent}, {@code transient}). */
    String subjectType() {
        if (subjectFormat == null) {
            return null;
        }
        return subjectFormat.startsWith(NAME_ID_FORMAT) ? subjectFormat.substring(NAME_ID_FORMAT.length())
                : subjectFormat;
    }

    /**
     * {@code NameQualifier}, as AWS documents it: {@code BASE64(SHA1(issuer + account id + "/" + provider name))},
     * which with the subject names the user uniquely.
     */
    String nameQualifier(String accountId, String providerName) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((issuer + accountId + "/" + providerName).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element first(Element in, String localName) {
        NodeList n = in.getElementsByTagNameNS(ASSERTION_NS, localName);
        return n.getLength() == 0 ? null : (Element) n.item(0);
    }

    private static Instant instant(String text) throws Unreadable {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new Unreadable("Invalid SAML response: NotOnOrAfter is not a time");
        }
    }
}
