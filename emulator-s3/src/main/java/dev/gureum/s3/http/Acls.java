package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Params;
import dev.gureum.s3.domain.Acl;
import dev.gureum.s3.protocol.S3Error;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/** ACLs as requests give them (a canned {@code x-amz-acl}, {@code x-amz-grant-*} headers, an XML document) and as S3 shows them. */
final class Acls {

    private static final Pattern CANONICAL_ID = Pattern.compile("[0-9a-fA-F]{64}");

    private static final String[][] GRANT_HEADERS = {
            {"x-amz-grant-read", "READ"}, {"x-amz-grant-write", "WRITE"}, {"x-amz-grant-read-acp", "READ_ACP"},
            {"x-amz-grant-write-acp", "WRITE_ACP"}, {"x-amz-grant-full-control", "FULL_CONTROL"}};

    private Acls() {
    }

    /**
     * The ACL that headers (or form fields, by lower-case name) ask for: a canned ACL, else the grants;
     * private when they name none.
     */
    static Acl fromHeaders(Function<String, String> header, String bucketOwner) {
        String canned = header.apply("x-amz-acl");
        if (canned != null && canned.trim().equals("bucket-owner-full-control")) {
            // matters when another account writes the object: it owns it, and grants the bucket's owner control
            return new Acl(List.of(new Acl.Grant("CanonicalUser", S3State.canonicalId(bucketOwner),
                    Acl.Permission.FULL_CONTROL)));
        }
        if (canned != null) {
            Acl acl = Acl.canned(canned.trim(), S3State.canonicalId(bucketOwner));
            if (acl == null) {
                throw new AwsException(S3Error.INVALID_ARGUMENT, "").detail("ArgumentName", "x-amz-acl")
                        .detail("ArgumentValue", canned);
            }
            return acl;
        }
        List<Acl.Grant> grants = new ArrayList<>();
        for (String[] h : GRANT_HEADERS) {
            String value = header.apply(h[0]);
            if (value == null) {
                continue;
            }
            for (String grantee : value.split(",")) {
                String g = grantee.trim();
                int eq = g.indexOf('=');
                if (eq < 0) {
                    throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid id").detail("ArgumentName", h[0])
                            .detail("ArgumentValue", value);
                }
                String type = g.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String id = g.substring(eq + 1).trim().replace("\"", "");
                grants.add(resolved(new Acl.Grant(switch (type) {
                    case "uri" -> "Group";
                    case "id" -> "CanonicalUser";
                    case "emailaddress" -> "AmazonCustomerByEmail";
                    default -> throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid id")
                            .detail("ArgumentName", h[0]).detail("ArgumentValue", value);
                }, id, Acl.Permission.valueOf(h[1])), h[0]));
            }
        }
        return grants.isEmpty() ? Acl.PRIVATE : Acl.explicit(grants);
    }

    /**
     * A grantee S3 can resolve: a canonical user id is 64 hexadecimal digits (anything else is
     * {@code InvalidArgument} "Invalid id"); an e-mail address must belong to an account, and no account
     * here has one ({@code UnresolvableGrantByEmailAddress}).
     */
    private static Acl.Grant resolved(Acl.Grant grant, String argumentName) {
        if (grant.type().equals("CanonicalUser") && !CANONICAL_ID.matcher(grant.value()).matches()) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid id").detail("ArgumentName", argumentName)
                    .detail("ArgumentValue", grant.value());
        }
        if (grant.type().equals("AmazonCustomerByEmail")) {
            throw new AwsException(S3Error.UNRESOLVABLE_GRANT_BY_EMAIL_ADDRESS,
                    "The e-mail address you provided does not match any account on record.")
                    .detail("EmailAddress", grant.value());
        }
        return grant;
    }

    /** The grants of an {@code AccessControlPolicy} document. */
    static Acl fromDocument(Params policy) {
        List<Acl.Grant> grants = new ArrayList<>();
        Params list = policy.get("AccessControlList");
        // an empty <AccessControlList/> revokes every grant
        List<Params> given = list.isPresent() && list.node().isTextual() && list.node().asText().isBlank()
                ? List.of() : policy.object("AccessControlList").list("Grant");
        for (Params grant : given) {
            Params grantee = grant.object("Grantee");
            String permission = grant.string("Permission");
            Acl.Permission p;
            try {
                p = Acl.Permission.valueOf(permission == null ? "" : permission);
            } catch (IllegalArgumentException e) {
                throw malformed();
            }
            if (grantee.string("URI") != null) {
                grants.add(new Acl.Grant("Group", grantee.string("URI"), p));
            } else if (grantee.string("ID") != null) {
                grants.add(resolved(new Acl.Grant("CanonicalUser", grantee.string("ID"), p), "CanonicalUser/ID"));
            } else if (grantee.string("EmailAddress") != null) {
                grants.add(resolved(new Acl.Grant("AmazonCustomerByEmail", grantee.string("EmailAddress"), p), null));
            } else {
                throw malformed();
            }
        }
        // the document is the whole list: the owner keeps full control only where a grant names it
        return Acl.explicit(grants);
    }

    private static AwsException malformed() {
        return new AwsException(S3Error.MALFORMED_ACL_ERROR,
                "The XML you provided was not well-formed or did not validate against our published schema");
    }

    /**
     * {@code GetBucketAcl}/{@code GetObjectAcl}'s document: a canned ACL's owner full control, then the
     * other grants; explicit grants as they were given.
     */
    static String render(String ownerAccount, Acl acl) {
        String id = S3State.canonicalId(ownerAccount);
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><AccessControlPolicy xmlns=\"")
                .append(S3State.XMLNS).append("\"><Owner><ID>").append(id).append("</ID><DisplayName>gureum-")
                .append(ownerAccount).append("</DisplayName></Owner><AccessControlList>");
        String owner = "<ID>" + id + "</ID><DisplayName>gureum-" + ownerAccount + "</DisplayName>";
        if (!acl.explicit()) {
            grant(sb, "CanonicalUser", owner, "FULL_CONTROL");
        }
        for (Acl.Grant g : acl.grants()) {
            if (g.type().equals("CanonicalUser") && g.value().equalsIgnoreCase(id) && acl.explicit()) {
                grant(sb, "CanonicalUser", owner, g.permission().name());
                continue;
            }
            if (g.type().equals("CanonicalUser") && g.value().equalsIgnoreCase(id)
                    && g.permission() == Acl.Permission.FULL_CONTROL) {
                // the owner's own full control is listed once
                continue;
            }
            String element = switch (g.type()) {
                case "Group" -> "URI";
                case "CanonicalUser" -> "ID";
                default -> "EmailAddress";
            };
            grant(sb, g.type(), "<" + element + ">" + escape(g.value()) + "</" + element + ">", g.permission().name());
        }
        return sb.append("</AccessControlList></AccessControlPolicy>").toString();
    }

    private static void grant(StringBuilder sb, String type, String grantee, String permission) {
        sb.append("<Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"").append(type)
                .append("\">").append(grantee).append("</Grantee><Permission>").append(permission)
                .append("</Permission></Grant>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
