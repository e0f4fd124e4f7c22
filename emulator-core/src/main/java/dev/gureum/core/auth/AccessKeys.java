package dev.gureum.core.auth;

import dev.gureum.core.id.Arn;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Maps access keys to accounts and secrets. A 12-digit access key id is that account (the convention
 * LocalStack users rely on); keys issued by STS map back to the account that asked for them; an IAM
 * user's long-term keys ({@code AKIA...}) act as that user; any other key belongs to the default account.
 */
public final class AccessKeys {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** A key issued by STS: its account, the principal it acts as, secret, session token and expiry. */
    public record IssuedKey(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
                            String principalArn, String userId, Instant expiration) {
    }

    /**
     * An IAM user's long-term key: it acts as the user until it is deleted. An inactive key is refused, as AWS
     * refuses it ({@code InvalidClientTokenId}), whether or not signatures are verified.
     */
    public record UserKey(String accessKeyId, String secretAccessKey, String accountId, String principalArn,
                          String userId, boolean active) {
    }

    /** When a user key was last used, by which service and in which region ({@code GetAccessKeyLastUsed}). */
    public record KeyUse(Instant when, String service, String region) {
    }

    private final String defaultAccount;
    private final Map<String, String> configuredSecrets;
    private final Map<String, IssuedKey> issued = new ConcurrentHashMap<>();
    private final Map<String, UserKey> userKeys = new ConcurrentHashMap<>();
    private final Map<String, KeyUse> uses = new ConcurrentHashMap<>();
    private final RoleSessions sessions = new RoleSessions();
    /** The keys whose expiration is enforced: STS's, which clients renew themselves when they expire. */
    private final java.util.Set<String> expiring = ConcurrentHashMap.newKeySet();

    public AccessKeys(String defaultAccount, Map<String, String> configuredSecrets) {
        this.defaultAccount = defaultAccount;
        this.configuredSecrets = Map.copyOf(configuredSecrets);
    }

    public String defaultAccount() {
        return defaultAccount;
    }

    public String accountOf(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.isEmpty()) {
            return defaultAccount;
        }
        if (ACCOUNT_ID.matcher(accessKeyId).matches()) {
            return accessKeyId;
        }
        IssuedKey key = issued.get(accessKeyId);
        if (key != null) {
            return key.accountId();
        }
        UserKey user = userKeys.get(accessKeyId);
        return user != null ? user.accountId() : defaultAccount;
    }

    /** The principal an access key acts as: an assumed role's ARN, or the account root (partition {@code aws}). */
    public String principalArnOf(String accessKeyId) {
        return principalArnOf(accessKeyId, null);
    }

    /** As {@link #principalArnOf(String)}, the account root in the partition of the region. */
    public String principalArnOf(String accessKeyId, String region) {
        IssuedKey key = accessKeyId == null ? null : issued.get(accessKeyId);
        if (key != null) {
            return key.principalArn();
        }
        UserKey user = accessKeyId == null ? null : userKeys.get(accessKeyId);
        return user != null ? user.principalArn()
                : new Arn(Arn.partitionOf(region), "iam", "", accountOf(accessKeyId), "root").toString();
    }

    /** The unique id GetCallerIdentity reports: an assumed role's {@code AROA...:session}, or the account. */
    public String userIdOf(String accessKeyId) {
        IssuedKey key = accessKeyId == null ? null : issued.get(accessKeyId);
        if (key != null) {
            return key.userId();
        }
        UserKey user = accessKeyId == null ? null : userKeys.get(accessKeyId);
        return user != null ? user.userId() : accountOf(accessKeyId);
    }

    public Optional<IssuedKey> issuedKey(String accessKeyId) {
        return Optional.ofNullable(accessKeyId == null ? null : issued.get(accessKeyId));
    }

    /** The secret to check a signature with; {@code empty} when the key is unknown. */
    public Optional<String> secretOf(String accessKeyId) {
        String configured = configuredSecrets.get(accessKeyId);
        if (configured != null) {
            return Optional.of(configured);
        }
        IssuedKey key = issued.get(accessKeyId);
        if (key != null) {
            return Optional.of(key.secretAccessKey());
        }
        UserKey user = userKeys.get(accessKeyId);
        return Optional.ofNullable(user == null || !user.active() ? null : user.secretAccessKey());
    }

    /** Whether the key is an IAM user's key that was made inactive ({@code UpdateAccessKey}). */
    public boolean inactive(String accessKeyId) {
        UserKey user = accessKeyId == null ? null : userKeys.get(accessKeyId);
        return user != null && !user.active();
    }

    /** Notes that a request used the key, if it is a user key; other keys are not tracked. */
    public void used(String accessKeyId, String service, String region, Instant when) {
        if (accessKeyId != null && userKeys.containsKey(accessKeyId)) {
            uses.put(accessKeyId, new KeyUse(when, service, region));
        }
    }

    /** When a user key was last used; empty when it never was since the server started. */
    public Optional<KeyUse> lastUse(String accessKeyId) {
        return Optional.ofNullable(accessKeyId == null ? null : uses.get(accessKeyId));
    }

    /** Adds or replaces an IAM user's key. */
    public void register(UserKey key) {
        userKeys.put(key.accessKeyId(), key);
    }

    public Optional<UserKey> userKey(String accessKeyId) {
        return Optional.ofNullable(accessKeyId == null ? null : userKeys.get(accessKeyId));
    }

    public void removeUserKey(String accessKeyId) {
        userKeys.remove(accessKeyId);
        uses.remove(accessKeyId);
    }

    /** Forgets every user key (IAM's state was cleared or replaced). */
    public void clearUserKeys() {
        userKeys.clear();
        uses.clear();
    }

    /** The keys STS has issued (expired ones too, until reset). */
    public java.util.Collection<IssuedKey> issuedKeys() {
        return java.util.List.copyOf(issued.values());
    }

    public void register(IssuedKey key) {
        issued.put(key.accessKeyId(), key);
    }

    /** Adds a key STS issued, which stops working at its expiration ({@link #expired}). */
    public void registerExpiring(IssuedKey key) {
        register(key);
        if (key.expiration() != null) {
            expiring.add(key.accessKeyId());
        }
    }

    /**
     * Whether the key is an STS key past its expiration at {@code now} (the server clock), as AWS answers it
     * {@code ExpiredToken}. Its role session is dropped then; the key itself is kept (without its session) so that
     * it keeps being refused rather than becoming unknown, and snapshots leave it out.
     */
    public boolean expired(String accessKeyId, Instant now) {
        if (accessKeyId == null || !expiring.contains(accessKeyId)) {
            return false;
        }
        IssuedKey key = issued.get(accessKeyId);
        if (key == null || key.expiration().isAfter(now)) {
            return false;
        }
        sessions.remove(accessKeyId);
        return true;
    }

    /** The role sessions behind the issued keys: their role, session policies and tags. */
    public RoleSessions sessions() {
        return sessions;
    }

    /** Forgets the keys STS issued and their sessions; user keys belong to IAM's state, which IAM clears itself. */
    public void reset() {
        issued.clear();
        expiring.clear();
        sessions.clear();
    }
}
