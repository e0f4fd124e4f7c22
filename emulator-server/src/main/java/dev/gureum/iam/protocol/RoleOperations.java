package dev.gureum.iam.protocol;

import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.iam.domain.Entities.InstanceProfile;
import dev.gureum.iam.domain.Entities.Role;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;

import static dev.gureum.iam.protocol.IamService.account;
import static dev.gureum.iam.protocol.IamService.partition;

/** Roles, service-linked roles and instance profiles. */
final class RoleOperations {

    /** IAM's quota of a trust policy's size, whitespace excepted. */
    private static final int TRUST_POLICY_SIZE = 2048;

    private final IamService iam;
    /** Deletion tasks of service-linked roles, which succeed at once. */
    private final Map<String, String> deletionTasks = new ConcurrentHashMap<>();

    RoleOperations(IamService iam) {
        this.iam = iam;
    }

    void register() {
        iam.operation("CreateRole", this::createRole);
        iam.operation("GetRole", r -> Struct.of().put("Role",
                IamShapes.role(iam.roles().role(account(r), roleName(r.params())), true)));
        iam.operation("ListRoles", r -> IamInputs.page(Struct.of(), "Roles",
                iam.roles().list(account(r), IamInputs.pathPrefix(r.params())), r, role -> IamShapes.role(role, false)));
        iam.operation("UpdateRole", r -> {
            Params p = r.params();
            String name = roleName(p);
            String description = IamInputs.description(p);
            Integer max = IamInputs.maxSession(p);
            return iam.change(c -> {
                iam.roles().update(c, account(r), name, description, max);
                return Struct.of();
            });
        });
        iam.operation("UpdateRoleDescription", r -> {
            Params p = r.params();
            String name = roleName(p);
            String description = IamInputs.checked(IamInputs.required(p, "Description"), "Description", 0, 1000, null);
            return iam.change(c -> Struct.of().put("Role",
                    IamShapes.role(iam.roles().update(c, account(r), name, description, null), true)));
        });
        iam.operation("UpdateAssumeRolePolicy", r -> {
            Params p = r.params();
            String name = roleName(p);
            String document = trustPolicy(p, "PolicyDocument");
            return iam.change(c -> {
                iam.roles().updateTrustPolicy(c, account(r), name, document);
                return null;
            });
        });
        iam.operation("DeleteRole", r -> {
            String name = roleName(r.params());
            return iam.change(c -> {
                iam.roles().delete(c, account(r), name);
                return null;
            });
        });
        iam.operation("TagRole", r -> {
            String name = roleName(r.params());
            return iam.change(c -> {
                iam.roles().tag(c, account(r), name, IamInputs.tags(r.params()));
                return null;
            });
        });
        iam.operation("UntagRole", r -> {
            String name = roleName(r.params());
            return iam.change(c -> {
                iam.roles().untag(c, account(r), name, IamInputs.tagKeys(r.params()));
                return null;
            });
        });
        iam.operation("ListRoleTags", r -> IamInputs.page(Struct.of(), "Tags",
                IamShapes.tags(iam.roles().role(account(r), roleName(r.params())).tags()), r, t -> t));
        iam.operation("CreateServiceLinkedRole", this::createServiceLinkedRole);
        iam.operation("DeleteServiceLinkedRole", this::deleteServiceLinkedRole);
        iam.operation("GetServiceLinkedRoleDeletionStatus", r -> {
            String task = IamInputs.checked(IamInputs.required(r.params(), "DeletionTaskId"), "DeletionTaskId", 1, 1000,
                    null);
            if (!deletionTasks.containsKey(task)) {
                throw new AwsException(IamError.NO_SUCH_ENTITY, "Deletion task " + task + " cannot be found.");
            }
            return Struct.of().put("Status", "SUCCEEDED");
        });
        registerInstanceProfiles();
    }

