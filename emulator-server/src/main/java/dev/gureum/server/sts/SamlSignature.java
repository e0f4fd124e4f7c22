package dev.gureum.server.sts;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.IamRoles;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

/**
 * Verifies the XML signature of a SAML response (JDK XML Digital Signature API, secure validation on) against the
 * signing certificates of its provider's metadata. The response itself or its one assertion must be signed, by an
 * enveloped signature that is a child of the signed element and whose single reference names that element's
 * {@code ID}; only those two elements' {@code ID}s are resolvable, so no other element (a copy placed elsewhere, as in
 * signature wrapping) can stand for the signed one.
 */
final class SamlSignature {

    static final String DSIG_NS = XMLSignature.XMLNS;
    private static final Set<String> TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS);

    private SamlSignature() {
    }

    /**
     * Refuses, with AWS's {@code InvalidIdentityToken}, a response whose provider IAM does not have in the role's
     * account, whose issuer is not the provider's {@code entityID}, or whose signature does not verify against the
     * provider's signing certificates.
     */
    static void checkProvider(SamlAssertion.Read read, String providerArn, String roleAccount, IamRoles iam) {
        Arn arn;
        try {
            arn = Arn.parse(providerArn);
        } catch (IllegalArgumentException e) {
            throw new AwsException(StsError.VALIDATION_ERROR, providerArn + " is invalid");
        }
        IamRoles.SamlProvider provider = arn.accountId().equals(roleAccount) && arn.service().equals("iam")
                ? iam.samlProvider(providerArn).orElse(null) : null;
        if (provider == null) {
            throw new AwsException(StsError.INVALID_IDENTITY_TOKEN, "Specified provider doesn't exist.");
        }
        if (!provider.entityId().equals(read.values().issuer())) {
            throw new AwsException(StsError.INVALID_IDENTITY_TOKEN, "Issuer not present in specified provider");
        }
        if ("Required".equals(provider.encryptionMode())) {
            throw new AwsException(StsError.INVALID_IDENTITY_TOKEN, "The provider requires encrypted assertions, "
                    + "and the response's assertion is not encrypted");
        }
        if (!verify(read.response(), read.assertion(), provider.signingCertificates())) {
            throw new AwsException(StsError.INVALID_IDENTITY_TOKEN, "Response signature invalid");
        }
    }

    /**
     * Whether the response or its assertion carries a valid signature by one of the certificates; a signature that is
     * there but does not verify refuses the response even when the other element is signed well.
     *
     * @param response  the document's root ({@code samlp:Response})
     * @param assertion the one assertion, a child of {@code response}
     */
    static boolean verify(Element response, Element assertion, List<X509Certificate> certificates) {
        String responseId = response.getAttribute("ID");
        String assertionId = assertion.getAttribute("ID");
        if (!responseId.isEmpty() && responseId.equals(assertionId)) {
            return false;
        }
        if (!responseId.isEmpty()) {
            response.setIdAttributeNS(null, "ID", true);
        }
        if (!assertionId.isEmpty()) {
            assertion.setIdAttributeNS(null, "ID", true);
        }
        boolean signed = false;
        for (Element signer : List.of(response, assertion)) {
            Element signature = signatureOf(signer);
            if (signature == null) {
                continue;
            }
            if (!verifies(signer, signature, certificates)) {
                return false;
            }
            signed = true;
        }
        return signed;
    }

    /** The element's own signature, or {@code null}; with more than one, the element itself (never verifies). */
    private static Element signatureOf(Element element) {
        Element found = null;
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && DSIG_NS.equals(e.getNamespaceURI()) && "Signature".equals(e.getLocalName())) {
                if (found != null) {
                    return element;
                }
                found = e;
            }
        }
        return found;
    }

    private static boolean verifies(Element signed, Element signatureElement, List<X509Certificate> certificates) {
        String id = signed.getAttribute("ID");
        if (id.isEmpty() || signatureElement == signed) {
            return false;
        }
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
        for (X509Certificate certificate : certificates) {
            DOMValidateContext context = new DOMValidateContext(certificate.getPublicKey(), signatureElement);
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            try {
                XMLSignature signature = factory.unmarshalXMLSignature(context);
                List<?> references = signature.getSignedInfo().getReferences();
                if (references.size() != 1) {
                    return false;
                }
                Reference reference = (Reference) references.get(0);
                if (!("#" + id).equals(reference.getURI())) {
                    return false;
                }
                for (Object t : reference.getTransforms()) {
                    if (!TRANSFORMS.contains(((Transform) t).getAlgorithm())) {
                        return false;
                    }
                }
                if (signature.validate(context)) {
                    return true;
                }
            } catch (MarshalException | XMLSignatureException | ClassCastException e) {
                return false;
            }
        }
        return false;
    }
}
