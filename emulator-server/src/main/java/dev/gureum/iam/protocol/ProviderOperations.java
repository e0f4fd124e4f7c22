package dev.gureum.iam.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.iam.domain.Entities.OidcProvider;
import dev.gureum.iam.domain.Entities.SamlProvider;
import dev.gureum.iam.domain.Providers;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.gureum.iam.protocol.IamService.account;
import static dev.gureum.iam.protocol.IamService.partition;

/** Identity providers: SAML 2.0 providers and OpenID Connect providers, their tags and lists. */
final class ProviderOperations {

    private static final Pattern SAML_NAME = Pattern.compile("[\\w._-]+");
    private static final Pattern KEY_ID = Pattern.compile("[A-Z0-9]+");
    private static final Pattern PRIVATE_KEY = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    /** Hosts a local identity provider may serve its keys from over plain http (an extension: AWS takes https only). */
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final IamService iam;

    ProviderOperations(IamService iam) {
        this.iam = iam;
    }

    private Providers providers() {
        return iam.providers();
    }

    void register() {
        iam.operation("CreateSAMLProvider", r -> {
            Params p = r.params();
            String name = IamInputs.checked(IamInputs.required(p, "Name"), "Name", 1, 128, SAML_NAME);
            String metadata = IamInputs.checked(IamInputs.required(p, "SAMLMetadataDocument"), "SAMLMetadataDocument",
                    1000, 10_000_000, null);
            String mode = encryptionMode(p);
            String key = IamInputs.checked(p.string("AddPrivateKey"), "AddPrivateKey", 1, 16384, PRIVATE_KEY);
            var tags = IamInputs.tags(p);
            return iam.change(c -> {
                SamlProvider s = providers().createSaml(c, account(r), partition(r), name, metadata, mode, key, tags);
                return Struct.of().put("SAMLProviderArn", s.arn()).list("Tags", IamShapes.tags(s.tags()));
            });
        });
        iam.operation("GetSAMLProvider", r -> {
            SamlProvider s = providers().saml(account(r), samlArn(r.params()));
            return Struct.of().put("SAMLProviderUUID", s.uuid()).put("SAMLMetadataDocument", s.metadata())
                    .put("CreateDate", s.created()).put("ValidUntil", s.validUntil())
                    .list("Tags", IamShapes.tags(s.tags())).put("AssertionEncryptionMode", s.encryptionMode())
                    .list("PrivateKeyList", s.privateKeys(), k -> Struct.of().put("KeyId", k.keyId())
                            .put("Timestamp", k.added()));
        });
        iam.operation("UpdateSAMLProvider", r -> {
            Params p = r.params();
            String arn = samlArn(p);
            Providers.SamlChange change = new Providers.SamlChange(
                    IamInputs.checked(p.string("SAMLMetadataDocument"), "SAMLMetadataDocument", 1000, 10_000_000, null),
                    encryptionMode(p),
                    IamInputs.checked(p.string("AddPrivateKey"), "AddPrivateKey", 1, 16384, PRIVATE_KEY),
                    IamInputs.checked(p.string("RemovePrivateKey"), "RemovePrivateKey", 22, 64, KEY_ID));
            return iam.change(c -> Struct.of().put("SAMLProviderArn",
                    providers().updateSaml(c, account(r), arn, change).arn()));
        });
        iam.operation("DeleteSAMLProvider", r -> {
            String arn = samlArn(r.params());
            return iam.change(c -> {
                providers().deleteSaml(c, account(r), arn);
                return null;
            });
        });
        iam.operation("ListSAMLProviders", r -> Struct.of().list("SAMLProviderList",
                providers().samlProviders(account(r)), s -> Struct.of().put("Arn", s.arn())
                        .put("ValidUntil", s.validUntil()).put("CreateDate", s.created())));
        iam.operation("TagSAMLProvider", r -> {
            String arn = samlArn(r.params());
            var tags = IamInputs.tags(r.params());
            return iam.change(c -> {
                providers().tagSaml(c, account(r), arn, tags);
                return null;
            });
        });
        iam.operation("UntagSAMLProvider", r -> {
            String arn = samlArn(r.params());
            return iam.change(c -> {
                providers().untagSaml(c, account(r), arn, IamInputs.tagKeys(r.params()));
                return null;
            });
        });
        iam.operation("ListSAMLProviderTags", r -> IamInputs.page(Struct.of(), "Tags",
                IamShapes.tags(providers().saml(account(r), samlArn(r.params())).tags()), r, t -> t));
        registerOidc();
    }

