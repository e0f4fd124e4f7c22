package dev.gureum.iam.domain;

import dev.gureum.iam.domain.Entities.Group;
import dev.gureum.iam.domain.Entities.Kind;
import dev.gureum.iam.domain.Entities.ManagedPolicy;
import dev.gureum.iam.domain.Entities.PolicyVersion;
import dev.gureum.iam.domain.Entities.Removed;
import dev.gureum.iam.domain.Entities.Role;
import dev.gureum.iam.domain.Entities.User;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Managed policies and their versions, their attachment to users, groups and roles, permissions
 * boundaries, and the inline policies of users, groups and roles.
 */
public final class Policies {

    /** IAM's quotas: versions per managed policy, managed policies attached to one entity. */
    static final int VERSIONS_PER_POLICY = 5;
    static final int ATTACHED_PER_ENTITY = 10;

    /** Who a policy is attached to or an inline policy belongs to. */
    public enum Holder { USER, GROUP, ROLE }

    private final IamStore store;
    private final Clock clock;
    private final Map<String, ManagedPolicy> awsManaged;

    /** @param awsManaged AWS's managed policies by ARN, the same in every account */
    public Policies(IamStore store, Clock clock, Map<String, ManagedPolicy> awsManaged) {
        this.store = store;
        this.clock = clock;
        this.awsManaged = Map.copyOf(awsManaged);
    }

    public List<ManagedPolicy> awsManaged() {
        return awsManaged.values().stream().sorted(java.util.Comparator.comparing(ManagedPolicy::name)).toList();
    }

    /** The policy of an ARN: AWS's, or the account's; {@code null} when there is none. */
    public ManagedPolicy find(String account, String arn) {
        ManagedPolicy aws = awsManaged.get(arn);
        if (aws != null) {
            return aws;
        }
        synchronized (store) {
            String name = arn.substring(arn.lastIndexOf('/') + 1);
            ManagedPolicy p = store.account(account).policies.get(IamStore.key(name));
            return p != null && p.arn().equals(arn) ? p : null;
        }
    }

    public ManagedPolicy policy(String account, String arn) {
        ManagedPolicy p = find(account, arn);
        if (p == null) {
            throw IamRefusal.noSuchEntity("Policy " + arn + " was not found.");
        }
        return p;
    }

    private ManagedPolicy attachable(String account, String arn) {
        ManagedPolicy p = find(account, arn);
        if (p == null) {
            throw IamRefusal.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
        }
        return p;
    }

    /** Checks that a permissions boundary names a managed policy. */
    void boundary(String account, String arn) {
        if (find(account, arn) == null) {
            throw IamRefusal.noSuchEntity("Scope ARN: " + arn + " does not exist or is not attachable.");
        }
    }

    private ManagedPolicy own(String account, String arn) {
        ManagedPolicy p = policy(account, arn);
        if (p.awsManaged()) {
            throw IamRefusal.invalid("Policy " + arn + " is an AWS managed policy and cannot be modified.");
        }
        return p;
    }

    public ManagedPolicy create(Changes c, String account, String partition, String name, String path, String document,
                                String description, Map<String, String> tags) {
        synchronized (store) {
            if (store.account(account).policies.containsKey(IamStore.key(name))) {
                throw IamRefusal.exists("A policy called " + name + " already exists. Duplicate names are not allowed.");
            }
            Instant now = clock.instant();
            ManagedPolicy p = new ManagedPolicy(account, name, IamIds.uniqueId("ANPA"), path,
                    IamIds.arn(partition, account, "policy", path, name), description, now, now, "v1",
                    List.of(new PolicyVersion("v1", document, now)), 2, IamIds.tagged(Map.of(), tags));
            c.put(p);
            return p;
        }
    }

    public void delete(Changes c, String account, String arn) {
        synchronized (store) {
            ManagedPolicy p = own(account, arn);
            if (attachments(account, arn) > 0 || boundaryUses(account, arn) > 0) {
                throw IamRefusal.conflict("Cannot delete a policy attached to entities.");
            }
            if (p.versions().size() > 1) {
                throw IamRefusal.conflict("This policy has more than one version. Before you delete a policy, you must "
                        + "delete the policy's versions. The default version is deleted with the policy.");
            }
            c.put(new Removed(account, Kind.POLICY, IamStore.key(p.name())));
        }
    }

    /** The account's policies and AWS's, by scope ({@code All}, {@code AWS}, {@code Local}). */
    public List<ManagedPolicy> list(String account, String scope, boolean onlyAttached, String pathPrefix,
                                    String usage) {
        synchronized (store) {
            List<ManagedPolicy> all = new ArrayList<>();
            if (!scope.equals("Local")) {
                all.addAll(awsManaged());
            }
            if (!scope.equals("AWS")) {
                all.addAll(store.account(account).policies());
            }
            return all.stream().filter(p -> p.path().startsWith(pathPrefix))
                    .filter(p -> !onlyAttached || attachments(account, p.arn()) + boundaryUses(account, p.arn()) > 0)
                    .filter(p -> usage == null
                            || usage.equals("PermissionsPolicy") && attachments(account, p.arn()) > 0
                            || usage.equals("PermissionsBoundary") && boundaryUses(account, p.arn()) > 0)
                    .toList();
        }
    }

