package dev.gureum.iam.domain;

import dev.gureum.core.id.Ids;
import dev.gureum.iam.domain.Entities.Kind;
import dev.gureum.iam.domain.Entities.OidcProvider;
import dev.gureum.iam.domain.Entities.Removed;
import dev.gureum.iam.domain.Entities.SamlPrivateKey;
import dev.gureum.iam.domain.Entities.SamlProvider;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Identity providers: SAML 2.0 providers (their metadata and encryption keys) and OpenID Connect providers. */
public final class Providers {

    /** IAM's quotas: 100 client ids per OIDC provider, 5 thumbprints, 2 private keys per SAML provider. */
    static final int CLIENT_IDS = 100;
    static final int THUMBPRINTS = 5;
    static final int PRIVATE_KEYS = 2;

    private final IamStore store;
    private final Clock clock;

    public Providers(IamStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What changes a SAML provider: each {@code null} when not asked for. */
    public record SamlChange(String metadata, String encryptionMode, String addPrivateKey, String removePrivateKey) {
    }

    public SamlProvider createSaml(Changes c, String account, String partition, String name, String metadata,
                                   String encryptionMode, String privateKey, Map<String, String> tags) {
        SamlMetadata parsed = metadata(metadata);
        String arn = IamIds.arn(partition, account, "saml-provider/", "", name);
        synchronized (store) {
            if (store.account(account).samlProviders.containsKey(arn)) {
                throw IamRefusal.exists("SAMLProvider " + name + " already exists.");
            }
            List<SamlPrivateKey> keys = privateKey == null ? List.of() : List.of(privateKey(privateKey));
            checkMode(encryptionMode, keys);
            SamlProvider p = new SamlProvider(account, name, arn, Ids.hex(32).toUpperCase(Locale.ROOT), metadata, clock.instant(), parsed.validUntil(),
                    encryptionMode, keys, tags);
            c.put(p);
            return p;
        }
    }

    public SamlProvider saml(String account, String arn) {
        synchronized (store) {
            SamlProvider p = store.account(account).samlProviders.get(arn);
            if (p == null) {
                throw IamRefusal.noSuchEntity("Manifest not found for arn " + arn);
            }
            return p;
        }
    }

    public List<SamlProvider> samlProviders(String account) {
        synchronized (store) {
            return store.account(account).samlProviders();
        }
    }

    public SamlProvider updateSaml(Changes c, String account, String arn, SamlChange change) {
        if (change.metadata() == null && change.encryptionMode() == null && change.addPrivateKey() == null
                && change.removePrivateKey() == null) {
            throw IamRefusal.invalid("Unable to update identity provider. No updates are defined for metadata or "
                    + "encryption assertion.");
        }
        if (change.addPrivateKey() != null && change.removePrivateKey() != null) {
            throw IamRefusal.invalid("Unable to add and remove private keys in the same request. Set a value for "
                    + "only one of the two parameters.");
        }
        SamlMetadata parsed = change.metadata() == null ? null : metadata(change.metadata());
        synchronized (store) {
            SamlProvider p = saml(account, arn);
            if (parsed != null) {
                p = p.withMetadata(change.metadata(), parsed.validUntil());
            }
            List<SamlPrivateKey> keys = new ArrayList<>(p.privateKeys());
            if (change.addPrivateKey() != null) {
                if (keys.size() >= PRIVATE_KEYS) {
                    throw IamRefusal.limit("Private key limit of 2 is reached.");
                }
                keys.add(privateKey(change.addPrivateKey()));
            }
            if (change.removePrivateKey() != null
                    && !keys.removeIf(k -> k.keyId().equals(change.removePrivateKey()))) {
                throw IamRefusal.invalid("Failed to remove private key because the Key ID does not match a private "
                        + "key.");
            }
            String mode = change.encryptionMode() != null ? change.encryptionMode() : p.encryptionMode();
            checkMode(mode, keys);
            p = p.withEncryption(mode, keys);
            c.put(p);
            return p;
        }
    }

    public void deleteSaml(Changes c, String account, String arn) {
        synchronized (store) {
            saml(account, arn);
            c.put(new Removed(account, Kind.SAML_PROVIDER, arn));
        }
    }

    public void tagSaml(Changes c, String account, String arn, Map<String, String> tags) {
        synchronized (store) {
            SamlProvider p = saml(account, arn);
            c.put(p.withTags(IamIds.tagged(p.tags(), tags)));
        }
    }

    public void untagSaml(Changes c, String account, String arn, Collection<String> keys) {
        synchronized (store) {
            SamlProvider p = saml(account, arn);
            c.put(p.withTags(IamIds.untagged(p.tags(), keys)));
        }
    }

    private static SamlMetadata metadata(String document) {
        try {
            return SamlMetadata.parse(document);
        } catch (SamlMetadata.Invalid e) {
            throw IamRefusal.invalid("Could not parse metadata.");
        }
    }

    private static void checkMode(String mode, List<SamlPrivateKey> keys) {
        if ("Required".equals(mode) && keys.isEmpty()) {
            throw IamRefusal.invalid("Unable to set assertion encryption mode to Required because no private key is "
                    + "provided.");
        }
    }

    /** A PEM private key (PKCS #8, RSA or EC), with a key id IAM gives it. */
    private SamlPrivateKey privateKey(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        boolean read = false;
        if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            try {
                byte[] der = Base64.getDecoder().decode(body);
                for (String algorithm : List.of("RSA", "EC")) {
                    try {
                        KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                        read = true;
                        break;
                    } catch (InvalidKeySpecException e) {
                        // try the next algorithm
                    }
                }
            } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
                read = false;
            }
        }
        if (!read) {
            throw IamRefusal.invalid("Invalid private key.");
        }
        return new SamlPrivateKey(Ids.hex(32).toUpperCase(Locale.ROOT), clock.instant(), pem);
    }

    // OpenID Connect

    public OidcProvider createOidc(Changes c, String account, String partition, String url, List<String> clientIds,
                                   List<String> thumbprints, Map<String, String> tags) {
        checkClientIds(clientIds);
        checkThumbprints(thumbprints);
        String arn = IamIds.arn(partition, account, "oidc-provider/", "", url);
        synchronized (store) {
            if (store.account(account).oidcProviders.containsKey(arn)) {
                throw IamRefusal.exists("Provider with url https://" + url + " already exists.");
            }
            OidcProvider p = new OidcProvider(account, url, arn, distinct(clientIds), thumbprints, clock.instant(),
                    tags);
            c.put(p);
            return p;
        }
    }

    public OidcProvider oidc(String account, String arn) {
        synchronized (store) {
            OidcProvider p = store.account(account).oidcProviders.get(arn);
            if (p == null) {
                throw IamRefusal.noSuchEntity("OpenIDConnect Provider not found for arn " + arn);
            }
            return p;
        }
    }

    public List<OidcProvider> oidcProviders(String account) {
        synchronized (store) {
            return store.account(account).oidcProviders();
        }
    }

    public void addClientId(Changes c, String account, String arn, String clientId) {
        synchronized (store) {
            OidcProvider p = oidc(account, arn);
            if (!p.clientIds().contains(clientId)) {
                List<String> ids = Entities.with(p.clientIds(), clientId);
                checkClientIds(ids);
                c.put(p.withClientIds(ids));
            }
        }
    }

    public void removeClientId(Changes c, String account, String arn, String clientId) {
        synchronized (store) {
            OidcProvider p = oidc(account, arn);
            if (p.clientIds().contains(clientId)) {
                c.put(p.withClientIds(Entities.without(p.clientIds(), clientId)));
            }
        }
    }

    public void updateThumbprints(Changes c, String account, String arn, List<String> thumbprints) {
        checkThumbprints(thumbprints);
        synchronized (store) {
            c.put(oidc(account, arn).withThumbprints(thumbprints));
        }
    }

    public void deleteOidc(Changes c, String account, String arn) {
        synchronized (store) {
            oidc(account, arn);
            c.put(new Removed(account, Kind.OIDC_PROVIDER, arn));
        }
    }

    public void tagOidc(Changes c, String account, String arn, Map<String, String> tags) {
        synchronized (store) {
            OidcProvider p = oidc(account, arn);
            c.put(p.withTags(IamIds.tagged(p.tags(), tags)));
        }
    }

    public void untagOidc(Changes c, String account, String arn, Collection<String> keys) {
        synchronized (store) {
            OidcProvider p = oidc(account, arn);
            c.put(p.withTags(IamIds.untagged(p.tags(), keys)));
        }
    }

    private static List<String> distinct(List<String> list) {
        return list.stream().distinct().toList();
    }

    private static void checkClientIds(List<String> ids) {
        if (ids.stream().distinct().count() > CLIENT_IDS) {
            throw IamRefusal.limit("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + CLIENT_IDS);
        }
    }

    private static void checkThumbprints(List<String> thumbprints) {
        if (thumbprints.size() > THUMBPRINTS) {
            throw IamRefusal.limit("Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: " + THUMBPRINTS);
        }
        for (String t : thumbprints) {
            if (!t.matches("[0-9A-Fa-f]{40}")) {
                throw IamRefusal.invalid("Thumbprint " + t + " is not a 40-character hexadecimal SHA-1 hash.");
            }
        }
    }
}
