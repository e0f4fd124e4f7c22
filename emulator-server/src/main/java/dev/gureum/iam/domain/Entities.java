package dev.gureum.iam.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * IAM's entities, one immutable record each, as they are stored and journaled: a change replaces the
 * whole entity. Names are unique in an account regardless of case, as IAM makes them.
 */
public final class Entities {

    private Entities() {
    }

    static Map<String, String> copy(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    static List<String> copy(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static <T> List<T> with(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    static <T> List<T> without(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.remove(item);
        return out;
    }

    static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(map);
        out.put(key, value);
        return out;
    }

    static Map<String, String> without(Map<String, String> map, String key) {
        Map<String, String> out = new LinkedHashMap<>(map);
        out.remove(key);
        return out;
    }

    /** A console password's profile: when it was set and whether the user must change it at next sign-in. */
    public record LoginProfile(Instant created, boolean resetRequired) {
    }

    /**
     * An IAM user.
     *
     * @param boundary   the permissions boundary's policy ARN, or {@code null}
     * @param inline     inline policies by name, their documents as given
     * @param attached   ARNs of the attached managed policies, in attachment order
     * @param groups     names of the groups the user is in
     * @param login      the login profile, or {@code null}
     */
    public record User(String account, String name, String id, String path, String arn, Instant created,
                       String boundary, Map<String, String> tags, Map<String, String> inline, List<String> attached,
                       List<String> groups, LoginProfile login) {
        public User {
            tags = copy(tags);
            inline = sorted(inline);
            attached = copy(attached);
            groups = copy(groups);
        }

        User withTags(Map<String, String> t) {
            return new User(account, name, id, path, arn, created, boundary, t, inline, attached, groups, login);
        }

        User withInline(Map<String, String> i) {
            return new User(account, name, id, path, arn, created, boundary, tags, i, attached, groups, login);
        }

        User withAttached(List<String> a) {
            return new User(account, name, id, path, arn, created, boundary, tags, inline, a, groups, login);
        }

        User withGroups(List<String> g) {
            return new User(account, name, id, path, arn, created, boundary, tags, inline, attached, g, login);
        }

        User withLogin(LoginProfile l) {
            return new User(account, name, id, path, arn, created, boundary, tags, inline, attached, groups, l);
        }

        User withBoundary(String b) {
            return new User(account, name, id, path, arn, created, b, tags, inline, attached, groups, login);
        }

        User renamed(String newName, String newPath, String newArn) {
            return new User(account, newName, id, newPath, newArn, created, boundary, tags, inline, attached, groups,
                    login);
        }
    }

    /** An IAM group; its members are named by their users ({@link User#groups()}). */
    public record Group(String account, String name, String id, String path, String arn, Instant created,
                        Map<String, String> inline, List<String> attached) {
        public Group {
            inline = sorted(inline);
            attached = copy(attached);
        }

        Group withInline(Map<String, String> i) {
            return new Group(account, name, id, path, arn, created, i, attached);
        }

        Group withAttached(List<String> a) {
            return new Group(account, name, id, path, arn, created, inline, a);
        }

        Group renamed(String newName, String newPath, String newArn) {
            return new Group(account, newName, id, newPath, newArn, created, inline, attached);
        }
    }

    /**
     * An IAM role.
     *
     * @param trustPolicy        the AssumeRolePolicyDocument, as given
     * @param maxSessionDuration seconds, 3600 to 43200
     * @param lastUsed           when STS last issued credentials for it, or {@code null}
     * @param lastUsedRegion     the region of that call
     */
    public record Role(String account, String name, String id, String path, String arn, Instant created,
                       String trustPolicy, String description, int maxSessionDuration, String boundary,
                       Map<String, String> tags, Map<String, String> inline, List<String> attached,
                       Instant lastUsed, String lastUsedRegion) {
        public Role {
            tags = copy(tags);
            inline = sorted(inline);
            attached = copy(attached);
        }

        Role withTags(Map<String, String> t) {
            return new Role(account, name, id, path, arn, created, trustPolicy, description, maxSessionDuration,
                    boundary, t, inline, attached, lastUsed, lastUsedRegion);
        }

        Role withInline(Map<String, String> i) {
            return new Role(account, name, id, path, arn, created, trustPolicy, description, maxSessionDuration,
                    boundary, tags, i, attached, lastUsed, lastUsedRegion);
        }

        Role withAttached(List<String> a) {
            return new Role(account, name, id, path, arn, created, trustPolicy, description, maxSessionDuration,
                    boundary, tags, inline, a, lastUsed, lastUsedRegion);
        }

        Role withTrustPolicy(String t) {
            return new Role(account, name, id, path, arn, created, t, description, maxSessionDuration,
                    boundary, tags, inline, attached, lastUsed, lastUsedRegion);
        }

        Role withSettings(String d, int max) {
            return new Role(account, name, id, path, arn, created, trustPolicy, d, max,
                    boundary, tags, inline, attached, lastUsed, lastUsedRegion);
        }

        Role withBoundary(String b) {
            return new Role(account, name, id, path, arn, created, trustPolicy, description, maxSessionDuration,
                    b, tags, inline, attached, lastUsed, lastUsedRegion);
        }

        Role usedAt(Instant when, String region) {
            return new Role(account, name, id, path, arn, created, trustPolicy, description, maxSessionDuration,
                    boundary, tags, inline, attached, when, region);
        }

        /** Service-linked roles live under {@code /aws-service-role/}. */
        public boolean serviceLinked() {
            return path.startsWith("/aws-service-role/");
        }
    }

    /** One version of a managed policy. */
    public record PolicyVersion(String versionId, String document, Instant created) {
    }

    /**
     * A managed policy: the account's own, or one of AWS's (account {@code aws}).
     *
     * @param versions    oldest first
     * @param nextVersion the number the next version gets: version numbers are never reused
     */
    public record ManagedPolicy(String account, String name, String id, String path, String arn, String description,
                                Instant created, Instant updated, String defaultVersion, List<PolicyVersion> versions,
                                int nextVersion, Map<String, String> tags) {
        public ManagedPolicy {
            versions = List.copyOf(versions);
            tags = copy(tags);
        }

        public PolicyVersion version(String versionId) {
            return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst().orElse(null);
        }

        public PolicyVersion defaultPolicyVersion() {
            return version(defaultVersion);
        }

        ManagedPolicy withVersions(List<PolicyVersion> v, String defaultId, int next, Instant when) {
            return new ManagedPolicy(account, name, id, path, arn, description, created, when, defaultId, v, next, tags);
        }

        ManagedPolicy withTags(Map<String, String> t) {
            return new ManagedPolicy(account, name, id, path, arn, description, created, updated, defaultVersion,
                    versions, nextVersion, t);
        }

        public boolean awsManaged() {
            return account.equals("aws");
        }
    }

    /** An IAM user's access key. */
    public record AccessKey(String account, String userName, String id, String secret, boolean active,
                            Instant created) {
        AccessKey withActive(boolean a) {
            return new AccessKey(account, userName, id, secret, a, created);
        }

        AccessKey withUser(String u) {
            return new AccessKey(account, u, id, secret, active, created);
        }
    }

    /** An instance profile and the names of the roles it holds (at most one, as IAM allows). */
    public record InstanceProfile(String account, String name, String id, String path, String arn, Instant created,
                                  List<String> roles, Map<String, String> tags) {
        public InstanceProfile {
            roles = copy(roles);
            tags = copy(tags);
        }

        InstanceProfile withRoles(List<String> r) {
            return new InstanceProfile(account, name, id, path, arn, created, r, tags);
        }

        InstanceProfile withTags(Map<String, String> t) {
            return new InstanceProfile(account, name, id, path, arn, created, roles, t);
        }
    }

    /**
     * A virtual MFA device.
     *
     * @param serial   its ARN, {@code arn:aws:iam::<account>:mfa/<path><name>}
     * @param seed     the base32 secret the authenticator app is given
     * @param userName the user it is enabled for, or {@code null}
     * @param enabled  when it was enabled, or {@code null}
     */
    public record MfaDevice(String account, String serial, String seed, String userName, Instant enabled,
                            Instant created, Map<String, String> tags) {
        public MfaDevice {
            tags = copy(tags);
        }

        MfaDevice assigned(String user, Instant when) {
            return new MfaDevice(account, serial, seed, user, when, created, tags);
        }

        MfaDevice withTags(Map<String, String> t) {
            return new MfaDevice(account, serial, seed, userName, enabled, created, t);
        }
    }

    /** A private key a SAML provider decrypts assertions with: its id, when it was added, and its PEM text. */
    public record SamlPrivateKey(String keyId, Instant added, String pem) {
    }

    /**
     * A SAML 2.0 identity provider.
     *
     * @param uuid           {@code SAMLProviderUUID}
     * @param metadata       the metadata document, as given
     * @param validUntil     the metadata's {@code validUntil}, or {@code null}
     * @param encryptionMode {@code Required}, {@code Allowed} or {@code null} (never set)
     */
    public record SamlProvider(String account, String name, String arn, String uuid, String metadata,
                               Instant created, Instant validUntil, String encryptionMode,
                               List<SamlPrivateKey> privateKeys, Map<String, String> tags) {
        public SamlProvider {
            privateKeys = List.copyOf(privateKeys);
            tags = copy(tags);
        }

        SamlProvider withMetadata(String m, Instant until) {
            return new SamlProvider(account, name, arn, uuid, m, created, until, encryptionMode, privateKeys, tags);
        }

        SamlProvider withEncryption(String mode, List<SamlPrivateKey> keys) {
            return new SamlProvider(account, name, arn, uuid, metadata, created, validUntil, mode, keys, tags);
        }

        SamlProvider withTags(Map<String, String> t) {
            return new SamlProvider(account, name, arn, uuid, metadata, created, validUntil, encryptionMode,
                    privateKeys, t);
        }
    }

    /**
     * An OpenID Connect identity provider.
     *
     * @param url the issuer's URL without its {@code https://} (as its ARN names it)
     */
    public record OidcProvider(String account, String url, String arn, List<String> clientIds,
                               List<String> thumbprints, Instant created, Map<String, String> tags) {
        public OidcProvider {
            clientIds = copy(clientIds);
            thumbprints = copy(thumbprints);
            tags = copy(tags);
        }

        OidcProvider withClientIds(List<String> c) {
            return new OidcProvider(account, url, arn, c, thumbprints, created, tags);
        }

        OidcProvider withThumbprints(List<String> t) {
            return new OidcProvider(account, url, arn, clientIds, t, created, tags);
        }

        OidcProvider withTags(Map<String, String> t) {
            return new OidcProvider(account, url, arn, clientIds, thumbprints, created, t);
        }
    }

    /** The kinds of entity, for removals. */
    public enum Kind { USER, GROUP, ROLE, POLICY, ACCESS_KEY, INSTANCE_PROFILE, MFA_DEVICE, SAML_PROVIDER, OIDC_PROVIDER }

    /** An entity removed: its kind and its key in the account (a lower-case name, a key id, a serial). */
    public record Removed(String account, Kind kind, String key) {
    }
}
