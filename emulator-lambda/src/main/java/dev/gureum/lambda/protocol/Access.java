package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessDecision;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.PolicyEvaluator;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.auth.SigV4Credential;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.Caller;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = dev.gureum.core.json.Json.mapper();

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
     * Evaluates statements (each a JSON object, as AddPermission stores them) as one resource policy of the
     * resource's account, with core's evaluator. An empty or unreadable policy allows nothing.
     */
    static AccessDecision evaluate(Collection<String> statements, Principal principal, String action,
                                   String resource, Map<String, String> conditions) {
        PolicyDocument policy = null;
        if (!statements.isEmpty()) {
            ObjectNode document = JsonNodeFactory.instance.objectNode();
            document.put("Version", "2012-10-17");
            ArrayNode list = document.putArray("Statement");
            try {
                for (String s : statements) {
                    list.add(JSON.readTree(s));
                }
                policy = PolicyDocument.ofStored(document.toString());
            } catch (IOException e) {
                policy = null;
            }
        }
        AccessRequest request = AccessRequest.of(principal, action, resource, conditions)
                .inAccount(Arn.parse(resource).accountId());
        return PolicyEvaluator.evaluateResourcePolicy(request, policy);
    }

    /** Throws AWS's refusal unless the decision allows. */
    static void require(AccessDecision decision, Principal principal, String action, String resource) {
        if (!decision.allowed()) {
            throw new AwsException(LambdaError.ACCESS_DENIED, decision.message(AccessRequest.of(principal, action,
                    resource)));
        }
    }

    /** AWS's refusal of an action no resource policy could allow here. */
    static AwsException denied(Principal principal, String action, String resource, boolean explicitDeny) {
        AccessDecision decision = new AccessDecision(false, explicitDeny, List.of(), explicitDeny
                ? AccessDecision.Reason.EXPLICIT_DENY_RESOURCE : AccessDecision.Reason.NO_RESOURCE_ALLOW);
        return new AwsException(LambdaError.ACCESS_DENIED, decision.message(AccessRequest.of(principal, action,
                resource)));
    }
}
