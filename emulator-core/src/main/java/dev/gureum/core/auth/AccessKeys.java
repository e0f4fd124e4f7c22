package dev.gureum.core.auth;

import dev.gureum.core.id.Arn;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Maps access keys to accounts and secrets. A 12-digit access key id is that account (the convention
 * LocalStack users rely on); keys issued by STS map back to the account that asked for them; any
 * other key belongs to the default account.
 */
public final class AccessKeys {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** A key issued by STS: its account, the principal it acts as, secret, session token and expiry. */
    public record IssuedKey(String accessKeyId, String secretAccessKey, String sessionToken, String accountId,
                            String principalArn, String userId, Instant expiration) {
    }

    private final String defaultAccount;
    private final Map<String, String> configuredSecrets;
    private final Map<String, IssuedKey> issued = new ConcurrentHashMap<>();

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
        return key != null ? key.accountId() : defaultAccount;
    }

    /** The principal an access key acts as: an assumed role's ARN, or the account root (partition {@code aws}). */
    public String principalArnOf(String accessKeyId) {
        return principalArnOf(accessKeyId, null);
    }

    /** As {@link #principalArnOf(String)}, the account root in the partition of the region. */
    public String principalArnOf(String accessKeyId, String region) {
        IssuedKey key = accessKeyId == null ? null : issued.get(accessKeyId);
        return key != null ? key.principalArn()
                : new Arn(Arn.partitionOf(region), "iam", "", accountOf(accessKeyId), "root").toString();
    }

    /** The unique id GetCallerIdentity reports: an assumed role's {@code AROA...:session}, or the account. */
    public String userIdOf(String accessKeyId) {
        IssuedKey key = accessKeyId == null ? null : issued.get(accessKeyId);
        return key != null ? key.userId() : accountOf(accessKeyId);
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
        return Optional.ofNullable(key == null ? null : key.secretAccessKey());
    }

    /** The keys STS has issued (expired ones too, until reset). */
    public java.util.Collection<IssuedKey> issuedKeys() {
        return java.util.List.copyOf(issued.values());
    }

    public void register(IssuedKey key) {
        issued.put(key.accessKeyId(), key);
    }

    public void reset() {
        issued.clear();
    }
}
