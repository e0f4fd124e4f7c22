package dev.gureum.core.auth;

import dev.gureum.core.id.Arn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request context IAM evaluates policies against: who asks (the principal), for which action
 * ({@code s3:GetObject}), on which resource (an ARN, or {@code *} for actions on no resource), in which account the
 * resource lives, and the condition keys the request carries.
 *
 * <p>Keys are matched without regard to case; each has one or more values (multivalued keys such as
 * {@code aws:TagKeys} several). The principal's own keys are filled in unless given: {@code aws:PrincipalArn},
 * {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, and {@code aws:username} for an IAM user. Services add
 * the global keys they know ({@code aws:SourceIp}, {@code aws:SecureTransport}, {@code aws:CurrentTime},
 * {@code aws:SourceArn}, {@code aws:SourceAccount}, {@code aws:RequestTag/...}, {@code aws:TagKeys},
 * {@code aws:PrincipalTag/...}, {@code aws:userid}) and their own ({@code s3:prefix}, {@code s3:x-amz-acl}...)
 * with {@link #with(String, String...)}.
 *
 * @param resourceAccount the account that owns the resource; {@code null} when the resource is the caller's own
 *                        (or has no owner), so the request is not cross-account
 */
public record AccessRequest(Principal principal, String action, String resource, String resourceAccount,
                            Map<String, List<String>> keys) {

    public AccessRequest {
        principal = principal == null ? Principal.anonymous() : principal;
        Map<String, List<String>> copy = new HashMap<>();
        if (keys != null) {
            keys.forEach((k, v) -> {
                if (k != null && v != null && !v.isEmpty()) {
                    copy.put(lower(k), List.copyOf(v));
                }
            });
        }
        principalKeys(principal, copy);
        keys = java.util.Collections.unmodifiableMap(copy);
    }

    /** Key names as matched, lower case; the few names services use are lowered once. */
    private static final Map<String, String> LOWER = new java.util.concurrent.ConcurrentHashMap<>();

    private static String lower(String key) {
        String lowered = LOWER.get(key);
        if (lowered == null) {
            lowered = key.toLowerCase(Locale.ROOT);
            if (LOWER.size() < 4096) {
                LOWER.put(key, lowered);
            }
        }
        return lowered;
    }

    public static AccessRequest of(Principal principal, String action, String resource) {
        return new AccessRequest(principal, action, resource, null, Map.of());
    }

    /** A request with single-valued keys, as services collect them (a {@code null} value is an absent key). */
    public static AccessRequest of(Principal principal, String action, String resource, Map<String, String> keys) {
        return of(principal, action, resource, null, keys);
    }

    /** As {@link #of(Principal, String, String, Map)}, for a resource owned by {@code resourceAccount}. */
    public static AccessRequest of(Principal principal, String action, String resource, String resourceAccount,
                                   Map<String, String> keys) {
        Map<String, List<String>> multi = new HashMap<>();
        if (keys != null) {
            keys.forEach((k, v) -> {
                if (k != null && v != null) {
                    multi.put(k, List.of(v));
                }
            });
        }
        return new AccessRequest(principal, action, resource, resourceAccount, multi);
    }

    /** This request for a resource owned by {@code account}. */
    public AccessRequest inAccount(String account) {
        return new AccessRequest(principal, action, resource, account, keys);
    }

    /** This request with a key (its values replacing any the request had). */
    public AccessRequest with(String key, String... values) {
        return with(key, List.of(values));
    }

    public AccessRequest with(String key, Collection<String> values) {
        Map<String, List<String>> copy = new HashMap<>(keys);
        copy.put(key.toLowerCase(Locale.ROOT), new ArrayList<>(values));
        return new AccessRequest(principal, action, resource, resourceAccount, copy);
    }

    /** This request at an instant: {@code aws:CurrentTime} and {@code aws:EpochTime}. */
    public AccessRequest at(Instant now) {
        return with("aws:CurrentTime", now.toString()).with("aws:EpochTime", String.valueOf(now.getEpochSecond()));
    }

    /** This request with the principal's tags as {@code aws:PrincipalTag/<key>}. */
    public AccessRequest withPrincipalTags(Map<String, String> tags) {
        AccessRequest r = this;
        for (Map.Entry<String, String> t : tags.entrySet()) {
            r = r.with("aws:PrincipalTag/" + t.getKey(), t.getValue());
        }
        return r;
    }

    /** This request with the tags it sets: {@code aws:RequestTag/<key>} and {@code aws:TagKeys}. */
    public AccessRequest withRequestTags(Map<String, String> tags) {
        AccessRequest r = this;
        for (Map.Entry<String, String> t : tags.entrySet()) {
            r = r.with("aws:RequestTag/" + t.getKey(), t.getValue());
        }
        return tags.isEmpty() ? r : r.with("aws:TagKeys", List.copyOf(tags.keySet()));
    }

    /** The first value of a key, or {@code null} when the request lacks it. */
    public String key(String name) {
        List<String> values = keys.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether the resource lives in another account than the caller's. */
    public boolean crossAccount() {
        return resourceAccount != null && !resourceAccount.equals(principal.accountId());
    }

    private static void principalKeys(Principal principal, Map<String, List<String>> keys) {
        if (principal.kind() != Principal.Kind.AWS || principal.arn() == null) {
            return;
        }
        keys.putIfAbsent("aws:principalarn", List.of(principal.arn()));
        if (principal.accountId() != null) {
            keys.putIfAbsent("aws:principalaccount", List.of(principal.accountId()));
        }
        List<String> derived = keys.get("aws:principaltype");
        if (derived != null && (keys.containsKey("aws:username") || !derived.contains("User"))) {
            // derived already (a request made from another one)
            return;
        }
        Arn arn;
        try {
            arn = Arn.parse(principal.arn());
        } catch (IllegalArgumentException e) {
            return;
        }
        String resource = arn.resource();
        String type = resource.equals("root") ? "Account" : resource.startsWith("user/") ? "User"
                : resource.startsWith("assumed-role/") ? "AssumedRole" : resource.startsWith("federated-user/")
                ? "FederatedUser" : null;
        if (type != null) {
            keys.putIfAbsent("aws:principaltype", List.of(type));
        }
        if (resource.startsWith("user/")) {
            keys.putIfAbsent("aws:username", List.of(resource.substring(resource.lastIndexOf('/') + 1)));
        }
        if (resource.equals("root") && principal.accountId() != null) {
            keys.putIfAbsent("aws:userid", List.of(principal.accountId()));
        }
    }
}
