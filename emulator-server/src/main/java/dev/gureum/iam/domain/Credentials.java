package dev.gureum.iam.domain;

import dev.gureum.core.id.Ids;
import dev.gureum.iam.domain.Entities.AccessKey;
import dev.gureum.iam.domain.Entities.Kind;
import dev.gureum.iam.domain.Entities.MfaDevice;
import dev.gureum.iam.domain.Entities.Removed;
import dev.gureum.iam.domain.Entities.User;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Users' access keys and virtual MFA devices. */
public final class Credentials {

    /** IAM's quota of access keys per user. */
    static final int ACCESS_KEYS_PER_USER = 2;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IamStore store;
    private final Clock clock;
    private final Users users;

    public Credentials(IamStore store, Clock clock, Users users) {
        this.store = store;
        this.clock = clock;
        this.users = users;
    }

    public AccessKey createKey(Changes c, String account, String userName) {
        synchronized (store) {
            User u = users.user(account, userName);
            if (keysOf(account, u.name()).size() >= ACCESS_KEYS_PER_USER) {
                throw IamRefusal.limit("Cannot exceed quota for AccessKeysPerUser: " + ACCESS_KEYS_PER_USER);
            }
            AccessKey k = new AccessKey(account, u.name(), IamIds.accessKeyId(), Ids.secret(40), true, clock.instant());
            c.put(k);
            return k;
        }
    }

    /** The keys of a user, oldest first. */
    public List<AccessKey> keysOf(String account, String userName) {
        synchronized (store) {
            User u = users.user(account, userName);
            return store.account(account).accessKeys().stream().filter(k -> k.userName().equals(u.name()))
                    .sorted(java.util.Comparator.comparing(AccessKey::created)).toList();
        }
    }

    /** A key of the account, if it names one; with a user name, only that user's. */
    public AccessKey key(String account, String userName, String keyId) {
        synchronized (store) {
            if (userName != null) {
                users.user(account, userName);
            }
            AccessKey k = store.account(account).accessKeys.get(keyId);
            if (k == null || userName != null && !k.userName().equalsIgnoreCase(userName)) {
                throw IamRefusal.noSuchEntity("The Access Key with id " + keyId + " cannot be found.");
            }
            return k;
        }
    }

    /** The key of any account: GetAccessKeyLastUsed names only the key. */
    public AccessKey anyKey(String keyId) {
        synchronized (store) {
            for (String account : store.accountIds()) {
                AccessKey k = store.account(account).accessKeys.get(keyId);
                if (k != null) {
                    return k;
                }
            }
            return null;
        }
    }

    public void updateKey(Changes c, String account, String userName, String keyId, boolean active) {
        synchronized (store) {
            c.put(key(account, userName, keyId).withActive(active));
        }
    }

    public void deleteKey(Changes c, String account, String userName, String keyId) {
        synchronized (store) {
            AccessKey k = key(account, userName, keyId);
            c.put(new Removed(account, Kind.ACCESS_KEY, k.id()));
        }
    }

    // virtual MFA devices

    public MfaDevice createVirtualMfa(Changes c, String account, String partition, String name, String path,
                                      Map<String, String> tags) {
        synchronized (store) {
            String serial = IamIds.arn(partition, account, "mfa", path, name);
            if (store.account(account).mfaDevices.containsKey(serial)) {
                throw IamRefusal.exists("MFADevice entity at the same path and name already exists.");
            }
            char[] seed = new char[64];
            for (int i = 0; i < seed.length; i++) {
                seed[i] = BASE32.charAt(RANDOM.nextInt(BASE32.length()));
            }
            MfaDevice d = new MfaDevice(account, serial, new String(seed), null, null, clock.instant(),
                    IamIds.tagged(Map.of(), tags));
            c.put(d);
            return d;
        }
    }

    public MfaDevice device(String account, String serial) {
        synchronized (store) {
            MfaDevice d = store.account(account).mfaDevices.get(serial);
            if (d == null) {
                throw IamRefusal.noSuchEntity("VirtualMFADevice with serial number " + serial + " doesn't exist.");
            }
            return d;
        }
    }

    /** Enables a device for a user. The two codes are checked for their form only, not against the seed. */
    public void enable(Changes c, String account, String userName, String serial) {
        synchronized (store) {
            User u = users.user(account, userName);
            MfaDevice d = device(account, serial);
            if (d.userName() != null) {
                throw IamRefusal.exists("MFA Device is already in use.");
            }
            c.put(d.assigned(u.name(), clock.instant()));
        }
    }

    public void deactivate(Changes c, String account, String userName, String serial) {
        synchronized (store) {
            User u = users.user(account, userName);
            MfaDevice d = store.account(account).mfaDevices.get(serial);
            if (d == null || !u.name().equals(d.userName())) {
                throw IamRefusal.noSuchEntity("MFA Device with serial number " + serial + " does not exist.");
            }
            c.put(d.assigned(null, null));
        }
    }

    public void deleteVirtualMfa(Changes c, String account, String serial) {
        synchronized (store) {
            MfaDevice d = device(account, serial);
            if (d.userName() != null) {
                throw IamRefusal.conflict("MFA VirtualDevice in use. Must deactivate first.");
            }
            c.put(new Removed(account, Kind.MFA_DEVICE, serial));
        }
    }

    public List<MfaDevice> devices(String account) {
        synchronized (store) {
            return store.account(account).mfaDevices();
        }
    }

    public void tagDevice(Changes c, String account, String serial, Map<String, String> tags) {
        synchronized (store) {
            MfaDevice d = device(account, serial);
            c.put(d.withTags(IamIds.tagged(d.tags(), tags)));
        }
    }

    public void untagDevice(Changes c, String account, String serial, java.util.Collection<String> keys) {
        synchronized (store) {
            MfaDevice d = device(account, serial);
            c.put(d.withTags(IamIds.untagged(d.tags(), keys)));
        }
    }
}
