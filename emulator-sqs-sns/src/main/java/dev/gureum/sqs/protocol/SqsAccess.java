package dev.gureum.sqs.protocol;

import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.sqs.domain.QueueAttributes;
import dev.gureum.sqs.domain.QueueStore;
import dev.gureum.sqs.domain.SqsQueue;

/**
 * What each SQS operation needs under {@code --enforce-iam}, from the Service Authorization Reference: every action
 * acts on a queue ({@code arn:aws:sqs:<region>:<account>:<name>}) except {@code ListQueues}; the batch operations
 * need the action of their single form.
 */
final class SqsAccess {

    private static final String TABLE = """
            ListQueues                    =                            *
            CreateQueue                   =                            named
            GetQueueUrl                   =                            named
            SendMessageBatch              sqs:SendMessage              queue
            DeleteMessageBatch            sqs:DeleteMessage            queue
            ChangeMessageVisibilityBatch  sqs:ChangeMessageVisibility  queue
            StartMessageMoveTask          =                            source
            ListMessageMoveTasks          =                            source
            CancelMessageMoveTask         =                            *
            """;

    private SqsAccess() {
    }

    static AccessRules<ActionRequest> rules(QueueStore store) {
        return AccessRules.<ActionRequest>builder("sqs")
                .table(TABLE)
                .otherwise("queue")
                .single("queue", (ctx, r) -> queueArn(r))
                .single("named", (ctx, r) -> {
                    String name = r.params().string("QueueName");
                    String owner = r.params().string("QueueOwnerAWSAccountId");
                    return name == null ? null : Arn.of("sqs", ctx.region(), owner == null ? ctx.accountId() : owner,
                            name).toString();
                })
                .single("source", (ctx, r) -> r.params().string("SourceArn"))
                .keys((r, keys) -> {
                    if (r.action().equals("CreateQueue")) {
                        AccessRules.requestTags(SqsInputs.stringMap(r, "tags", "Tag", "Key", "Value"), keys);
                    } else if (r.action().equals("TagQueue")) {
                        AccessRules.requestTags(SqsInputs.stringMap(r, "Tags", "Tag", "Key", "Value"), keys);
                    }
                })
                .policies(arn -> {
                    SqsQueue queue = store.byArn(arn);
                    return queue == null ? null : new AccessRules.ResourcePolicy(queue.accountId(),
                            PolicyDocument.ofStored(queue.attribute(QueueAttributes.POLICY)));
                })
                .denied(SqsError.ACCESS_DENIED)
                .build();
    }

    /** The ARN of the queue a request addresses, from its URL; {@code null} when it names none SQS can read. */
    private static String queueArn(ActionRequest r) {
        String url = r.params().string("QueueUrl");
        if (url == null) {
            url = r.path().length() > 1 ? r.context().baseUrl() + r.path() : null;
        }
        if (url == null) {
            return null;
        }
        try {
            SqsInputs.QueueAddress a = SqsInputs.addressOf(url, r.context());
            return Arn.of("sqs", a.region() == null ? r.context().region() : a.region(), a.accountId(), a.name())
                    .toString();
        } catch (AwsException e) {
            return null;
        }
    }
}
