package dev.gureum.iam.protocol;

import dev.gureum.core.protocol.Struct;
import dev.gureum.iam.domain.Entities.Group;
import dev.gureum.iam.domain.Entities.InstanceProfile;
import dev.gureum.iam.domain.Entities.ManagedPolicy;
import dev.gureum.iam.domain.Entities.PolicyVersion;
import dev.gureum.iam.domain.Entities.Role;
import dev.gureum.iam.domain.Entities.User;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** IAM's output shapes. Policy documents are answered URL-encoded, as IAM answers them. */
final class IamShapes {

    private IamShapes() {
    }

    /** RFC 3986 percent-encoding of every byte but the unreserved characters (a space is {@code %20}). */
    static String encoded(String document) {
        if (document == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(document.length() * 2);
        for (byte b : document.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static List<Struct> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Struct.of().put("Key", e.getKey()).put("Value", e.getValue())).toList();
    }

    private static Struct boundary(String arn) {
        return arn == null ? null : Struct.of().put("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                .put("PermissionsBoundaryArn", arn);
    }

    /** A user; {@code full} adds what Get answers and List leaves out (boundary, tags). */
    static Struct user(User u, boolean full) {
        Struct s = Struct.of().put("Path", u.path()).put("UserName", u.name()).put("UserId", u.id())
                .put("Arn", u.arn()).put("CreateDate", u.created());
        if (full) {
            s.put("PermissionsBoundary", boundary(u.boundary()));
            if (!u.tags().isEmpty()) {
                s.list("Tags", tags(u.tags()));
            }
        }
        return s;
    }

    static Struct group(Group g) {
        return Struct.of().put("Path", g.path()).put("GroupName", g.name()).put("GroupId", g.id()).put("Arn", g.arn())
                .put("CreateDate", g.created());
    }

    /** A role; {@code full} adds what GetRole answers and ListRoles leaves out. */
    static Struct role(Role r, boolean full) {
        Struct s = Struct.of().put("Path", r.path()).put("RoleName", r.name()).put("RoleId", r.id())
                .put("Arn", r.arn()).put("CreateDate", r.created())
                .put("AssumeRolePolicyDocument", encoded(r.trustPolicy()))
                .put("Description", r.description()).put("MaxSessionDuration", r.maxSessionDuration());
        if (full) {
            s.put("PermissionsBoundary", boundary(r.boundary()));
            if (!r.tags().isEmpty()) {
                s.list("Tags", tags(r.tags()));
            }
            s.put("RoleLastUsed", Struct.of().put("LastUsedDate", r.lastUsed()).put("Region", r.lastUsedRegion()));
        }
        return s;
    }

    static Struct policy(ManagedPolicy p, int attachments, int boundaryUses, boolean full) {
        Struct s = Struct.of().put("PolicyName", p.name()).put("PolicyId", p.id()).put("Arn", p.arn())
                .put("Path", p.path()).put("DefaultVersionId", p.defaultVersion()).put("AttachmentCount", attachments)
                .put("PermissionsBoundaryUsageCount", boundaryUses).put("IsAttachable", true);
        if (full) {
            s.put("Description", p.description());
        }
        s.put("CreateDate", p.created()).put("UpdateDate", p.updated());
        if (full && !p.tags().isEmpty()) {
            s.list("Tags", tags(p.tags()));
        }
        return s;
    }

    static Struct version(PolicyVersion v, ManagedPolicy p, boolean withDocument) {
        return Struct.of().put("Document", withDocument ? encoded(v.document()) : null).put("VersionId", v.versionId())
                .put("IsDefaultVersion", v.versionId().equals(p.defaultVersion())).put("CreateDate", v.created());
    }

    static Struct attachedPolicy(ManagedPolicy p) {
        return Struct.of().put("PolicyName", p.name()).put("PolicyArn", p.arn());
    }

    static Struct instanceProfile(InstanceProfile p, List<Role> roles) {
        Struct s = Struct.of().put("Path", p.path()).put("InstanceProfileName", p.name())
                .put("InstanceProfileId", p.id()).put("Arn", p.arn()).put("CreateDate", p.created())
                .list("Roles", roles, r -> role(r, false));
        if (!p.tags().isEmpty()) {
            s.list("Tags", tags(p.tags()));
        }
        return s;
    }

    static List<Struct> inlineList(Map<String, String> inline) {
        return inline.entrySet().stream().map(e -> Struct.of().put("PolicyName", e.getKey())
                .put("PolicyDocument", encoded(e.getValue()))).toList();
    }
}
