package dev.gureum.iam.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.IdentityPolicies;
import dev.gureum.iam.domain.Entities.Group;
import dev.gureum.iam.domain.Entities.Role;
import dev.gureum.iam.domain.Entities.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The identity-based policies a request's caller has, as {@code --enforce-iam} evaluates them: an IAM user's own
 * (inline and attached) and its groups', a role's, which its assumed-role sessions have too; and the permissions
 * boundary. A user or role renamed or recreated since the key was issued is no longer the caller's.
 */
public final class CallerPolicies implements IdentityPolicies {

    /** A policy that allows nothing (its one statement applies to no action). */
    private static final String NOTHING =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}";

    private final IamStore store;
    private final Policies policies;
    /** The identities looked up since IAM last changed (every request of a caller asks again). */
    private final java.util.Map<String, Known> known = new java.util.concurrent.ConcurrentHashMap<>();

    /** An identity as IAM's entities were at {@code version}. */
    private record Known(long version, Optional<Identity> identity) {
    }

    public CallerPolicies(IamStore store, Policies policies) {
        this.store = store;
        this.policies = policies;
    }

    @Override
    public Optional<Identity> identity(String principalArn) {
        long version = store.version();
        Known k = known.get(principalArn);
        if (k != null && k.version() == version) {
            return k.identity();
        }
        Optional<Identity> identity = lookUp(principalArn);
        if (known.size() >= 10_000) {
            known.clear();
        }
        // looked up at this version or later: a change that came meanwhile makes the next request look again
        known.put(principalArn, new Known(version, identity));
        return identity;
    }

    private Optional<Identity> lookUp(String principalArn) {
        Arn arn;
        try {
            arn = Arn.parse(principalArn);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String account = arn.accountId();
        String resource = arn.resource();
        synchronized (store) {
            if (arn.service().equals("iam") && resource.startsWith("user/")) {
                User u = store.account(account).user(resource.substring(resource.lastIndexOf('/') + 1));
                if (u == null || !u.arn().equals(principalArn)) {
                    return Optional.empty();
                }
                List<String> docs = new ArrayList<>(u.inline().values());
                attached(account, u.attached(), docs);
                for (Group g : store.account(account).groups()) {
                    if (u.groups().contains(g.name())) {
                        docs.addAll(g.inline().values());
                        attached(account, g.attached(), docs);
                    }
                }
                return Optional.of(new Identity(docs, boundary(account, u.boundary()), u.tags(), u.id()));
            }
            String roleName;
            String session = null;
            if (arn.service().equals("sts") && resource.startsWith("assumed-role/")) {
                String[] parts = resource.split("/", 3);
                if (parts.length < 3) {
                    return Optional.empty();
                }
                roleName = parts[1];
                session = parts[2];
            } else if (arn.service().equals("iam") && resource.startsWith("role/")) {
                roleName = resource.substring(resource.lastIndexOf('/') + 1);
            } else {
                return Optional.empty();
            }
            Role r = store.account(account).role(roleName);
            if (r == null) {
                return Optional.empty();
            }
            List<String> docs = new ArrayList<>(r.inline().values());
            attached(account, r.attached(), docs);
            return Optional.of(new Identity(docs, boundary(account, r.boundary()), r.tags(),
                    session == null ? r.id() : r.id() + ":" + session));
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
}
