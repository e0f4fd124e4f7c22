package dev.gureum.core.spi;

/**
 * Runs Auto Scaling policies for CloudWatch alarms whose actions name a scaling policy's ARN. Nothing implements
 * it yet: until Auto Scaling does, an alarm finds no binding and records its policy actions as failed, the
 * policy not being found.
 */
public interface ScalingPolicies {

    /**
     * Executes the policy with this ARN for an alarm of {@code alarmArn}.
     *
     * @return {@code false} when there is no such policy
     */
    boolean execute(String policyArn, String alarmArn);
}
