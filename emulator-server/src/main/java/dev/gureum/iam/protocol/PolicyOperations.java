package dev.gureum.iam.protocol;

import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.iam.domain.Entities.ManagedPolicy;
import dev.gureum.iam.domain.Policies;
import dev.gureum.iam.domain.Policies.Holder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import static dev.gureum.iam.protocol.IamService.account;
import static dev.gureum.iam.protocol.IamService.partition;

/** Managed policies and their versions, attachments, permissions boundaries and inline policies. */
final class PolicyOperations {

    /** IAM's quota of a managed policy's size, whitespace excepted. */
    private static final int POLICY_SIZE = 6144;

    private final IamService iam;

    PolicyOperations(IamService iam) {
        this.iam = iam;
    }

    private Policies policies() {
        return iam.policies();
    }

    void register() {
        iam.operation("CreatePolicy", this::createPolicy);
        iam.operation("GetPolicy", r -> Struct.of().put("Policy",
                shape(account(r), policies().policy(account(r), IamInputs.policyArn(r.params(), "PolicyArn")), true)));
        iam.operation("DeletePolicy", r -> {
            String arn = IamInputs.policyArn(r.params(), "PolicyArn");
            return iam.change(c -> {
                policies().delete(c, account(r), arn);
                return null;
            });
        });
        iam.operation("ListPolicies", this::listPolicies);
        iam.operation("CreatePolicyVersion", r -> {
            Params p = r.params();
            String arn = IamInputs.policyArn(p, "PolicyArn");
            String document = identityPolicy(p, POLICY_SIZE);
            boolean setAsDefault = p.bool("SetAsDefault", false);
            return iam.change(c -> {
                var v = policies().createVersion(c, account(r), arn, document, setAsDefault);
                return Struct.of().put("PolicyVersion", IamShapes.version(v,
                        policies().policy(account(r), arn), false));
            });
        });
        iam.operation("GetPolicyVersion", r -> {
            String arn = IamInputs.policyArn(r.params(), "PolicyArn");
            String versionId = IamInputs.versionId(r.params());
            return Struct.of().put("PolicyVersion", IamShapes.version(policies().version(account(r), arn, versionId),
                    policies().policy(account(r), arn), true));
        });
        iam.operation("ListPolicyVersions", r -> {
            ManagedPolicy p = policies().policy(account(r), IamInputs.policyArn(r.params(), "PolicyArn"));
            List<dev.gureum.iam.domain.Entities.PolicyVersion> newestFirst = new ArrayList<>(p.versions());
            java.util.Collections.reverse(newestFirst);
            return IamInputs.page(Struct.of(), "Versions", newestFirst, r, v -> IamShapes.version(v, p, false));
        });
        iam.operation("DeletePolicyVersion", r -> {
            String arn = IamInputs.policyArn(r.params(), "PolicyArn");
            String versionId = IamInputs.versionId(r.params());
            return iam.change(c -> {
                policies().deleteVersion(c, account(r), arn, versionId);
                return null;
            });
        });
        iam.operation("SetDefaultPolicyVersion", r -> {
            String arn = IamInputs.policyArn(r.params(), "PolicyArn");
            String versionId = IamInputs.versionId(r.params());
            return iam.change(c -> {
                policies().setDefault(c, account(r), arn, versionId);
                return null;
            });
        });
        iam.operation("TagPolicy", r -> {
            String arn = IamInputs.policyArn(r.params(), "PolicyArn");
            return iam.change(c -> {
                policies().tag(c, account(r), arn, IamInputs.tags(r.params()));
                return null;
            });
        });
        iam.operation("UntagPolicy", r -> {
            String arn = IamInputs.policyArn(r.params(), "PolicyArn");
            return iam.change(c -> {
                policies().untag(c, account(r), arn, IamInputs.tagKeys(r.params()));
                return null;
            });
        });
        iam.operation("ListPolicyTags", r -> IamInputs.page(Struct.of(), "Tags", IamShapes.tags(
                policies().policy(account(r), IamInputs.policyArn(r.params(), "PolicyArn")).tags()), r, t -> t));
        iam.operation("ListEntitiesForPolicy", this::listEntities);
        for (Holder holder : Holder.values()) {
            registerFor(holder);
        }
    }

