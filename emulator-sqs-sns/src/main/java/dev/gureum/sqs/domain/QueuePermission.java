package dev.gureum.sqs.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A permission AddPermission grants: a labelled statement allowing the accounts the actions on the queue.
 * SQS keeps these as statements of the queue's {@code Policy}, one per label.
 */
public record QueuePermission(String label, List<String> accountIds, List<String> actions) {

    /** Labels are 1 to 80 of {@code [A-Za-z0-9_-]}. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    public QueuePermission {
        accountIds = List.copyOf(accountIds);
        actions = List.copyOf(actions);
    }

    /** A permission checked as AddPermission checks it: a valid label, at least one account and one action. */
    public static QueuePermission of(String label, List<String> accountIds, List<String> actions) {
        if (!LABEL.matcher(label).matches()) {
            throw new SqsException(SqsException.Reason.PERMISSION_LABEL_INVALID, label);
        }
        if (accountIds.isEmpty()) {
            throw new SqsException(SqsException.Reason.PARAMETER_MISSING, "AWSAccountIds");
        }
        if (actions.isEmpty()) {
            throw new SqsException(SqsException.Reason.PARAMETER_MISSING, "Actions");
        }
        return new QueuePermission(label, accountIds, actions);
    }
}
