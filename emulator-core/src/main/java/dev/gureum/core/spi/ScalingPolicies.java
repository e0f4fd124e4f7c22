package dev.gureum.core.spi;

/**
 * Runs Auto Scaling policies for CloudWatch alarms whose actions name a scaling policy's ARN. Without a binding
 * an alarm records its policy actions as failed, the policy not being found.
 */
public interface ScalingPolicies {

    /**
     * Executes the policy with this ARN for an alarm of {@code alarmArn}.
     *
     * @return {@code false} when there is no such policy
     */
    boolean execute(String policyArn, String alarmArn);

    /**
     * Executes the policy with the alarm's newest datapoint ({@code NaN} when unknown) and its threshold, which step
     * scaling and target tracking policies size their change by.
     */
    default boolean execute(String policyArn, String alarmArn, double metricValue, double threshold) {
        return execute(policyArn, alarmArn);
    }
}
