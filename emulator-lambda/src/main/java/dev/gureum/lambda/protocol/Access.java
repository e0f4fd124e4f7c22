package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.auth.SigV4Credential;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.spi.Caller;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who may act on a function or a layer version: its own account always; another account, an identity in
 * it or a service principal only where the resource's policy allows that principal the action.
 */
final class Access {

    /**
     * The actions a function's resource policy can grant another account (Lambda's cross-account APIs);
     * every other operation acts on the caller's own account only, whatever a policy says.
     */
    static final Set<String> CROSS_ACCOUNT_ACTIONS = Set.of("lambda:InvokeFunction", "lambda:GetFunction",
            "lambda:GetFunctionConfiguration", "lambda:UpdateFunctionCode", "lambda:DeleteFunction",
            "lambda:PublishVersion", "lambda:ListVersionsByFunction", "lambda:CreateAlias", "lambda:GetAlias",
            "lambda:ListAliases", "lambda:UpdateAlias", "lambda:DeleteAlias", "lambda:GetPolicy",
            "lambda:PutFunctionConcurrency", "lambda:DeleteFunctionConcurrency", "lambda:ListTags",
            "lambda:TagResource", "lambda:UntagResource");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private Access() {
    }

    /** The principal a request acts as: an assumed role's session, or the account's root. */
    static Principal caller(RequestContext ctx, AccessKeys keys) {
        SigV4Credential credential = ctx.credential();
        if (credential == null || credential.accessKeyId() == null) {
            return Principal.account(ctx.accountId());
        }
        String arn = keys.principalArnOf(credential.accessKeyId());
        return arn.endsWith(":root") ? Principal.account(ctx.accountId()) : Principal.of(arn, ctx.accountId());
    }

    /** The condition keys of a direct API call. */
    static Map<String, String> conditions(Principal caller) {
        Map<String, String> keys = new HashMap<>();
        keys.put("aws:PrincipalAccount", caller.accountId());
        keys.put("aws:PrincipalArn", caller.arn());
        keys.put("aws:PrincipalType", caller.arn().endsWith(":root") ? "Account" : "AssumedRole");
        keys.put("aws:SecureTransport", "false");
        return keys;
    }

    /** The condition keys of a service acting for one of its resources. */
    static Map<String, String> conditions(Caller caller) {
        Map<String, String> keys = new HashMap<>();
        if (caller.sourceArn() != null) {
            keys.put("aws:SourceArn", caller.sourceArn());
        }
        if (caller.sourceAccount() != null) {
            keys.put("aws:SourceAccount", caller.sourceAccount());
        }
        if (caller.principal().accountId() != null) {
            keys.put("aws:PrincipalAccount", caller.principal().accountId());
            keys.put("aws:PrincipalArn", caller.principal().arn());
        }
        return keys;
    }

    /**
     * Evaluates statements (each a JSON object, as AddPermission stores them) as one policy document.
     * An empty or unreadable policy allows nothing.
     */
    static PolicyDocument.Decision evaluate(Collection<String> statements, Principal principal, String action,
                                            String resource, Map<String, String> conditions) {
        if (statements.isEmpty()) {
            return PolicyDocument.Decision.NOT_APPLICABLE;
        }
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        policy.put("Version", "2012-10-17");
        ArrayNode list = policy.putArray("Statement");
        try {
            for (String s : statements) {
                list.add(JSON.readTree(s));
            }
            return PolicyDocument.parse(policy.toString()).evaluate(principal, action, resource, conditions);
        } catch (IOException | PolicyDocument.MalformedPolicyException e) {
            return PolicyDocument.Decision.NOT_APPLICABLE;
        }
    }

    /** Throws AWS's refusal unless the decision allows. */
    static void require(PolicyDocument.Decision decision, Principal principal, String action, String resource) {
        if (decision != PolicyDocument.Decision.ALLOW) {
            throw denied(principal, action, resource, decision == PolicyDocument.Decision.DENY);
        }
    }

    static AwsException denied(Principal principal, String action, String resource, boolean explicitDeny) {
        String who = principal.isAnonymous() ? "anonymous" : principal.arn();
        return new AwsException(LambdaError.ACCESS_DENIED, "User: " + who + " is not authorized to perform: " + action
                + " on resource: " + resource + (explicitDeny ? " with an explicit deny in a resource-based policy"
                : " because no resource-based policy allows the " + action + " action"));
    }
}