    public void tag(Changes c, String account, String arn, Map<String, String> tags) {
        synchronized (store) {
            ManagedPolicy p = own(account, arn);
            c.put(p.withTags(IamIds.tagged(p.tags(), tags)));
        }
    }

    public void untag(Changes c, String account, String arn, Collection<String> keys) {
        synchronized (store) {
            ManagedPolicy p = own(account, arn);
            c.put(p.withTags(IamIds.untagged(p.tags(), keys)));
        }
    }

    // versions

    public PolicyVersion createVersion(Changes c, String account, String arn, String document, boolean setAsDefault) {
        synchronized (store) {
            ManagedPolicy p = own(account, arn);
            if (p.versions().size() >= VERSIONS_PER_POLICY) {
                throw IamRefusal.limit("A managed policy can have up to " + VERSIONS_PER_POLICY + " versions. Before you "
                        + "create a new version, you must delete an existing version.");
            }
            Instant now = clock.instant();
            PolicyVersion v = new PolicyVersion("v" + p.nextVersion(), document, now);
            c.put(p.withVersions(Entities.with(p.versions(), v), setAsDefault ? v.versionId() : p.defaultVersion(),
                    p.nextVersion() + 1, now));
            return v;
        }
    }

    public PolicyVersion version(String account, String arn, String versionId) {
        ManagedPolicy p = policy(account, arn);
        PolicyVersion v = p.version(versionId);
        if (v == null) {
            throw IamRefusal.noSuchEntity("Policy " + arn + " version " + versionId
                    + " does not exist or is not attachable.");
        }
        return v;
    }

    public void setDefault(Changes c, String account, String arn, String versionId) {
        synchronized (store) {
            ManagedPolicy p = own(account, arn);
            version(account, arn, versionId);
            c.put(p.withVersions(p.versions(), versionId, p.nextVersion(), clock.instant()));
        }
    }

    public void deleteVersion(Changes c, String account, String arn, String versionId) {
        synchronized (store) {
            ManagedPolicy p = own(account, arn);
            PolicyVersion v = version(account, arn, versionId);
            if (v.versionId().equals(p.defaultVersion())) {
                throw IamRefusal.conflict("Cannot delete the default version of a policy.");
            }
            c.put(p.withVersions(Entities.without(p.versions(), v), p.defaultVersion(), p.nextVersion(),
                    p.updated()));
        }
    }

    // attachments

    /** How many users, groups and roles the policy is attached to in the account. */
    public int attachments(String account, String arn) {
        synchronized (store) {
            IamStore.Account a = store.account(account);
            return (int) (a.users().stream().filter(u -> u.attached().contains(arn)).count()
                    + a.groups().stream().filter(g -> g.attached().contains(arn)).count()
                    + a.roles().stream().filter(r -> r.attached().contains(arn)).count());
        }
    }

    /** How many users and roles have the policy as their permissions boundary. */
    public int boundaryUses(String account, String arn) {
        synchronized (store) {
            IamStore.Account a = store.account(account);
            return (int) (a.users().stream().filter(u -> arn.equals(u.boundary())).count()
                    + a.roles().stream().filter(r -> arn.equals(r.boundary())).count());
        }
    }

    public void attach(Changes c, Holder holder, String account, String name, String arn, Users users, Roles roles) {
        synchronized (store) {
            List<String> attached = attachedTo(holder, account, name, users, roles);
            ManagedPolicy p = attachable(account, arn);
            if (attached.contains(p.arn())) {
                return;
            }
            if (attached.size() >= ATTACHED_PER_ENTITY) {
                throw IamRefusal.limit("Cannot exceed quota for PoliciesPer" + holderName(holder) + ": "
                        + ATTACHED_PER_ENTITY);
            }
            putAttached(c, holder, account, name, Entities.with(attached, p.arn()), users, roles);
        }
    }

    public void detach(Changes c, Holder holder, String account, String name, String arn, Users users, Roles roles) {
        synchronized (store) {
            List<String> attached = attachedTo(holder, account, name, users, roles);
            if (!attached.contains(arn)) {
                throw IamRefusal.noSuchEntity("Policy " + arn + " was not found.");
            }
            putAttached(c, holder, account, name, Entities.without(attached, arn), users, roles);
        }
    }

    /** The managed policies attached to a user, group or role, in attachment order. */
    public List<ManagedPolicy> attached(Holder holder, String account, String name, Users users, Roles roles) {
        synchronized (store) {
            return attachedTo(holder, account, name, users, roles).stream().map(arn -> find(account, arn))
                    .filter(java.util.Objects::nonNull).toList();
        }
    }

