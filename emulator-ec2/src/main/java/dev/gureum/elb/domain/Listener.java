package dev.gureum.elb.domain;

import java.util.List;
import java.util.Map;

/**
 * A listener: a port and protocol of a load balancer with its default actions. HTTPS keeps its
 * certificates' ARNs (which Gureum cannot resolve: its load balancer's own certificate is served).
 */
public record Listener(String arn, String loadBalancerArn, String account, String region, int port, String protocol,
                       List<String> certificates, String sslPolicy, List<RuleAction> defaultActions,
                       Map<String, String> tags) {

    public Listener {
        certificates = List.copyOf(certificates);
        defaultActions = List.copyOf(defaultActions);
        tags = Map.copyOf(tags);
    }

    public Listener withTags(Map<String, String> value) {
        return new Listener(arn, loadBalancerArn, account, region, port, protocol, certificates, sslPolicy,
                defaultActions, value);
    }

    /** The ARN of its default rule: {@code listener-rule/...} with the listener's id for the rule's. */
    public String defaultRuleArn() {
        return arn.replace(":listener/", ":listener-rule/") + "/" + arn.substring(arn.lastIndexOf('/') + 1);
    }
}
