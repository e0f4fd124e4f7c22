package dev.gureum.iam.domain;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.iam.domain.Entities.AccessKey;
import dev.gureum.iam.domain.Entities.Group;
import dev.gureum.iam.domain.Entities.InstanceProfile;
import dev.gureum.iam.domain.Entities.ManagedPolicy;
import dev.gureum.iam.domain.Entities.MfaDevice;
import dev.gureum.iam.domain.Entities.OidcProvider;
import dev.gureum.iam.domain.Entities.SamlProvider;
import dev.gureum.iam.domain.Entities.Removed;
import dev.gureum.iam.domain.Entities.Role;
import dev.gureum.iam.domain.Entities.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * IAM's state: one set of entities per account (IAM is global, so no region). Every change goes through
 * {@link #apply}, live or replayed. Users' access keys are mirrored into the server's {@link AccessKeys},
 * so that requests signed with them act as their user. Callers hold the store's monitor.
 */
public final class IamStore {

    /** The entities of one account, each map in name order. */
    public static final class Account {
        final Map<String, User> users = new TreeMap<>();
        final Map<String, Group> groups = new TreeMap<>();
        final Map<String, Role> roles = new TreeMap<>();
        final Map<String, ManagedPolicy> policies = new TreeMap<>();
        final Map<String, AccessKey> accessKeys = new TreeMap<>();
        final Map<String, InstanceProfile> instanceProfiles = new TreeMap<>();
        final Map<String, MfaDevice> mfaDevices = new TreeMap<>();
        final Map<String, SamlProvider> samlProviders = new TreeMap<>();
        final Map<String, OidcProvider> oidcProviders = new TreeMap<>();

        /** SAML providers, by ARN order. */
        public List<SamlProvider> samlProviders() {
            return List.copyOf(samlProviders.values());
        }

        /** OIDC providers, by ARN order. */
        public List<OidcProvider> oidcProviders() {
            return List.copyOf(oidcProviders.values());
        }

        public List<User> users() {
            return List.copyOf(users.values());
        }

        public List<Group> groups() {
            return List.copyOf(groups.values());
        }

        public List<Role> roles() {
            return List.copyOf(roles.values());
        }

        public List<ManagedPolicy> policies() {
            return List.copyOf(policies.values());
        }

        public List<AccessKey> accessKeys() {
            return List.copyOf(accessKeys.values());
        }

        public List<InstanceProfile> instanceProfiles() {
            return List.copyOf(instanceProfiles.values());
        }

        public List<MfaDevice> mfaDevices() {
            return List.copyOf(mfaDevices.values());
        }

        public User user(String name) {
            return users.get(key(name));
        }

        public Group group(String name) {
            return groups.get(key(name));
        }

        public Role role(String name) {
            return roles.get(key(name));
        }

        public InstanceProfile instanceProfile(String name) {
            return instanceProfiles.get(key(name));
        }
    }

    private final Map<String, Account> accounts = new TreeMap<>();
    private final AccessKeys keys;
    /** Changes with every change of any entity, so that what is derived from them can be kept until then. */
    private volatile long version;

    /** @param keys where users' keys are registered, or {@code null} for none */
    public IamStore(AccessKeys keys) {
        this.keys = keys;
    }

    /** A number that changes whenever any entity changes. */
    public long version() {
        return version;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public synchronized Account account(String accountId) {
        return accounts.computeIfAbsent(accountId, a -> new Account());
    }

    public synchronized List<String> accountIds() {
        return List.copyOf(accounts.keySet());
    }

    /** Sets or replaces an entity, or removes one. */
    public synchronized void apply(Object record) {
        version++;
        if (record instanceof User u) {
            account(u.account()).users.put(key(u.name()), u);
            account(u.account()).accessKeys.values().stream().filter(k -> k.userName().equals(u.name()))
                    .forEach(this::register);
        } else if (record instanceof Group g) {
            account(g.account()).groups.put(key(g.name()), g);
        } else if (record instanceof Role r) {
            account(r.account()).roles.put(key(r.name()), r);
        } else if (record instanceof ManagedPolicy p) {
            account(p.account()).policies.put(key(p.name()), p);
        } else if (record instanceof AccessKey k) {
            account(k.account()).accessKeys.put(k.id(), k);
            register(k);
        } else if (record instanceof InstanceProfile p) {
            account(p.account()).instanceProfiles.put(key(p.name()), p);
        } else if (record instanceof MfaDevice d) {
            account(d.account()).mfaDevices.put(d.serial(), d);
        } else if (record instanceof SamlProvider p) {
            account(p.account()).samlProviders.put(p.arn(), p);
        } else if (record instanceof OidcProvider p) {
            account(p.account()).oidcProviders.put(p.arn(), p);
        } else if (record instanceof Removed r) {
            remove(r);
        } else {
            throw new IllegalArgumentException("Not an IAM record: " + record);
        }
    }

    private void remove(Removed r) {
        Account a = account(r.account());
        switch (r.kind()) {
            case USER -> a.users.remove(r.key());
            case GROUP -> a.groups.remove(r.key());
            case ROLE -> a.roles.remove(r.key());
            case POLICY -> a.policies.remove(r.key());
            case ACCESS_KEY -> {
                a.accessKeys.remove(r.key());
                if (keys != null) {
                    keys.removeUserKey(r.key());
                }
            }
            case INSTANCE_PROFILE -> a.instanceProfiles.remove(r.key());
            case MFA_DEVICE -> a.mfaDevices.remove(r.key());
            case SAML_PROVIDER -> a.samlProviders.remove(r.key());
            case OIDC_PROVIDER -> a.oidcProviders.remove(r.key());
        }
    }

    private void register(AccessKey k) {
        User user = account(k.account()).user(k.userName());
        if (keys != null && user != null) {
            keys.register(new AccessKeys.UserKey(k.id(), k.secret(), k.account(), user.arn(), user.id(), k.active()));
        }
    }

    /** Every entity of every account, in an order that replays: users before their keys. */
    public synchronized List<Object> records() {
        List<Object> out = new ArrayList<>();
        for (Account a : accounts.values()) {
            out.addAll(a.policies.values());
            out.addAll(a.groups.values());
            out.addAll(a.users.values());
            out.addAll(a.roles.values());
            out.addAll(a.accessKeys.values());
            out.addAll(a.instanceProfiles.values());
            out.addAll(a.mfaDevices.values());
            out.addAll(a.samlProviders.values());
            out.addAll(a.oidcProviders.values());
        }
        return out;
    }

    public synchronized void clear() {
        version++;
        accounts.clear();
        if (keys != null) {
            keys.clearUserKeys();
        }
    }
}