    private static String holderName(Holder holder) {
        return switch (holder) {
            case USER -> "User";
            case GROUP -> "Group";
            case ROLE -> "Role";
        };
    }

    private static List<String> attachedTo(Holder holder, String account, String name, Users users, Roles roles) {
        return switch (holder) {
            case USER -> users.user(account, name).attached();
            case GROUP -> users.group(account, name).attached();
            case ROLE -> roles.role(account, name).attached();
        };
    }

    private static void putAttached(Changes c, Holder holder, String account, String name, List<String> attached,
                                    Users users, Roles roles) {
        switch (holder) {
            case USER -> c.put(users.user(account, name).withAttached(attached));
            case GROUP -> c.put(users.group(account, name).withAttached(attached));
            case ROLE -> c.put(roles.role(account, name).withAttached(attached));
        }
    }

    // permissions boundaries

    public void putBoundary(Changes c, Holder holder, String account, String name, String arn, Users users,
                            Roles roles) {
        synchronized (store) {
            boundary(account, arn);
            if (holder == Holder.USER) {
                c.put(users.user(account, name).withBoundary(arn));
            } else {
                c.put(roles.role(account, name).withBoundary(arn));
            }
        }
    }

    public void deleteBoundary(Changes c, Holder holder, String account, String name, Users users, Roles roles) {
        synchronized (store) {
            if (holder == Holder.USER) {
                c.put(users.user(account, name).withBoundary(null));
            } else {
                c.put(roles.role(account, name).withBoundary(null));
            }
        }
    }

    // inline policies

    public void putInline(Changes c, Holder holder, String account, String name, String policyName, String document,
                          Users users, Roles roles) {
        synchronized (store) {
            Map<String, String> inline = Entities.with(inlineOf(holder, account, name, users, roles), policyName,
                    document);
            int limit = switch (holder) {
                case USER -> 2048;
                case GROUP -> 5120;
                case ROLE -> 10240;
            };
            // the quota counts the characters of all of an entity's inline policies, whitespace excepted
            long size = inline.values().stream().mapToLong(d -> d.chars().filter(ch -> !Character.isWhitespace(ch))
                    .count()).sum();
            if (size > limit) {
                throw IamRefusal.limit("Maximum policy size of " + limit + " bytes exceeded for "
                        + holderName(holder).toLowerCase(java.util.Locale.ROOT) + " " + name);
            }
            switch (holder) {
                case USER -> c.put(users.user(account, name).withInline(inline));
                case GROUP -> c.put(users.group(account, name).withInline(inline));
                case ROLE -> c.put(roles.role(account, name).withInline(inline));
            }
        }
    }

    public String inline(Holder holder, String account, String name, String policyName, Users users, Roles roles) {
        synchronized (store) {
            String document = inlineOf(holder, account, name, users, roles).get(policyName);
            if (document == null) {
                throw IamRefusal.noSuchEntity("The " + holderName(holder).toLowerCase(java.util.Locale.ROOT)
                        + " policy with name " + policyName + " cannot be found.");
            }
            return document;
        }
    }

    public void deleteInline(Changes c, Holder holder, String account, String name, String policyName, Users users,
                             Roles roles) {
        synchronized (store) {
            inline(holder, account, name, policyName, users, roles);
            Map<String, String> inline = Entities.without(inlineOf(holder, account, name, users, roles), policyName);
            switch (holder) {
                case USER -> c.put(users.user(account, name).withInline(inline));
                case GROUP -> c.put(users.group(account, name).withInline(inline));
                case ROLE -> c.put(roles.role(account, name).withInline(inline));
            }
        }
    }

    /** The inline policies of a user, group or role, by name. */
    public Map<String, String> inlineOf(Holder holder, String account, String name, Users users, Roles roles) {
        return switch (holder) {
            case USER -> users.user(account, name).inline();
            case GROUP -> users.group(account, name).inline();
            case ROLE -> roles.role(account, name).inline();
        };
    }

    /** The users, groups and roles a policy is attached to (or is the boundary of, for {@code PermissionsBoundary}). */
    public record Attachments(List<User> users, List<Group> groups, List<Role> roles) {
    }

    public Attachments entitiesFor(String account, String arn, String usage) {
        synchronized (store) {
            policy(account, arn);
            IamStore.Account a = store.account(account);
            boolean boundary = "PermissionsBoundary".equals(usage);
            boolean permissions = !boundary;
            return new Attachments(
                    a.users().stream().filter(u -> permissions && u.attached().contains(arn)
                            || (usage == null || boundary) && arn.equals(u.boundary())).toList(),
                    permissions ? a.groups().stream().filter(g -> g.attached().contains(arn)).toList() : List.of(),
                    a.roles().stream().filter(r -> permissions && r.attached().contains(arn)
                            || (usage == null || boundary) && arn.equals(r.boundary())).toList());
        }
    }
}
