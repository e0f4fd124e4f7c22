package dev.gureum.sns.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A permission AddPermission grants on a topic: a labelled statement allowing the accounts the actions. */
public record TopicPermission(String label, List<String> accountIds, List<String> actions) {

    /** The actions a topic policy can grant, without their {@code SNS:} prefix. */
    public static final Set<String> ACTIONS = Set.of("GetTopicAttributes", "SetTopicAttributes", "AddPermission",
            "RemovePermission", "DeleteTopic", "Subscribe", "ListSubscriptionsByTopic", "Publish", "Receive",
            "GetDataProtectionPolicy", "PutDataProtectionPolicy", "TagResource", "UntagResource", "ListTagsForResource");

    public TopicPermission {
        accountIds = List.copyOf(accountIds);
        actions = List.copyOf(actions);
    }

    /**
     * A permission checked as AddPermission checks it: accounts and actions given, each action a topic's
     * ({@code *} for all), with or without its {@code sns:} prefix; the actions are kept without it.
     */
    public static TopicPermission of(String label, List<String> accountIds, List<String> actions) {
        if (accountIds.isEmpty()) {
            throw new SnsException(SnsException.Reason.PERMISSION_PARAMETER_MISSING, "AWSAccountId");
        }
        if (actions.isEmpty()) {
            throw new SnsException(SnsException.Reason.PERMISSION_PARAMETER_MISSING, "ActionName");
        }
        List<String> names = new ArrayList<>();
        for (String action : actions) {
            String bare = action.regionMatches(true, 0, "sns:", 0, 4) ? action.substring(4) : action;
            if (!bare.equals("*") && !ACTIONS.contains(bare)) {
                throw new SnsException(SnsException.Reason.PERMISSION_ACTION_OUT_OF_SCOPE);
            }
            names.add(bare);
        }
        return new TopicPermission(label, accountIds, names);
    }
}
