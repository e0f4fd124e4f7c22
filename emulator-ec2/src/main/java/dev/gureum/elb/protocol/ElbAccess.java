package dev.gureum.elb.protocol;

import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.protocol.ActionRequest;

/**
 * What each Elastic Load Balancing operation needs under {@code --enforce-iam}: {@code elasticloadbalancing:<Operation>}
 * on the load balancer, target group or listener the request names by ARN, else on {@code *} (the
 * {@code Describe} actions support no resource-level permissions).
 */
public final class ElbAccess {

    private ElbAccess() {
    }

    public static AccessRules<ActionRequest> rules() {
        return AccessRules.<ActionRequest>builder("elasticloadbalancing")
                .otherwise("named")
                .single("named", (ctx, r) -> {
                    if (r.action().startsWith("Describe")) {
                        return null;
                    }
                    for (String member : new String[] {"ListenerArn", "RuleArn", "TargetGroupArn", "LoadBalancerArn"}) {
                        String arn = r.params().string(member);
                        if (arn != null) {
                            return arn;
                        }
                    }
                    return null;
                })
                .build();
    }
}
