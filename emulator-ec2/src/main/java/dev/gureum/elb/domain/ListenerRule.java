package dev.gureum.elb.domain;

import java.util.List;
import java.util.Map;

/** A rule of a listener: conditions, and the actions taken when all of them match. Priority 1 is evaluated first. */
public record ListenerRule(String arn, String listenerArn, String account, String region, int priority,
                           List<RuleCondition> conditions, List<RuleAction> actions, Map<String, String> tags) {

    public ListenerRule {
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
        tags = Map.copyOf(tags);
    }

    public ListenerRule withPriority(int value) {
        return new ListenerRule(arn, listenerArn, account, region, value, conditions, actions, tags);
    }

    public ListenerRule withTags(Map<String, String> value) {
        return new ListenerRule(arn, listenerArn, account, region, priority, conditions, actions, value);
    }
}
