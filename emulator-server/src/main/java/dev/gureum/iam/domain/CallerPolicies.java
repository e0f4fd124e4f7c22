package dev.gureum.iam.domain;

import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.IamRoles;
import dev.gureum.core.spi.IdentityPolicies;
import dev.gureum.iam.domain.Entities.Group;
import dev.gureum.iam.domain.Entities.Role;
import dev.gureum.iam.domain.Entities.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policies IAM holds for a principal, the one source every service evaluates: the core's authorizer under
 * {@code --enforce-iam}, STS (a role's trust policy, a caller's own policies) and Lambda (a function's execution
 * role). An IAM user's own (inline and attached) and its groups', a role's, which its assumed-role sessions have
 * too; and the permissions boundary. As on AWS an IAM ARN names a user or role with its path
 * ({@code role/service-role/app}); a user or role renamed or recreated since is no longer the one named. An
 * assumed-role ARN ({@code assumed-role/app/session}) carries no path and names its role by name.
 */
public final class CallerPolicies implements IdentityPolicies {

    /** A policy that allows nothing (its one statement applies to no action). */
    private static final String NOTHING =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}";
    private static final PolicyDocument ALLOWS_NOTHING = PolicyDocument.parse(NOTHING);

    private final IamStore store;
    private final Policies policies;
    /** The identities looked up since IAM last changed (every request of a caller asks again). */
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** A principal as IAM's entities were at {@code version}; its policies parsed when first asked for. */
    private static final class Known {
        final long version;
        final Optional<Identity> identity;
        /** The ARN with its path, and for a role its trust policy's text. */
        final String arn;
        final String trust;
        private volatile IamRoles.Permissions permissions;
        private volatile PolicyDocument trustPolicy;

        Known(long version, Optional<Identity> identity, String arn, String trust) {
            this.version = version;
            this.identity = identity;
            this.arn = arn;
            this.trust = trust;
        }
    }

    public CallerPolicies(IamStore store, Policies policies) {
        this.store = store;
        this.policies = policies;
    }

    @Override
    public Optional<Identity> identity(String principalArn) {
        return known(principalArn).identity;
    }

    /** A user's or role's policies parsed; empty when the ARN names neither, or one that does not exist. */
    public Optional<IamRoles.Permissions> permissions(String identityArn) {
        Known k = known(identityArn);
        if (k.identity.isEmpty()) {
            return Optional.empty();
        }
        IamRoles.Permissions p = k.permissions;
        if (p == null) {
            Identity i = k.identity.get();
            List<PolicyDocument> identity = new ArrayList<>();
            for (String document : i.policies()) {
                PolicyDocument d = PolicyDocument.ofStored(document);
                // a policy that no longer parses (only a journal of an older grammar could hold one) allows nothing
                if (d != null) {
                    identity.add(d);
                }
            }
            p = new IamRoles.Permissions(k.arn, identity, i.boundary() == null ? null : parsed(i.boundary()),
                    i.tags());
            k.permissions = p;
        }
        return Optional.of(p);
    }

    /** A role's trust policy, by the role's ARN with its path; empty when there is no such role. */
    public Optional<PolicyDocument> trustPolicy(String roleArn) {
        Known k = known(roleArn);
        if (k.trust == null || !roleArn.contains(":role/")) {
            return Optional.empty();
        }
        PolicyDocument d = k.trustPolicy;
        if (d == null) {
            d = parsed(k.trust);
            k.trustPolicy = d;
        }
        return Optional.of(d);
    }

    /** The default version's document of a managed policy; empty when there is none. */
    public Optional<String> managedPolicyDocument(String policyArn) {
        Arn arn = parse(policyArn);
        Entities.ManagedPolicy p = arn == null ? null : policies.find(arn.accountId(), policyArn);
        return p == null ? Optional.empty() : Optional.of(p.defaultPolicyVersion().document());
    }

    private Known known(String principalArn) {
        long version = store.version();
        Known k = principalArn == null ? null : known.get(principalArn);
        if (k != null && k.version == version) {
            return k;
        }
        k = lookUp(version, principalArn);
        if (principalArn == null) {
            return k;
        }
        if (known.size() >= 10_000) {
            known.clear();
        }
        // looked up at this version or later: a change that came meanwhile makes the next request look again
        known.put(principalArn, k);
        return k;
    }

    private Known lookUp(long version, String principalArn) {
        Known none = new Known(version, Optional.empty(), null, null);
        Arn arn = parse(principalArn);
        if (arn == null) {
            return none;
        }
        String account = arn.accountId();
        String resource = arn.resource();
        synchronized (store) {
            if (arn.service().equals("iam") && resource.startsWith("user/")) {
                User u = store.account(account).user(resource.substring(resource.lastIndexOf('/') + 1));
                if (u == null || !u.arn().equals(principalArn)) {
                    return none;
                }
                List<String> docs = new ArrayList<>(u.inline().values());
                attached(account, u.attached(), docs);
                for (Group g : store.account(account).groups()) {
                    if (u.groups().contains(g.name())) {
                        docs.addAll(g.inline().values());
                        attached(account, g.attached(), docs);
                    }
                }
                return new Known(version, Optional.of(new Identity(docs, boundary(account, u.boundary()), u.tags(),
                        u.id())), u.arn(), null);
            }
            String roleName;
            String session = null;
            if (arn.service().equals("sts") && resource.startsWith("assumed-role/")) {
                String[] parts = resource.split("/", 3);
                if (parts.length < 3) {
                    return none;
                }
                roleName = parts[1];
                session = parts[2];
            } else if (arn.service().equals("iam") && resource.startsWith("role/")) {
                roleName = resource.substring(resource.lastIndexOf('/') + 1);
            } else {
                return none;
            }
            Role r = store.account(account).role(roleName);
            if (r == null || session == null && !r.arn().equals(principalArn)) {
                return none;
            }
            List<String> docs = new ArrayList<>(r.inline().values());
            attached(account, r.attached(), docs);
            return new Known(version, Optional.of(new Identity(docs, boundary(account, r.boundary()), r.tags(),
                    session == null ? r.id() : r.id() + ":" + session)), r.arn(), r.trustPolicy());
        }
    }

    private void attached(String account, List<String> arns, List<String> into) {
        for (String policyArn : arns) {
            Entities.ManagedPolicy p = policies.find(account, policyArn);
            if (p != null) {
                into.add(p.defaultPolicyVersion().document());
            }
        }
    }

    private String boundary(String account, String policyArn) {
        if (policyArn == null) {
            return null;
        }
        Entities.ManagedPolicy p = policies.find(account, policyArn);
        // a boundary whose policy is gone allows nothing, as an empty one would
        return p == null ? NOTHING : p.defaultPolicyVersion().document();
    }

    private static PolicyDocument parsed(String text) {
        PolicyDocument d = PolicyDocument.ofStored(text);
        return d != null ? d : ALLOWS_NOTHING;
    }

    private static Arn parse(String text) {
        try {
            return text == null ? null : Arn.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
