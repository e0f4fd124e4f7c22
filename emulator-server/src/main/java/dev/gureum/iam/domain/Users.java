package dev.gureum.iam.domain;

import dev.gureum.iam.domain.Entities.AccessKey;
import dev.gureum.iam.domain.Entities.Group;
import dev.gureum.iam.domain.Entities.Kind;
import dev.gureum.iam.domain.Entities.LoginProfile;
import dev.gureum.iam.domain.Entities.MfaDevice;
import dev.gureum.iam.domain.Entities.Removed;
import dev.gureum.iam.domain.Entities.User;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Users, groups and membership, and users' login profiles. */
public final class Users {

    /** IAM's default quota of groups a user is in. */
    static final int GROUPS_PER_USER = 10;

    private final IamStore store;
    private final Clock clock;
    private final Policies policies;

    public Users(IamStore store, Clock clock, Policies policies) {
        this.store = store;
        this.clock = clock;
        this.policies = policies;
    }

    public User user(String account, String name) {
        synchronized (store) {
            User u = store.account(account).user(name);
            if (u == null) {
                throw IamRefusal.noSuchEntity("The user with name " + name + " cannot be found.");
            }
            return u;
        }
    }

    public Group group(String account, String name) {
        synchronized (store) {
            Group g = store.account(account).group(name);
            if (g == null) {
                throw IamRefusal.noSuchEntity("The group with name " + name + " cannot be found.");
            }
            return g;
        }
    }

    public User create(Changes c, String account, String partition, String name, String path, String boundary,
                       Map<String, String> tags) {
        synchronized (store) {
            if (store.account(account).user(name) != null) {
                throw IamRefusal.exists("User with name " + name + " already exists.");
            }
            if (boundary != null) {
                policies.boundary(account, boundary);
            }
            User u = new User(account, name, IamIds.uniqueId("AIDA"), path, IamIds.arn(partition, account, "user", path,
                    name), clock.instant(), boundary, IamIds.tagged(Map.of(), tags), Map.of(), List.of(), List.of(),
                    null);
            c.put(u);
            return u;
        }
    }

    public List<User> list(String account, String pathPrefix) {
        synchronized (store) {
            return store.account(account).users().stream().filter(u -> u.path().startsWith(pathPrefix)).toList();
        }
    }

    public void update(Changes c, String account, String partition, String name, String newName, String newPath) {
        synchronized (store) {
            User u = user(account, name);
            String targetName = newName == null ? u.name() : newName;
            String targetPath = newPath == null ? u.path() : newPath;
            IamStore.Account a = store.account(account);
            if (newName != null && !IamStore.key(newName).equals(IamStore.key(u.name())) && a.user(newName) != null) {
                throw IamRefusal.exists("User with name " + newName + " already exists.");
            }
            if (!IamStore.key(targetName).equals(IamStore.key(u.name()))) {
                c.put(new Removed(account, Kind.USER, IamStore.key(u.name())));
            }
            c.put(u.renamed(targetName, targetPath, IamIds.arn(partition, account, "user", targetPath, targetName)));
            for (AccessKey k : a.accessKeys()) {
                if (k.userName().equals(u.name())) {
                    c.put(k.withUser(targetName));
                }
            }
            for (MfaDevice d : a.mfaDevices()) {
                if (u.name().equals(d.userName())) {
                    c.put(d.assigned(targetName, d.enabled()));
                }
            }
        }
    }

    public void delete(Changes c, String account, String name) {
        synchronized (store) {
            User u = user(account, name);
            IamStore.Account a = store.account(account);
            if (a.accessKeys().stream().anyMatch(k -> k.userName().equals(u.name()))) {
                throw IamRefusal.conflict("Cannot delete entity, must delete access keys first.");
            }
            if (u.login() != null) {
                throw IamRefusal.conflict("Cannot delete entity, must delete login profile first.");
            }
            if (a.mfaDevices().stream().anyMatch(d -> u.name().equals(d.userName()))) {
                throw IamRefusal.conflict("Cannot delete entity, must delete MFA device first.");
            }
            if (!u.inline().isEmpty()) {
                throw IamRefusal.conflict("Cannot delete entity, must delete policies first.");
            }
            if (!u.attached().isEmpty()) {
                throw IamRefusal.conflict("Cannot delete entity, must detach all policies first.");
            }
            if (!u.groups().isEmpty()) {
                throw IamRefusal.conflict("Cannot delete entity, must remove user from all groups first.");
            }
            c.put(new Removed(account, Kind.USER, IamStore.key(u.name())));
        }
    }

    public void tag(Changes c, String account, String name, Map<String, String> tags) {
        synchronized (store) {
            User u = user(account, name);
            c.put(u.withTags(IamIds.tagged(u.tags(), tags)));
        }
    }

    public void untag(Changes c, String account, String name, Collection<String> keys) {
        synchronized (store) {
            User u = user(account, name);
            c.put(u.withTags(IamIds.untagged(u.tags(), keys)));
        }
    }

