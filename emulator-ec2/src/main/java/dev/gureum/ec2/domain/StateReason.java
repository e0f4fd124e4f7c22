package dev.gureum.ec2.domain;

/** Why an instance is in its state: {@code stateReason} in DescribeInstances. */
public record StateReason(String code, String message) {

    public static final StateReason PENDING = new StateReason("pending", "pending");
    public static final StateReason USER_SHUTDOWN =
            new StateReason("Client.UserInitiatedShutdown", "Client.UserInitiatedShutdown: User initiated shutdown");
    public static final StateReason SPOT_TERMINATION = new StateReason("Server.SpotInstanceTermination",
            "Server.SpotInstanceTermination: Spot instance termination");
    public static final StateReason INSTANCE_SHUTDOWN = new StateReason("Client.InstanceInitiatedShutdown",
            "Client.InstanceInitiatedShutdown: Instance initiated shutdown");
}
