package dev.gureum.server.sts;

import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;

/**
 * What each STS operation needs under {@code --enforce-iam}. {@code GetCallerIdentity}, {@code GetSessionToken} and
 * {@code GetAccessKeyInfo} need no permission, as on AWS; the web-identity and SAML calls are unsigned. Assuming a
 * role is decided by the role's trust policy together with the caller's {@code sts:AssumeRole} permission, which the
 * role assumption itself evaluates, not this table. {@code GetFederationToken} needs {@code sts:GetFederationToken}
 * on the federated user.
 */
final class StsAccess {

    private static final String TABLE = """
            GetCallerIdentity           none
            GetSessionToken             none
            GetAccessKeyInfo            none
            AssumeRole                  none
            AssumeRoleWithWebIdentity   none
            AssumeRoleWithSAML          none
            GetFederationToken          =     federated
            """;

    private StsAccess() {
    }

    static AccessRules<ActionRequest> rules() {
        return AccessRules.<ActionRequest>builder("sts")
                .table(TABLE)
                .single("federated", (ctx, r) -> {
                    String name = r.params().string("Name");
                    return name == null ? null : Arn.of("sts", "", ctx.accountId(), "federated-user/" + name).toString();
                })
                .build();
    }
}
