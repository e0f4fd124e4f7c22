package dev.gureum.elb.domain;

import java.util.List;

/**
 * An action of a rule or listener: {@code forward} (to weighted target groups), {@code fixed-response} or
 * {@code redirect}. Members of the other types are {@code null}.
 *
 * @param order           the action's order (1 to 50000), or 0 when not given
 * @param stickySeconds   the forward's group stickiness duration, or 0 when stickiness is off
 * @param redirect        the redirect's parts, each possibly holding {@code #{host}}-style placeholders
 */
public record RuleAction(String type, int order, List<WeightedTargetGroup> targetGroups, int stickySeconds,
                         FixedResponse fixedResponse, Redirect redirect) {

    /** A target group of a forward action, and its weight (0 to 999). */
    public record WeightedTargetGroup(String arn, int weight) {
    }

    public record FixedResponse(String statusCode, String contentType, String messageBody) {
    }

    /** @param statusCode {@code HTTP_301} or {@code HTTP_302} */
    public record Redirect(String protocol, String port, String host, String path, String query, String statusCode) {
    }

    public RuleAction {
        targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
    }

    public static RuleAction forward(String targetGroupArn) {
        return new RuleAction("forward", 1, List.of(new WeightedTargetGroup(targetGroupArn, 1)), 0, null, null);
    }
}
