package dev.gureum.core.spi;

/**
 * Acts on an EC2 instance for another service: the EC2 actions of CloudWatch alarms
 * ({@code arn:aws:automate:REGION:ec2:stop|terminate|reboot|recover}), bound by the server to EC2.
 */
public interface InstanceActions {

    /** What an alarm's EC2 action does to the instance of its {@code InstanceId} dimension. */
    enum Action { STOP, TERMINATE, REBOOT, RECOVER }

    /**
     * Acts on the instance {@code instanceId} of an account in a region.
     *
     * @throws dev.gureum.core.error.AwsException when there is no such instance, or it cannot take the action
     */
    void perform(String account, String region, String instanceId, Action action);
}
