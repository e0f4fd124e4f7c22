package dev.gureum.server.iam;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * A SAML identity provider for tests: its key and certificate (test data in {@code saml/}, made once with
 * {@code openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=idp.example.com}), its metadata document,
 * and responses signed as identity providers sign them (enveloped RSA-SHA256 signature, exclusive canonicalization).
 */
final class SamlTestIdp {

    static final String ISSUER = "https://idp.example.com/saml";
    static final PrivateKey KEY = key("saml/idp-key.pem");
    static final X509Certificate CERTIFICATE = certificate("saml/idp-cert.pem");

    private SamlTestIdp() {
    }

    /** The metadata document of an identity provider with that entity id, signing with the test certificate. */
    static String metadata(String entityId) {
        String cert;
        try {
            cert = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(CERTIFICATE.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return "<?xml version=\"1.0\"?>\n<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" "
                + "entityID=\"" + entityId + "\" validUntil=\"2099-01-01T00:00:00Z\">\n"
                + "  <md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n"
                + "    <md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
                + "<ds:X509Data><ds:X509Certificate>\n" + cert + "\n</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
                + "</md:KeyDescriptor>\n"
                + "    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\n"
                + "    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" "
                + "Location=\"https://idp.example.com/sso\"/>\n"
                + "  </md:IDPSSODescriptor>\n</md:EntityDescriptor>\n";
    }

    /** What is signed: the assertion, the whole response, or nothing. */
    enum Signed { ASSERTION, RESPONSE, NONE }

    /** Signs the response's XML (the assertion's or the response's {@code ID}) and encodes it in base64. */
    static String signed(String xml, Signed what, PrivateKey key) {
        try {
            Document doc = parse(xml);
            Element response = doc.getDocumentElement();
            Element assertion = (Element) doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion",
                    "Assertion").item(0);
            if (what != Signed.NONE) {
                Element target = what == Signed.ASSERTION ? assertion : response;
                target.setIdAttributeNS(null, "ID", true);
                sign(target, key);
            }
            return Base64.getEncoder().encodeToString(serialize(doc).getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String serialize(Document doc) throws Exception {
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }

    private static void sign(Element target, PrivateKey key) throws Exception {
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        Reference ref = f.newReference("#" + target.getAttribute("ID"), f.newDigestMethod(DigestMethod.SHA256, null),
                List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
        SignedInfo info = f.newSignedInfo(f.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE,
                (C14NMethodParameterSpec) null), f.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(ref));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        var keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(List.of(CERTIFICATE))));
        // the signature goes after the element's Issuer, as SAML's schema places it
        Node issuer = target.getFirstChild();
        DOMSignContext context = new DOMSignContext(key, target, issuer == null ? null : issuer.getNextSibling());
        f.newXMLSignature(info, keyInfo).sign(context);
    }

    private static PrivateKey key(String resource) {
        try (InputStream in = SamlTestIdp.class.getClassLoader().getResourceAsStream(resource)) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(String resource) {
        try (InputStream in = SamlTestIdp.class.getClassLoader().getResourceAsStream(resource)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key's PEM text, as {@code AddPrivateKey} takes it. */
    static String keyPem() {
        try (InputStream in = SamlTestIdp.class.getClassLoader().getResourceAsStream("saml/idp-key.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
