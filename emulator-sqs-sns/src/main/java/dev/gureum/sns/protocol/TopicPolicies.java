package dev.gureum.sns.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.auth.AccessDecision;
import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.PolicyEvaluator;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.json.Json;
import dev.gureum.sns.domain.SnsException;
import dev.gureum.sns.domain.Topic;
import dev.gureum.sns.domain.TopicPermission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Topic access policies: the default one, the statements of {@code AddPermission}/{@code RemovePermission},
 * and whether another account may call an action on the topic, as core's IAM policy evaluator decides.
 */
final class TopicPolicies {

    private TopicPolicies() {
    }

    /** AWS's default: the owner account may do everything. */
    static String defaultPolicy(String topicArn, String owner) {
        return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":\"__default_statement_ID\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":[\"SNS:GetTopicAttributes\","
                + "\"SNS:SetTopicAttributes\",\"SNS:AddPermission\",\"SNS:RemovePermission\",\"SNS:DeleteTopic\","
                + "\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\",\"SNS:Publish\"],\"Resource\":\"" + topicArn
                + "\",\"Condition\":{\"StringEquals\":{\"AWS:SourceOwner\":\"" + owner + "\"}}}]}";
    }

    /** Reads a JSON policy document given for {@code attribute}: a JSON object. */
    static JsonNode parse(String policy, String attribute) {
        try {
            JsonNode node = Json.mapper().readTree(policy);
            if (node == null || !node.isObject()) {
                throw new SnsException(SnsException.Reason.DOCUMENT_NOT_AN_OBJECT, attribute);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SnsException(SnsException.Reason.DOCUMENT_NOT_JSON, attribute, e.getOriginalMessage());
        }
    }

    /**
     * Refuses the call with AWS's {@code AuthorizationError} unless the caller owns the topic or its
     * policy lets the caller's account do {@code action}.
     */
    static void checkAccess(Topic topic, String callerAccount, String action) {
        if (topic.accountId().equals(callerAccount)) {
            // without a Deny the policy cannot refuse the topic's own account
            PolicyDocument policy = PolicyDocument.ofStored(topic.attribute(Topic.POLICY));
            if (policy == null || !policy.hasDeny()) {
                return;
            }
        }
        // a direct call's source owner is the caller's account, which the default policy's condition names
        AccessRequest request = AccessRequest.of(Principal.account(callerAccount), "SNS:" + action, topic.arn(),
                Map.of("AWS:SourceOwner", callerAccount, "aws:SourceAccount", callerAccount));
        if (decide(topic, request).allowed()) {
            return;
        }
        throw new AwsException(SnsError.AUTHORIZATION_ERROR, "User: " + rootArn(topic, callerAccount)
                + " is not authorized to perform: SNS:" + action + " on resource: " + topic.arn());
    }

    /** The account's root user, in the topic's partition. */
    static String rootArn(Topic topic, String account) {
        return new Arn(Arn.parse(topic.arn()).partition(), "iam", "", account, "root").toString();
    }

    /**
     * The topic policy's decision on a request, as core's evaluator makes it for the topic's account: its own
     * principals may do anything the policy does not explicitly deny; others only what it allows.
     */
    static AccessDecision decide(Topic topic, AccessRequest request) {
        return PolicyEvaluator.evaluateResourcePolicy(request.inAccount(topic.accountId()),
                PolicyDocument.ofStored(topic.attribute(Topic.POLICY)));
    }

    // ---- AddPermission / RemovePermission ------------------------------------------------------

    static String addStatement(String policy, Topic topic, TopicPermission permission) {
        ObjectNode document = (ObjectNode) parse(policy, "Policy");
        ArrayNode statements = document.withArray("Statement");
        for (JsonNode s : statements) {
            if (permission.label().equals(s.path("Sid").asText())) {
                throw new SnsException(SnsException.Reason.PERMISSION_LABEL_EXISTS);
            }
        }
        ObjectNode statement = statements.addObject();
        statement.put("Sid", permission.label());
        statement.put("Effect", "Allow");
        ObjectNode principal = statement.putObject("Principal");
        List<String> principals = new ArrayList<>();
        for (String a : permission.accountIds()) {
            principals.add(a.startsWith("arn:") || a.equals("*") ? a : rootArn(topic, a));
        }
        if (principals.size() == 1) {
            principal.put("AWS", principals.get(0));
        } else {
            ArrayNode aws = principal.putArray("AWS");
            principals.forEach(aws::add);
        }
        List<String> actions = permission.actions();
        if (actions.size() == 1) {
            statement.put("Action", "SNS:" + actions.get(0));
        } else {
            ArrayNode list = statement.putArray("Action");
            actions.forEach(a -> list.add("SNS:" + a));
        }
        statement.put("Resource", topic.arn());
        return document.toString();
    }

    static String removeStatement(String policy, String label) {
        ObjectNode document = (ObjectNode) parse(policy, "Policy");
        ArrayNode statements = document.withArray("Statement");
        for (int i = statements.size() - 1; i >= 0; i--) {
            if (label.equals(statements.get(i).path("Sid").asText())) {
                statements.remove(i);
            }
        }
        return document.toString();
    }
}
