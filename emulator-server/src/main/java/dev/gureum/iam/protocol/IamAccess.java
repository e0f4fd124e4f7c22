package dev.gureum.iam.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.iam.domain.Entities;
import dev.gureum.iam.domain.IamStore;

/**
 * What each IAM operation needs under {@code --enforce-iam}: {@code iam:<Operation>} on the entity it names, as the
 * Service Authorization Reference lists it: the user ({@code arn:aws:iam::<account>:user/<path><name>}, the caller
 * itself when a user operation names none), role, group, instance profile or managed policy; group membership on the
 * group, instance profile membership on the profile; an identity provider by its ARN; account-wide reads on {@code *}.
 */
final class IamAccess {

    private static final String TABLE = """
            AddUserToGroup                 =  group
            RemoveUserFromGroup            =  group
            AddRoleToInstanceProfile       =  profile
            RemoveRoleFromInstanceProfile  =  profile
            SimulatePrincipalPolicy        =  simulated
            SimulateCustomPolicy           =  *
            GetAccountSummary              =  *
            GetAccountAuthorizationDetails =  *
            CreateServiceLinkedRole        =  *
            ListUsers                      =  *
            ListRoles                      =  *
            ListGroups                     =  *
            ListPolicies                   =  *
            ListInstanceProfiles           =  *
            ListVirtualMFADevices          =  *
            ListSAMLProviders              =  *
            ListOpenIDConnectProviders     =  *
            CreateSAMLProvider             =  newSaml
            CreateOpenIDConnectProvider    =  newOidc
            """;

    private IamAccess() {
    }

    static AccessRules<ActionRequest> rules(IamStore store, AccessKeys keys) {
        return AccessRules.<ActionRequest>builder("iam")
                .table(TABLE)
                .otherwise("entity")
                .single("group", (ctx, r) -> group(store, ctx, r.params().string("GroupName")))
                .single("profile", (ctx, r) -> named(ctx, "instance-profile/", r.params().string("InstanceProfileName")))
                .single("simulated", (ctx, r) -> r.params().string("PolicySourceArn"))
                .single("newSaml", (ctx, r) -> named(ctx, "saml-provider/", r.params().string("Name")))
                .single("newOidc", (ctx, r) -> oidc(ctx, r.params().string("Url")))
                .single("entity", (ctx, r) -> entity(store, keys, ctx, r.params()))
                .build();
    }

    /** The entity an operation acts on, by the first name it gives; the calling user for user operations naming none. */
    private static String entity(IamStore store, AccessKeys keys, RequestContext ctx, Params p) {
        String user = p.string("UserName");
        if (user != null) {
            Entities.User u;
            synchronized (store) {
                u = store.account(ctx.accountId()).user(user);
            }
            return u != null ? u.arn() : named(ctx, "user/", user);
        }
        String role = p.string("RoleName");
        if (role != null) {
            Entities.Role found;
            synchronized (store) {
                found = store.account(ctx.accountId()).role(role);
            }
            return found != null ? found.arn() : named(ctx, "role/", role);
        }
        String group = p.string("GroupName");
        if (group != null) {
            return group(store, ctx, group);
        }
        String profile = p.string("InstanceProfileName");
        if (profile != null) {
            return named(ctx, "instance-profile/", profile);
        }
        for (String member : new String[] {"PolicyArn", "SerialNumber", "OpenIDConnectProviderArn", "SAMLProviderArn"}) {
            String arn = p.string(member);
            if (arn != null && arn.startsWith("arn:")) {
                return arn;
            }
        }
        String policyName = p.string("PolicyName");
        if (policyName != null && p.string("PolicyDocument") != null) {
            // CreatePolicy: the policy it creates
            return named(ctx, "policy" + path(p.string("Path")), policyName);
        }
        // user operations that name no user act on the caller
        String caller = ctx.credential() == null ? null : keys.principalArnOf(ctx.credential().accessKeyId());
        return caller != null && caller.contains(":user/") ? caller : null;
    }

    private static String group(IamStore store, RequestContext ctx, String name) {
        if (name == null) {
            return null;
        }
        Entities.Group g;
        synchronized (store) {
            g = store.account(ctx.accountId()).group(name);
        }
        return g != null ? g.arn() : named(ctx, "group/", name);
    }

    private static String oidc(RequestContext ctx, String url) {
        try {
            return url == null ? null : named(ctx, "oidc-provider/", ProviderOperations.oidcUrl(url));
        } catch (RuntimeException e) {
            return named(ctx, "oidc-provider/", url.replaceFirst("^[a-z]+://", ""));
        }
    }

    private static String named(RequestContext ctx, String kind, String name) {
        return name == null ? null : Arn.of("iam", "", ctx.accountId(), kind + name).toString();
    }

    private static String path(String path) {
        return path == null || path.isEmpty() ? "/" : path;
    }
}
