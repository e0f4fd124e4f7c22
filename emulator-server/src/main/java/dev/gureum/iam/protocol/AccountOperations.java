package dev.gureum.iam.protocol;

import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Struct;
import dev.gureum.iam.domain.Entities.Group;
import dev.gureum.iam.domain.Entities.ManagedPolicy;
import dev.gureum.iam.domain.Entities.Role;
import dev.gureum.iam.domain.Entities.User;
import dev.gureum.iam.domain.IamStore;
import dev.gureum.iam.domain.Policies;
import dev.gureum.iam.domain.Policies.Holder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.gureum.iam.protocol.IamService.account;

/** The account as a whole: GetAccountSummary, GetAccountAuthorizationDetails (which, as on AWS, leaves identity providers out). */
final class AccountOperations {

    private final IamService iam;

    AccountOperations(IamService iam) {
        this.iam = iam;
    }

    void register() {
        iam.operation("GetAccountSummary", this::summary);
        iam.operation("GetAccountAuthorizationDetails", this::authorizationDetails);
    }

    /** The account's entity counts and IAM's default quotas. */
    private Struct summary(ActionRequest r) {
        String account = account(r);
        IamStore.Account a = iam.store().account(account);
        Map<String, Object> m = new LinkedHashMap<>();
        synchronized (iam.store()) {
            m.put("Users", a.users().size());
            m.put("UsersQuota", 5000);
            m.put("Groups", a.groups().size());
            m.put("GroupsQuota", 300);
            m.put("Roles", a.roles().size());
            m.put("RolesQuota", 1000);
            m.put("Policies", a.policies().size());
            m.put("PoliciesQuota", 1500);
            m.put("InstanceProfiles", a.instanceProfiles().size());
            m.put("InstanceProfilesQuota", 1000);
            m.put("MFADevices", a.mfaDevices().size());
            m.put("MFADevicesInUse", (int) a.mfaDevices().stream().filter(d -> d.userName() != null).count());
            m.put("AccountMFAEnabled", 0);
            m.put("AccessKeysPerUserQuota", 2);
            m.put("GroupsPerUserQuota", 10);
            m.put("AttachedPoliciesPerUserQuota", 10);
            m.put("AttachedPoliciesPerGroupQuota", 10);
            m.put("AttachedPoliciesPerRoleQuota", 10);
            m.put("PolicySizeQuota", 6144);
            m.put("PolicyVersionsInUse", a.policies().stream().mapToInt(p -> p.versions().size()).sum());
            m.put("PolicyVersionsInUseQuota", 10000);
            m.put("VersionsPerPolicyQuota", 5);
            m.put("UserPolicySizeQuota", 2048);
            m.put("GroupPolicySizeQuota", 5120);
            m.put("RolePolicySizeQuota", 10240);
            m.put("AssumeRolePolicySizeQuota", 2048);
            m.put("ServerCertificates", 0);
            m.put("ServerCertificatesQuota", 20);
            m.put("SigningCertificatesPerUserQuota", 2);
            m.put("GlobalEndpointTokenVersion", 1);
            m.put("AccountAccessKeysPresent", 0);
            m.put("AccountSigningCertificatesPresent", 0);
            m.put("Providers", a.samlProviders().size() + a.oidcProviders().size());
        }
        return Struct.of().put("SummaryMap", MapValue.of(m));
    }

    /** Everything in one answer (the whole account is one page: {@code IsTruncated} is false). */
    private Struct authorizationDetails(ActionRequest r) {
        String account = account(r);
        List<String> filter = r.params().stringList("Filter");
        Set<String> kinds = filter.isEmpty() ? Set.of("User", "Role", "Group", "LocalManagedPolicy",
                "AWSManagedPolicy") : Set.copyOf(filter);
        IamStore.Account a = iam.store().account(account);
        Policies policies = iam.policies();
        Struct out = Struct.of();
        synchronized (iam.store()) {
            if (kinds.contains("User")) {
                out.list("UserDetailList", a.users(), u -> user(account, u));
            }
            if (kinds.contains("Group")) {
                out.list("GroupDetailList", a.groups(), g -> group(account, g));
            }
            if (kinds.contains("Role")) {
                out.list("RoleDetailList", a.roles(), ro -> role(r, account, ro));
            }
            List<ManagedPolicy> managed = new ArrayList<>();
            if (kinds.contains("LocalManagedPolicy")) {
                managed.addAll(a.policies());
            }
            if (kinds.contains("AWSManagedPolicy")) {
                // AWS lists the AWS managed policies that are in use in the account
                policies.awsManaged().stream().filter(p -> policies.attachments(account, p.arn())
                        + policies.boundaryUses(account, p.arn()) > 0).forEach(managed::add);
            }
            if (kinds.contains("LocalManagedPolicy") || kinds.contains("AWSManagedPolicy")) {
                out.list("Policies", managed, p -> IamShapes.policy(p, policies.attachments(account, p.arn()),
                        policies.boundaryUses(account, p.arn()), true)
                        .list("PolicyVersionList", p.versions(), v -> IamShapes.version(v, p, true)));
            }
        }
        return out.put("IsTruncated", false);
    }

    private List<Struct> attached(Holder holder, String account, String name) {
        return iam.policies().attached(holder, account, name, iam.users(), iam.roles()).stream()
                .map(IamShapes::attachedPolicy).toList();
    }

    private Struct user(String account, User u) {
        Struct s = Struct.of().put("Path", u.path()).put("UserName", u.name()).put("UserId", u.id())
                .put("Arn", u.arn()).put("CreateDate", u.created())
                .list("UserPolicyList", IamShapes.inlineList(u.inline()))
                .list("GroupList", u.groups())
                .list("AttachedManagedPolicies", attached(Holder.USER, account, u.name()));
        if (u.boundary() != null) {
            s.put("PermissionsBoundary", Struct.of().put("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                    .put("PermissionsBoundaryArn", u.boundary()));
        }
        return s.list("Tags", IamShapes.tags(u.tags()));
    }

    private Struct group(String account, Group g) {
        return Struct.of().put("Path", g.path()).put("GroupName", g.name()).put("GroupId", g.id())
                .put("Arn", g.arn()).put("CreateDate", g.created())
                .list("GroupPolicyList", IamShapes.inlineList(g.inline()))
                .list("AttachedManagedPolicies", attached(Holder.GROUP, account, g.name()));
    }

    private Struct role(ActionRequest r, String account, Role ro) {
        Struct s = Struct.of().put("Path", ro.path()).put("RoleName", ro.name()).put("RoleId", ro.id())
                .put("Arn", ro.arn()).put("CreateDate", ro.created())
                .put("AssumeRolePolicyDocument", IamShapes.encoded(ro.trustPolicy()))
                .list("InstanceProfileList", iam.roles().profilesOf(account, ro.name()), p -> IamShapes
                        .instanceProfile(p, p.roles().stream().map(n -> iam.roles().role(account, n)).toList()))
                .list("RolePolicyList", IamShapes.inlineList(ro.inline()))
                .list("AttachedManagedPolicies", attached(Holder.ROLE, account, ro.name()));
        if (ro.boundary() != null) {
            s.put("PermissionsBoundary", Struct.of().put("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                    .put("PermissionsBoundaryArn", ro.boundary()));
        }
        return s.list("Tags", IamShapes.tags(ro.tags()))
                .put("RoleLastUsed", Struct.of().put("LastUsedDate", ro.lastUsed()).put("Region", ro.lastUsedRegion()));
    }
}
