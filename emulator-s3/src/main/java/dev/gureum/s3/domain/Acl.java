package dev.gureum.s3.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * An access control list: who is granted what. A canned ACL grants the owner full control beside its
 * {@code grants}; explicit grants ({@code x-amz-grant-*} headers, an {@code AccessControlPolicy}
 * document) are the whole list, and name the owner only where they do ({@code explicit}). Grantees are
 * the AllUsers group (anyone, anonymous included), the AuthenticatedUsers group (any signed request) or
 * a canonical user id.
 */
public record Acl(List<Grant> grants, boolean explicit) {

    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    /** The owner alone: what {@code private} and every bucket and object start with. */
    public static final Acl PRIVATE = new Acl(List.of());

    public enum Permission { READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL }

    /**
     * @param type  {@code Group} (value: the group URI), {@code CanonicalUser} (value: the id) or
     *              {@code AmazonCustomerByEmail} (value: the address)
     */
    public record Grant(String type, String value, Permission permission) {
    }

    public Acl {
        grants = List.copyOf(grants);
    }

    /** A canned ACL's grants, beside the owner's full control. */
    public Acl(List<Grant> grants) {
        this(grants, false);
    }

    /** Explicit grants: exactly these, the owner's full control only if one of them is it. */
    public static Acl explicit(List<Grant> grants) {
        return new Acl(grants, true);
    }

    /**
     * The grants of a canned ACL ({@code x-amz-acl}), beyond the owner's; {@code null} for a name S3
     * does not know.
     */
    public static Acl canned(String name, String bucketOwnerCanonicalId) {
        return switch (name) {
            case "private", "bucket-owner-full-control", "aws-exec-read" -> PRIVATE;
            case "public-read" -> new Acl(List.of(group(ALL_USERS, Permission.READ)));
            case "public-read-write" -> new Acl(List.of(group(ALL_USERS, Permission.READ),
                    group(ALL_USERS, Permission.WRITE)));
            case "authenticated-read" -> new Acl(List.of(group(AUTHENTICATED_USERS, Permission.READ)));
            case "bucket-owner-read" -> new Acl(List.of(
                    new Grant("CanonicalUser", bucketOwnerCanonicalId, Permission.READ)));
            case "log-delivery-write" -> new Acl(List.of(group(LOG_DELIVERY, Permission.WRITE),
                    group(LOG_DELIVERY, Permission.READ_ACP)));
            default -> null;
        };
    }

    public static Grant group(String uri, Permission permission) {
        return new Grant("Group", uri, permission);
    }

    /** Whether a grant to one of the caller's grantees ({@code isCaller}) gives {@code permission} (or full control). */
    public boolean grants(java.util.function.Predicate<Grant> isCaller, Permission permission) {
        for (Grant g : grants) {
            if ((g.permission() == permission || g.permission() == Permission.FULL_CONTROL) && isCaller.test(g)) {
                return true;
            }
        }
        return false;
    }

    public Acl plus(List<Grant> more) {
        List<Grant> all = new ArrayList<>(grants);
        all.addAll(more);
        return new Acl(all, explicit);
    }
}