    private void registerFor(Holder holder) {
        String kind = switch (holder) {
            case USER -> "User";
            case GROUP -> "Group";
            case ROLE -> "Role";
        };
        String nameMember = kind + "Name";
        int nameMax = holder == Holder.GROUP ? 128 : 64;
        int inlineMax = holder == Holder.USER ? 128 : nameMax;
        iam.operation("Attach" + kind + "Policy", r -> {
            String name = IamInputs.name(r.params(), nameMember, nameMax);
            String arn = IamInputs.policyArn(r.params(), "PolicyArn");
            return iam.change(c -> {
                policies().attach(c, holder, account(r), name, arn, iam.users(), iam.roles());
                return null;
            });
        });
        iam.operation("Detach" + kind + "Policy", r -> {
            String name = IamInputs.name(r.params(), nameMember, nameMax);
            String arn = IamInputs.policyArn(r.params(), "PolicyArn");
            return iam.change(c -> {
                policies().detach(c, holder, account(r), name, arn, iam.users(), iam.roles());
                return null;
            });
        });
        iam.operation("ListAttached" + kind + "Policies", r -> {
            String name = IamInputs.name(r.params(), nameMember, nameMax);
            String prefix = IamInputs.pathPrefix(r.params());
            return IamInputs.page(Struct.of(), "AttachedPolicies", policies().attached(holder, account(r), name,
                    iam.users(), iam.roles()).stream().filter(p -> p.path().startsWith(prefix)).toList(), r,
                    IamShapes::attachedPolicy);
        });
        iam.operation("Put" + kind + "Policy", r -> {
            Params p = r.params();
            String name = IamInputs.name(p, nameMember, inlineMax);
            String policyName = IamInputs.name(p, "PolicyName", 128);
            String document = identityPolicy(p, Integer.MAX_VALUE);
            return iam.change(c -> {
                policies().putInline(c, holder, account(r), name, policyName, document, iam.users(), iam.roles());
                return null;
            });
        });
        iam.operation("Get" + kind + "Policy", r -> {
            Params p = r.params();
            String name = IamInputs.name(p, nameMember, inlineMax);
            String policyName = IamInputs.name(p, "PolicyName", 128);
            String document = policies().inline(holder, account(r), name, policyName, iam.users(), iam.roles());
            return Struct.of().put(nameMember, name).put("PolicyName", policyName)
                    .put("PolicyDocument", IamShapes.encoded(document));
        });
        iam.operation("Delete" + kind + "Policy", r -> {
            Params p = r.params();
            String name = IamInputs.name(p, nameMember, inlineMax);
            String policyName = IamInputs.name(p, "PolicyName", 128);
            return iam.change(c -> {
                policies().deleteInline(c, holder, account(r), name, policyName, iam.users(), iam.roles());
                return null;
            });
        });
        iam.operation("List" + kind + "Policies", r -> {
            String name = IamInputs.name(r.params(), nameMember, inlineMax);
            return IamInputs.page(Struct.of(), "PolicyNames", List.copyOf(policies().inlineOf(holder, account(r), name,
                    iam.users(), iam.roles()).keySet()), r, n -> n);
        });
        if (holder != Holder.GROUP) {
            iam.operation("Put" + kind + "PermissionsBoundary", r -> {
                String name = IamInputs.name(r.params(), nameMember, nameMax);
                String arn = IamInputs.policyArn(r.params(), "PermissionsBoundary");
                return iam.change(c -> {
                    policies().putBoundary(c, holder, account(r), name, arn, iam.users(), iam.roles());
                    return null;
                });
            });
            iam.operation("Delete" + kind + "PermissionsBoundary", r -> {
                String name = IamInputs.name(r.params(), nameMember, nameMax);
                return iam.change(c -> {
                    policies().deleteBoundary(c, holder, account(r), name, iam.users(), iam.roles());
                    return null;
                });
            });
        }
    }

    /** An identity-based policy document, checked as IAM checks one. */
    private static String identityPolicy(Params p, int maxSize) {
        String document = IamInputs.checked(IamInputs.required(p, "PolicyDocument"), "PolicyDocument", 1, 131072, null);
        PolicyDocumentRules.check(document, PolicyDocument.Kind.IDENTITY);
        if (document.chars().filter(ch -> !Character.isWhitespace(ch)).count() > maxSize) {
            throw new AwsException(IamError.LIMIT_EXCEEDED, "Cannot exceed quota for PolicySize: " + maxSize);
        }
        return document;
    }

