package dev.gureum.sns.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.error.AwsException;
import dev.gureum.sns.domain.Topic;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Topic access policies: the default one, {@code AddPermission}/{@code RemovePermission} statements,
 * and whether another account may call an action on the topic. The evaluation is the part of IAM's
 * that topic policies use in practice: Allow and Deny statements matched on principal (account, ARN
 * or {@code *}) and action (with wildcards), with {@code AWS:SourceOwner}/{@code aws:SourceAccount}
 * conditions; other conditions are taken as met.
 */
final class TopicPolicies {

    static final Set<String> ACTIONS = Set.of("GetTopicAttributes", "SetTopicAttributes", "AddPermission",
            "RemovePermission", "DeleteTopic", "Subscribe", "ListSubscriptionsByTopic", "Publish", "Receive",
            "GetDataProtectionPolicy", "PutDataProtectionPolicy", "TagResource", "UntagResource", "ListTagsForResource");

    private static final ObjectMapper JSON = new ObjectMapper();

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

    static JsonNode parse(String policy, String parameter) {
        try {
            JsonNode node = JSON.readTree(policy);
            if (node == null || !node.isObject()) {
                throw SnsError.invalidParameter(parameter + ": Policy must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw SnsError.invalidParameter(parameter + ": failed to parse JSON. " + e.getOriginalMessage());
        }
    }

    /**
     * Refuses the call with AWS's {@code AuthorizationError} unless the caller owns the topic or its
     * policy lets the caller's account do {@code action}.
     */
    static void checkAccess(Topic topic, String callerAccount, String action) {
        if (topic.accountId().equals(callerAccount) || allows(topic.attribute(Topic.POLICY), callerAccount, action)) {
            return;
        }
        throw new AwsException(SnsError.AUTHORIZATION_ERROR, "User: arn:aws:iam::" + callerAccount
                + ":root is not authorized to perform: SNS:" + action + " on resource: " + topic.arn());
    }

    static boolean allows(String policy, String account, String action) {
        if (policy == null) {
            return false;
        }
        JsonNode document;
        try {
            document = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            return false;
        }
        boolean allowed = false;
        for (JsonNode statement : list(document.get("Statement"))) {
            if (!principalMatches(statement.get("Principal"), account)
                    || !anyMatches(statement.get("Action"), "sns:" + action)
                    || !conditionsMet(statement.get("Condition"), account)) {
                continue;
            }
            if ("Deny".equals(statement.path("Effect").asText())) {
                return false;
            }
            allowed |= "Allow".equals(statement.path("Effect").asText());
        }
        return allowed;
    }

    private static boolean principalMatches(JsonNode principal, String account) {
        if (principal == null) {
            return false;
        }
        if (principal.isTextual()) {
            return principal.asText().equals("*");
        }
        for (JsonNode p : list(principal.get("AWS"))) {
            String text = p.asText();
            if (text.equals("*") || text.equals(account) || text.startsWith("arn:") && text.split(":").length > 4
                    && text.split(":")[4].equals(account)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(JsonNode patterns, String value) {
        for (JsonNode p : list(patterns)) {
            if (wildcard(p.asText().toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** {@code StringEquals} on the source owner or account must name the caller; other conditions pass. */
    private static boolean conditionsMet(JsonNode condition, String account) {
        if (condition == null) {
            return true;
        }
        JsonNode equals = condition.get("StringEquals");
        if (equals == null) {
            return true;
        }
        Iterator<String> keys = equals.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.equals("aws:sourceowner") || lower.equals("aws:sourceaccount")) {
                boolean any = false;
                for (JsonNode v : list(equals.get(key))) {
                    any |= v.asText().equals(account);
                }
                if (!any) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean wildcard(String pattern, String value) {
        if (!pattern.contains("*") && !pattern.contains("?")) {
            return pattern.equals(value);
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        return items;
    }

    // ---- AddPermission / RemovePermission ------------------------------------------------------

    static String addStatement(String policy, String topicArn, String label, List<String> accounts, List<String> actions) {
        ObjectNode document = (ObjectNode) parse(policy, "Policy");
        ArrayNode statements = document.withArray("Statement");
        for (JsonNode s : statements) {
            if (label.equals(s.path("Sid").asText())) {
                throw SnsError.invalidParameter("Statement already exists");
            }
        }
        ObjectNode statement = statements.addObject();
        statement.put("Sid", label);
        statement.put("Effect", "Allow");
        ObjectNode principal = statement.putObject("Principal");
        List<String> principals = new ArrayList<>();
        for (String a : accounts) {
            principals.add(a.startsWith("arn:") || a.equals("*") ? a : "arn:aws:iam::" + a + ":root");
        }
        if (principals.size() == 1) {
            principal.put("AWS", principals.get(0));
        } else {
            ArrayNode aws = principal.putArray("AWS");
            principals.forEach(aws::add);
        }
        if (actions.size() == 1) {
            statement.put("Action", "SNS:" + actions.get(0));
        } else {
            ArrayNode list = statement.putArray("Action");
            actions.forEach(a -> list.add("SNS:" + a));
        }
        statement.put("Resource", topicArn);
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