    // groups

    public Group createGroup(Changes c, String account, String partition, String name, String path) {
        synchronized (store) {
            if (store.account(account).group(name) != null) {
                throw IamRefusal.exists("Group with name " + name + " already exists.");
            }
            Group g = new Group(account, name, IamIds.uniqueId("AGPA"), path,
                    IamIds.arn(partition, account, "group", path, name), clock.instant(), Map.of(), List.of());
            c.put(g);
            return g;
        }
    }

    public List<Group> groups(String account, String pathPrefix) {
        synchronized (store) {
            return store.account(account).groups().stream().filter(g -> g.path().startsWith(pathPrefix)).toList();
        }
    }

    /** The members of a group, in name order. */
    public List<User> members(String account, String groupName) {
        synchronized (store) {
            Group g = group(account, groupName);
            return store.account(account).users().stream().filter(u -> u.groups().contains(g.name())).toList();
        }
    }

    /** The groups of a user, in name order. */
    public List<Group> groupsOf(String account, String userName) {
        synchronized (store) {
            User u = user(account, userName);
            return store.account(account).groups().stream().filter(g -> u.groups().contains(g.name())).toList();
        }
    }

    public void updateGroup(Changes c, String account, String partition, String name, String newName, String newPath) {
        synchronized (store) {
            Group g = group(account, name);
            String targetName = newName == null ? g.name() : newName;
            String targetPath = newPath == null ? g.path() : newPath;
            IamStore.Account a = store.account(account);
            if (newName != null && !IamStore.key(newName).equals(IamStore.key(g.name())) && a.group(newName) != null) {
                throw IamRefusal.exists("Group with name " + newName + " already exists.");
            }
            if (!IamStore.key(targetName).equals(IamStore.key(g.name()))) {
                c.put(new Removed(account, Kind.GROUP, IamStore.key(g.name())));
            }
            c.put(g.renamed(targetName, targetPath, IamIds.arn(partition, account, "group", targetPath, targetName)));
            for (User u : a.users()) {
                if (u.groups().contains(g.name())) {
                    c.put(u.withGroups(Entities.with(Entities.without(u.groups(), g.name()), targetName)));
                }
            }
        }
    }

    public void deleteGroup(Changes c, String account, String name) {
        synchronized (store) {
            Group g = group(account, name);
            if (store.account(account).users().stream().anyMatch(u -> u.groups().contains(g.name()))) {
                throw IamRefusal.conflict("Cannot delete entity, must remove users from group first.");
            }
            if (!g.inline().isEmpty()) {
                throw IamRefusal.conflict("Cannot delete entity, must delete policies first.");
            }
            if (!g.attached().isEmpty()) {
                throw IamRefusal.conflict("Cannot delete entity, must detach all policies first.");
            }
            c.put(new Removed(account, Kind.GROUP, IamStore.key(g.name())));
        }
    }

    public void addToGroup(Changes c, String account, String groupName, String userName) {
        synchronized (store) {
            Group g = group(account, groupName);
            User u = user(account, userName);
            if (u.groups().contains(g.name())) {
                return;
            }
            if (u.groups().size() >= GROUPS_PER_USER) {
                throw IamRefusal.limit("Cannot exceed quota for GroupsPerUser: " + GROUPS_PER_USER);
            }
            c.put(u.withGroups(Entities.with(u.groups(), g.name())));
        }
    }

    public void removeFromGroup(Changes c, String account, String groupName, String userName) {
        synchronized (store) {
            Group g = group(account, groupName);
            User u = user(account, userName);
            if (!u.groups().contains(g.name())) {
                throw IamRefusal.noSuchEntity("The user with name " + userName + " cannot be found.");
            }
            c.put(u.withGroups(Entities.without(u.groups(), g.name())));
        }
    }

    // login profiles

    public LoginProfile createLogin(Changes c, String account, String userName, boolean resetRequired) {
        synchronized (store) {
            User u = user(account, userName);
            if (u.login() != null) {
                throw IamRefusal.exists("Login Profile for user " + u.name() + " already exists.");
            }
            LoginProfile l = new LoginProfile(clock.instant(), resetRequired);
            c.put(u.withLogin(l));
            return l;
        }
    }

    public LoginProfile login(String account, String userName) {
        synchronized (store) {
            User u = user(account, userName);
            if (u.login() == null) {
                throw IamRefusal.noSuchEntity("Login Profile for User " + u.name() + " cannot be found.");
            }
            return u.login();
        }
    }

    public void updateLogin(Changes c, String account, String userName, Boolean resetRequired) {
        synchronized (store) {
            LoginProfile l = login(account, userName);
            if (resetRequired != null) {
                c.put(user(account, userName).withLogin(new LoginProfile(l.created(), resetRequired)));
            }
        }
    }

    public void deleteLogin(Changes c, String account, String userName) {
        synchronized (store) {
            login(account, userName);
            c.put(user(account, userName).withLogin(null));
        }
    }
}