    private void registerOidc() {
        iam.operation("CreateOpenIDConnectProvider", r -> {
            Params p = r.params();
            String url = oidcUrl(IamInputs.checked(IamInputs.required(p, "Url"), "Url", 1, 255, null));
            List<String> clientIds = clientIds(p.stringList("ClientIDList"));
            List<String> thumbprints = thumbprints(p.stringList("ThumbprintList"));
            var tags = IamInputs.tags(p);
            return iam.change(c -> {
                OidcProvider o = providers().createOidc(c, account(r), partition(r), url, clientIds, thumbprints, tags);
                return Struct.of().put("OpenIDConnectProviderArn", o.arn()).list("Tags", IamShapes.tags(o.tags()));
            });
        });
        iam.operation("GetOpenIDConnectProvider", r -> {
            OidcProvider o = providers().oidc(account(r), oidcArn(r.params()));
            return Struct.of().put("Url", o.url()).list("ClientIDList", o.clientIds())
                    .list("ThumbprintList", o.thumbprints()).put("CreateDate", o.created())
                    .list("Tags", IamShapes.tags(o.tags()));
        });
        iam.operation("AddClientIDToOpenIDConnectProvider", r -> {
            String arn = oidcArn(r.params());
            String clientId = clientIds(List.of(IamInputs.required(r.params(), "ClientID"))).get(0);
            return iam.change(c -> {
                providers().addClientId(c, account(r), arn, clientId);
                return null;
            });
        });
        iam.operation("RemoveClientIDFromOpenIDConnectProvider", r -> {
            String arn = oidcArn(r.params());
            String clientId = clientIds(List.of(IamInputs.required(r.params(), "ClientID"))).get(0);
            return iam.change(c -> {
                providers().removeClientId(c, account(r), arn, clientId);
                return null;
            });
        });
        iam.operation("UpdateOpenIDConnectProviderThumbprint", r -> {
            String arn = oidcArn(r.params());
            if (!r.params().has("ThumbprintList")) {
                IamInputs.required(r.params(), "ThumbprintList");
            }
            List<String> thumbprints = thumbprints(r.params().stringList("ThumbprintList"));
            return iam.change(c -> {
                providers().updateThumbprints(c, account(r), arn, thumbprints);
                return null;
            });
        });
        iam.operation("DeleteOpenIDConnectProvider", r -> {
            String arn = oidcArn(r.params());
            return iam.change(c -> {
                providers().deleteOidc(c, account(r), arn);
                return null;
            });
        });
        iam.operation("ListOpenIDConnectProviders", r -> Struct.of().list("OpenIDConnectProviderList",
                providers().oidcProviders(account(r)), o -> Struct.of().put("Arn", o.arn())));
        iam.operation("TagOpenIDConnectProvider", r -> {
            String arn = oidcArn(r.params());
            var tags = IamInputs.tags(r.params());
            return iam.change(c -> {
                providers().tagOidc(c, account(r), arn, tags);
                return null;
            });
        });
        iam.operation("UntagOpenIDConnectProvider", r -> {
            String arn = oidcArn(r.params());
            return iam.change(c -> {
                providers().untagOidc(c, account(r), arn, IamInputs.tagKeys(r.params()));
                return null;
            });
        });
        iam.operation("ListOpenIDConnectProviderTags", r -> IamInputs.page(Struct.of(), "Tags",
                IamShapes.tags(providers().oidc(account(r), oidcArn(r.params())).tags()), r, t -> t));
    }

    private static String encryptionMode(Params p) {
        String mode = p.string("AssertionEncryptionMode");
        if (mode != null && !mode.equals("Required") && !mode.equals("Allowed")) {
            throw IamError.validation("Value '" + mode + "' at 'assertionEncryptionMode' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [Required, Allowed]");
        }
        return mode;
    }

    private static String samlArn(Params p) {
        return providerArn(p, "SAMLProviderArn", "saml-provider/");
    }

    private static String oidcArn(Params p) {
        return providerArn(p, "OpenIDConnectProviderArn", "oidc-provider/");
    }

    private static String providerArn(Params p, String member, String kind) {
        String arn = IamInputs.checked(IamInputs.required(p, member), member, 20, 2048, null);
        try {
            Arn parsed = Arn.parse(arn);
            if (!parsed.service().equals("iam") || !parsed.resource().startsWith(kind)
                    || parsed.resource().length() == kind.length()) {
                throw new IllegalArgumentException(arn);
            }
        } catch (IllegalArgumentException e) {
            throw new AwsException(IamError.INVALID_INPUT, "ARN " + arn + " is not valid.");
        }
        return arn;
    }

    /**
     * An issuer's URL as its provider is named: without {@code https://} and a final {@code /}. AWS takes https
     * only; Gureum also takes {@code http://} for a loopback host, so that a local identity provider can serve its keys.
     */
    static String oidcUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new AwsException(IamError.INVALID_INPUT, "Invalid Url " + url);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean localHttp = "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                && LOOPBACK.contains(uri.getHost().toLowerCase(java.util.Locale.ROOT));
        if (!https && !localHttp || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new AwsException(IamError.INVALID_INPUT, "Invalid Url " + url + ": it must begin with https://");
        }
        String rest = url.substring(url.indexOf("://") + 3);
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }

    private static List<String> clientIds(List<String> ids) {
        ids.forEach(id -> IamInputs.checked(id, "ClientID", 1, 255, null));
        return ids;
    }

    private static List<String> thumbprints(List<String> thumbprints) {
        thumbprints.forEach(t -> IamInputs.checked(t, "ThumbprintList.member", 40, 40, null));
        return thumbprints;
    }
}
