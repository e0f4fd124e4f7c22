package dev.gureum.sqs.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.auth.AccessDecision;
import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.PolicyEvaluator;
import dev.gureum.core.id.Arn;
import dev.gureum.core.json.Json;
import dev.gureum.sqs.domain.QueueAttributes;
import dev.gureum.sqs.domain.QueuePermission;
import dev.gureum.sqs.domain.SqsQueue;


/**
 * A queue's {@code Policy}: the document AddPermission and RemovePermission keep (one statement per label),
 * and its evaluation, by core's IAM policy evaluator, for callers of other accounts.
 */
final class QueuePolicies {

    private QueuePolicies() {
    }

    /** The policy document of the queue's permissions, as SQS writes it. */
    static String of(SqsQueue queue) {
        ObjectNode policy = Json.mapper().createObjectNode();
        policy.put("Version", "2012-10-17");
        policy.put("Id", queue.arn() + "/SQSDefaultPolicy");
        ArrayNode statements = policy.putArray("Statement");
        String partition = Arn.parse(queue.arn()).partition();
        for (QueuePermission permission : queue.permissions().values()) {
            ObjectNode statement = statements.addObject();
            statement.put("Sid", permission.label());
            statement.put("Effect", "Allow");
            ArrayNode principals = statement.putObject("Principal").putArray("AWS");
            permission.accountIds().forEach(a -> principals.add(new Arn(partition, "iam", "", a, "root").toString()));
            ArrayNode actions = statement.putArray("Action");
            permission.actions().forEach(a -> actions.add("SQS:" + a));
            statement.put("Resource", queue.arn());
        }
        return policy.toString();
    }

    /**
     * The IAM action that authorises an SQS operation, as the service authorization reference lists it: an
     * operation's own name, but the batch operations need the action of their single form.
     */
    static String action(String operation) {
        String single = switch (operation) {
            case "SendMessageBatch" -> "SendMessage";
            case "DeleteMessageBatch" -> "DeleteMessage";
            case "ChangeMessageVisibilityBatch" -> "ChangeMessageVisibility";
            default -> operation;
        };
        return "sqs:" + single;
    }

    /**
     * The queue policy's decision on a request, as core's evaluator makes it for the queue's account: its own
     * principals may do anything the policy does not explicitly deny; others only what it allows.
     */
    static AccessDecision decide(SqsQueue queue, AccessRequest request) {
        return PolicyEvaluator.evaluateResourcePolicy(request.inAccount(queue.accountId()),
                PolicyDocument.ofStored(queue.attribute(QueueAttributes.POLICY)));
    }
}
