package dev.gureum.iam.domain;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What IAM reads of a SAML 2.0 identity provider's metadata document ({@code md:EntityDescriptor}): its
 * {@code entityID} (the issuer of its responses), its {@code validUntil}, and the X.509 certificates of its
 * {@code IDPSSODescriptor}'s signing keys ({@code KeyDescriptor} with {@code use="signing"} or no {@code use}),
 * which verify its responses' signatures.
 */
public record SamlMetadata(String entityId, Instant validUntil, List<X509Certificate> signingCertificates) {

    public static final String METADATA_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
    public static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

    /** A metadata document IAM cannot use; AWS answers {@code InvalidInput}, "Could not parse metadata." */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String detail) {
            super(detail);
        }
    }

    /**
     * A namespace-aware parser that reads data only: no document type declaration (so no entity is ever
     * expanded or fetched), no external schema or DTD, no XInclude, secure processing limits.
     */
    public static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        return f;
    }

    /** Reads a metadata document as IAM stores it. */
    public static SamlMetadata parse(String document) throws Invalid {
        Document doc;
        try {
            doc = secureFactory().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new Invalid("not well-formed XML without a document type");
        }
        Element root = doc.getDocumentElement();
        if (!METADATA_NS.equals(root.getNamespaceURI()) || !"EntityDescriptor".equals(root.getLocalName())) {
            throw new Invalid("the root is not an md:EntityDescriptor");
        }
        String entityId = root.getAttribute("entityID").trim();
        if (entityId.isEmpty()) {
            throw new Invalid("no entityID");
        }
        Instant validUntil = null;
        if (root.hasAttribute("validUntil")) {
            try {
                validUntil = OffsetDateTime.parse(root.getAttribute("validUntil").trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw new Invalid("validUntil is not a time");
            }
        }
        Element idp = child(root, METADATA_NS, "IDPSSODescriptor");
        if (idp == null) {
            throw new Invalid("no IDPSSODescriptor");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Node n = idp.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element key && METADATA_NS.equals(key.getNamespaceURI())
                    && "KeyDescriptor".equals(key.getLocalName())
                    && (!key.hasAttribute("use") || "signing".equals(key.getAttribute("use")))) {
                NodeList certs = key.getElementsByTagNameNS(DSIG_NS, "X509Certificate");
                for (int i = 0; i < certs.getLength(); i++) {
                    certificates.add(certificate(certs.item(i).getTextContent()));
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new Invalid("no signing certificate");
        }
        return new SamlMetadata(entityId, validUntil, List.copyOf(certificates));
    }

    private static X509Certificate certificate(String base64) throws Invalid {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64.trim());
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (IllegalArgumentException | CertificateException e) {
            throw new Invalid("a signing certificate is not an X.509 certificate");
        }
    }

    private static Element child(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
