package dev.gureum.autoscaling.protocol;

import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.protocol.ActionRequest;

/**
 * What each Auto Scaling operation needs under {@code --enforce-iam}: {@code autoscaling:<Operation>} on {@code *}.
 * AWS also authorizes some of them per group ({@code autoScalingGroup:<uuid>:autoScalingGroupName/<name>}), an ARN
 * whose id a request does not carry; Gureum judges them on {@code *}, which policies that name no group match alike.
 */
public final class AutoScalingAccess {

    private AutoScalingAccess() {
    }

    public static AccessRules<ActionRequest> rules() {
        return AccessRules.<ActionRequest>builder("autoscaling").build();
    }
}