    private void registerInstanceProfiles() {
        iam.operation("CreateInstanceProfile", r -> {
            Params p = r.params();
            String name = profileName(p);
            String path = IamInputs.path(p, "Path");
            return iam.change(c -> Struct.of().put("InstanceProfile", profile(r,
                    iam.roles().createProfile(c, account(r), partition(r), name, path, IamInputs.tags(p)))));
        });
        iam.operation("GetInstanceProfile", r -> Struct.of().put("InstanceProfile",
                profile(r, iam.roles().profile(account(r), profileName(r.params())))));
        iam.operation("DeleteInstanceProfile", r -> {
            String name = profileName(r.params());
            return iam.change(c -> {
                iam.roles().deleteProfile(c, account(r), name);
                return null;
            });
        });
        iam.operation("ListInstanceProfiles", r -> IamInputs.page(Struct.of(), "InstanceProfiles",
                iam.roles().profiles(account(r), IamInputs.pathPrefix(r.params())), r, p -> profile(r, p)));
        iam.operation("ListInstanceProfilesForRole", r -> IamInputs.page(Struct.of(), "InstanceProfiles",
                iam.roles().profilesOf(account(r), roleName(r.params())), r, p -> profile(r, p)));
        iam.operation("AddRoleToInstanceProfile", r -> {
            String profile = profileName(r.params());
            String role = roleName(r.params());
            return iam.change(c -> {
                iam.roles().addRole(c, account(r), profile, role);
                return null;
            });
        });
        iam.operation("RemoveRoleFromInstanceProfile", r -> {
            String profile = profileName(r.params());
            String role = roleName(r.params());
            return iam.change(c -> {
                iam.roles().removeRole(c, account(r), profile, role);
                return null;
            });
        });
        iam.operation("TagInstanceProfile", r -> {
            String name = profileName(r.params());
            return iam.change(c -> {
                iam.roles().tagProfile(c, account(r), name, IamInputs.tags(r.params()));
                return null;
            });
        });
        iam.operation("UntagInstanceProfile", r -> {
            String name = profileName(r.params());
            return iam.change(c -> {
                iam.roles().untagProfile(c, account(r), name, IamInputs.tagKeys(r.params()));
                return null;
            });
        });
        iam.operation("ListInstanceProfileTags", r -> IamInputs.page(Struct.of(), "Tags",
                IamShapes.tags(iam.roles().profile(account(r), profileName(r.params())).tags()), r, t -> t));
    }

    private static String roleName(Params p) {
        return IamInputs.name(p, "RoleName", 64);
    }

    private static String profileName(Params p) {
        return IamInputs.name(p, "InstanceProfileName", 128);
    }

    /** A trust policy, checked as IAM checks one. */
    static String trustPolicy(Params p, String member) {
        String document = IamInputs.checked(IamInputs.required(p, member), member, 1, 131072, null);
        PolicyDocumentRules.check(document, PolicyDocument.Kind.TRUST);
        if (document.chars().filter(ch -> !Character.isWhitespace(ch)).count() > TRUST_POLICY_SIZE) {
            throw new AwsException(IamError.LIMIT_EXCEEDED, "Cannot exceed quota for ACLSizePerRole: "
                    + TRUST_POLICY_SIZE);
        }
        return document;
    }

    private CompletionStage<Struct> createRole(ActionRequest r) {
        Params p = r.params();
        String name = roleName(p);
        String path = IamInputs.path(p, "Path");
        String document = trustPolicy(p, "AssumeRolePolicyDocument");
        String description = IamInputs.description(p);
        Integer max = IamInputs.maxSession(p);
        String boundary = IamInputs.checked(p.string("PermissionsBoundary"), "PermissionsBoundary", 20, 2048, null);
        return iam.change(c -> {
            Role role = iam.roles().create(c, account(r), partition(r), name, path, document, description, max,
                    boundary, IamInputs.tags(p));
            Struct shape = IamShapes.role(role, true);
            return Struct.of().put("Role", shape);
        });
    }

    private CompletionStage<Struct> createServiceLinkedRole(ActionRequest r) {
        Params p = r.params();
        String service = IamInputs.checked(IamInputs.required(p, "AWSServiceName"), "AWSServiceName", 1, 128,
                IamInputs.NAME);
        String description = IamInputs.description(p);
        String suffix = IamInputs.checked(p.string("CustomSuffix"), "CustomSuffix", 1, 64, IamInputs.NAME);
        return iam.change(c -> Struct.of().put("Role", IamShapes.role(iam.roles().createServiceLinked(c, account(r),
                partition(r), service, description, suffix), false)));
    }

    private CompletionStage<Struct> deleteServiceLinkedRole(ActionRequest r) {
        String name = roleName(r.params());
        return iam.change(c -> {
            Role role = iam.roles().deleteServiceLinked(c, account(r), name);
            String task = "task" + role.path() + role.name() + "/" + Ids.uuid();
            deletionTasks.put(task, role.arn());
            return Struct.of().put("DeletionTaskId", task);
        });
    }

    private Struct profile(ActionRequest r, InstanceProfile p) {
        List<Role> roles = p.roles().stream().map(name -> iam.roles().role(account(r), name)).toList();
        return IamShapes.instanceProfile(p, roles);
    }
}
