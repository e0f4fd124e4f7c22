package dev.gureum.iam.domain;

import dev.gureum.iam.domain.Entities.InstanceProfile;
import dev.gureum.iam.domain.Entities.Kind;
import dev.gureum.iam.domain.Entities.Removed;
import dev.gureum.iam.domain.Entities.Role;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Roles, service-linked roles and instance profiles. */
public final class Roles {

    /** A role's default and largest session, in seconds. */
    public static final int DEFAULT_MAX_SESSION = 3600;

    private final IamStore store;
    private final Clock clock;
    private final Policies policies;

    public Roles(IamStore store, Clock clock, Policies policies) {
        this.store = store;
        this.clock = clock;
        this.policies = policies;
    }

    public Role role(String account, String name) {
        synchronized (store) {
            Role r = store.account(account).role(name);
            if (r == null) {
                throw IamRefusal.noSuchEntity("The role with name " + name + " cannot be found.");
            }
            return r;
        }
    }

    /** The role of an ARN, if it exists (its path and name must match). */
    public Role roleByArn(String account, String arn) {
        synchronized (store) {
            String name = arn.substring(arn.lastIndexOf('/') + 1);
            Role r = store.account(account).role(name);
            return r != null && r.arn().equals(arn) ? r : null;
        }
    }

    public Role create(Changes c, String account, String partition, String name, String path, String trustPolicy,
                       String description, Integer maxSession, String boundary, Map<String, String> tags) {
        synchronized (store) {
            if (store.account(account).role(name) != null) {
                throw IamRefusal.exists("Role with name " + name + " already exists.");
            }
            if (boundary != null) {
                policies.boundary(account, boundary);
            }
            Role r = new Role(account, name, IamIds.uniqueId("AROA"), path, IamIds.arn(partition, account, "role", path,
                    name), clock.instant(), trustPolicy, description,
                    maxSession == null ? DEFAULT_MAX_SESSION : maxSession, boundary, IamIds.tagged(Map.of(), tags),
                    Map.of(), List.of(), null, null);
            c.put(r);
            return r;
        }
    }

    public List<Role> list(String account, String pathPrefix) {
        synchronized (store) {
            return store.account(account).roles().stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
        }
    }

    private Role modifiable(String account, String name) {
        Role r = role(account, name);
        if (r.serviceLinked()) {
            throw new IamRefusal(IamRefusal.Reason.UNMODIFIABLE_ENTITY, "Cannot perform the operation on the "
                    + "protected role '" + r.name() + "' - this role is only modifiable by AWS");
        }
        return r;
    }

    public Role update(Changes c, String account, String name, String description, Integer maxSession) {
        synchronized (store) {
            Role r = modifiable(account, name);
            Role updated = r.withSettings(description == null ? r.description() : description,
                    maxSession == null ? r.maxSessionDuration() : maxSession);
            c.put(updated);
            return updated;
        }
    }

    public void updateTrustPolicy(Changes c, String account, String name, String document) {
        synchronized (store) {
            c.put(modifiable(account, name).withTrustPolicy(document));
        }
    }

    public void delete(Changes c, String account, String name) {
        synchronized (store) {
            Role r = modifiable(account, name);
            deleteChecked(c, r);
        }
    }

    private void deleteChecked(Changes c, Role r) {
        if (store.account(r.account()).instanceProfiles().stream().anyMatch(p -> p.roles().contains(r.name()))) {
            throw IamRefusal.conflict("Cannot delete entity, must remove roles from instance profile first.");
        }
        if (!r.inline().isEmpty()) {
            throw IamRefusal.conflict("Cannot delete entity, must delete policies first.");
        }
        if (!r.attached().isEmpty()) {
            throw IamRefusal.conflict("Cannot delete entity, must detach all policies first.");
        }
        c.put(new Removed(r.account(), Kind.ROLE, IamStore.key(r.name())));
    }

    public void tag(Changes c, String account, String name, Map<String, String> tags) {
        synchronized (store) {
            Role r = role(account, name);
            c.put(r.withTags(IamIds.tagged(r.tags(), tags)));
        }
    }

    public void untag(Changes c, String account, String name, Collection<String> keys) {
        synchronized (store) {
            Role r = role(account, name);
            c.put(r.withTags(IamIds.untagged(r.tags(), keys)));
        }
    }

    /** Notes that STS issued credentials for the role; {@code null} when there is no such role. */
    public Role used(Changes c, String account, String arn, String region, Instant when) {
        synchronized (store) {
            Role r = roleByArn(account, arn);
            if (r == null) {
                return null;
            }
            Role used = r.usedAt(when, region);
            c.put(used);
            return used;
        }
    }

    // service-linked roles