    Struct shape(String account, ManagedPolicy p, boolean full) {
        return IamShapes.policy(p, policies().attachments(account, p.arn()), policies().boundaryUses(account, p.arn()),
                full);
    }

    private CompletionStage<Struct> createPolicy(ActionRequest r) {
        Params p = r.params();
        String name = IamInputs.name(p, "PolicyName", 128);
        String path = IamInputs.checked(p.string("Path"), "Path", 1, 512, IamInputs.POLICY_PATH);
        String document = identityPolicy(p, POLICY_SIZE);
        String description = IamInputs.description(p);
        return iam.change(c -> Struct.of().put("Policy", shape(account(r), policies().create(c, account(r),
                partition(r), name, path == null ? "/" : path, document, description, IamInputs.tags(p)), false)));
    }

    private Struct listPolicies(ActionRequest r) {
        Params p = r.params();
        String scope = p.string("Scope", "All");
        if (!Set.of("All", "AWS", "Local").contains(scope)) {
            throw IamError.validation("Value '" + scope + "' at 'scope' failed to satisfy constraint: Member must "
                    + "satisfy enum value set: [All, AWS, Local]");
        }
        String usage = p.string("PolicyUsageFilter");
        if (usage != null && !Set.of("PermissionsPolicy", "PermissionsBoundary").contains(usage)) {
            throw IamError.validation("Value '" + usage + "' at 'policyUsageFilter' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]");
        }
        List<ManagedPolicy> all = policies().list(account(r), scope, p.bool("OnlyAttached", false),
                IamInputs.pathPrefix(p), usage);
        return IamInputs.page(Struct.of(), "Policies", all, r, policy -> shape(account(r), policy, false));
    }

    private Struct listEntities(ActionRequest r) {
        Params p = r.params();
        String arn = IamInputs.policyArn(p, "PolicyArn");
        String filter = p.string("EntityFilter");
        String prefix = IamInputs.pathPrefix(p);
        Policies.Attachments found = policies().entitiesFor(account(r), arn, p.string("PolicyUsageFilter"));
        // one list across the three kinds, so that a page can end anywhere
        List<Struct[]> rows = new ArrayList<>();
        if (filter == null || filter.equals("Group")) {
            found.groups().stream().filter(g -> g.path().startsWith(prefix)).forEach(g -> rows.add(new Struct[] {
                    Struct.of().put("GroupName", g.name()).put("GroupId", g.id()), null, null}));
        }
        if (filter == null || filter.equals("User")) {
            found.users().stream().filter(u -> u.path().startsWith(prefix)).forEach(u -> rows.add(new Struct[] {
                    null, Struct.of().put("UserName", u.name()).put("UserId", u.id()), null}));
        }
        if (filter == null || filter.equals("Role")) {
            found.roles().stream().filter(ro -> ro.path().startsWith(prefix)).forEach(ro -> rows.add(new Struct[] {
                    null, null, Struct.of().put("RoleName", ro.name()).put("RoleId", ro.id())}));
        }
        Struct paged = IamInputs.page(Struct.of(), "Rows", rows, r, row -> row);
        @SuppressWarnings("unchecked")
        List<Object> page = ((dev.gureum.core.protocol.ListValue) paged.get("Rows")).items();
        List<Struct> groups = new ArrayList<>();
        List<Struct> users = new ArrayList<>();
        List<Struct> roles = new ArrayList<>();
        for (Object item : page) {
            Struct[] row = (Struct[]) item;
            if (row[0] != null) {
                groups.add(row[0]);
            } else if (row[1] != null) {
                users.add(row[1]);
            } else {
                roles.add(row[2]);
            }
        }
        groups.sort(Comparator.comparing(s -> (String) s.get("GroupName")));
        return Struct.of().list("PolicyGroups", groups).list("PolicyUsers", users).list("PolicyRoles", roles)
                .put("IsTruncated", paged.get("IsTruncated")).put("Marker", paged.get("Marker"));
    }
}