    /**
     * Creates the service-linked role of a service: {@code AWSServiceRoleFor<Service>[_<suffix>]} under
     * {@code /aws-service-role/<service principal>/}, trusted by that service.
     */
    public Role createServiceLinked(Changes c, String account, String partition, String servicePrincipal,
                                    String description, String suffix) {
        synchronized (store) {
            String name = ServiceLinkedRoles.roleName(servicePrincipal) + (suffix == null ? "" : "_" + suffix);
            if (store.account(account).role(name) != null) {
                throw IamRefusal.invalid("Service role name " + name + " has been taken in this account, please try "
                        + "a different suffix.");
            }
            String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                    + "{\"Service\":[\"" + servicePrincipal + "\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
            String path = "/aws-service-role/" + servicePrincipal + "/";
            Role r = new Role(account, name, IamIds.uniqueId("AROA"), path, IamIds.arn(partition, account, "role", path,
                    name), clock.instant(), trust, description, DEFAULT_MAX_SESSION, null, Map.of(), Map.of(),
                    List.of(), null, null);
            c.put(r);
            return r;
        }
    }

    /** Deletes a service-linked role at once (AWS runs a deletion task, which here has already succeeded). */
    public Role deleteServiceLinked(Changes c, String account, String name) {
        synchronized (store) {
            Role r = role(account, name);
            if (!r.serviceLinked()) {
                throw IamRefusal.invalid("Role " + r.name() + " is not a service-linked role.");
            }
            for (String policy : r.attached()) {
                c.put(r = r.withAttached(Entities.without(r.attached(), policy)));
            }
            deleteChecked(c, r.withInline(Map.of()));
            return r;
        }
    }

    // instance profiles

    public InstanceProfile profile(String account, String name) {
        synchronized (store) {
            InstanceProfile p = store.account(account).instanceProfile(name);
            if (p == null) {
                throw IamRefusal.noSuchEntity("Instance Profile " + name + " cannot be found.");
            }
            return p;
        }
    }

    public InstanceProfile createProfile(Changes c, String account, String partition, String name, String path,
                                         Map<String, String> tags) {
        synchronized (store) {
            if (store.account(account).instanceProfile(name) != null) {
                throw IamRefusal.exists("Instance Profile " + name + " already exists.");
            }
            InstanceProfile p = new InstanceProfile(account, name, IamIds.uniqueId("AIPA"), path,
                    IamIds.arn(partition, account, "instance-profile", path, name), clock.instant(), List.of(),
                    IamIds.tagged(Map.of(), tags));
            c.put(p);
            return p;
        }
    }

    public void deleteProfile(Changes c, String account, String name) {
        synchronized (store) {
            InstanceProfile p = profile(account, name);
            if (!p.roles().isEmpty()) {
                throw IamRefusal.conflict("Cannot delete entity, must remove roles from instance profile first.");
            }
            c.put(new Removed(account, Kind.INSTANCE_PROFILE, IamStore.key(p.name())));
        }
    }

    public List<InstanceProfile> profiles(String account, String pathPrefix) {
        synchronized (store) {
            return store.account(account).instanceProfiles().stream().filter(p -> p.path().startsWith(pathPrefix))
                    .toList();
        }
    }

    public List<InstanceProfile> profilesOf(String account, String roleName) {
        synchronized (store) {
            Role r = role(account, roleName);
            return store.account(account).instanceProfiles().stream().filter(p -> p.roles().contains(r.name()))
                    .toList();
        }
    }

    /** An instance profile holds one role, as IAM allows. */
    public void addRole(Changes c, String account, String profileName, String roleName) {
        synchronized (store) {
            InstanceProfile p = profile(account, profileName);
            Role r = role(account, roleName);
            if (p.roles().contains(r.name())) {
                throw IamRefusal.limit("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
            }
            if (!p.roles().isEmpty()) {
                throw IamRefusal.limit("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
            }
            c.put(p.withRoles(List.of(r.name())));
        }
    }

    public void removeRole(Changes c, String account, String profileName, String roleName) {
        synchronized (store) {
            InstanceProfile p = profile(account, profileName);
            Role r = role(account, roleName);
            if (!p.roles().contains(r.name())) {
                throw IamRefusal.noSuchEntity("The role with name " + roleName + " cannot be found.");
            }
            c.put(p.withRoles(Entities.without(p.roles(), r.name())));
        }
    }

    public void tagProfile(Changes c, String account, String name, Map<String, String> tags) {
        synchronized (store) {
            InstanceProfile p = profile(account, name);
            c.put(p.withTags(IamIds.tagged(p.tags(), tags)));
        }
    }

    public void untagProfile(Changes c, String account, String name, Collection<String> keys) {
        synchronized (store) {
            InstanceProfile p = profile(account, name);
            c.put(p.withTags(IamIds.untagged(p.tags(), keys)));
        }
    }
}
