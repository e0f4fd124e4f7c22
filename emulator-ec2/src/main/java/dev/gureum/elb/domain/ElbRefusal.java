package dev.gureum.elb.domain;

/** A request Elastic Load Balancing refuses, with the reason its API reports; the protocol maps reasons to codes. */
public final class ElbRefusal extends RuntimeException {

    /** Why: one per error of the API that Gureum reports. */
    public enum Reason {
        VALIDATION, INVALID_CONFIGURATION, DUPLICATE_LOAD_BALANCER_NAME, LOAD_BALANCER_NOT_FOUND, SUBNET_NOT_FOUND,
        INVALID_SUBNET, INVALID_SECURITY_GROUP, INVALID_SCHEME, DUPLICATE_LISTENER, LISTENER_NOT_FOUND,
        TARGET_GROUP_NOT_FOUND, DUPLICATE_TARGET_GROUP_NAME, RULE_NOT_FOUND, PRIORITY_IN_USE, INVALID_TARGET,
        RESOURCE_IN_USE, TOO_MANY_TAGS, DUPLICATE_TAG_KEYS, INCOMPATIBLE_PROTOCOLS, UNSUPPORTED_PROTOCOL,
        INVALID_ACTION, OPERATION_NOT_PERMITTED, TOO_MANY_RULES, TOO_MANY_ACTIONS, CERTIFICATE_NOT_FOUND,
        TOO_MANY_LOAD_BALANCERS, TOO_MANY_TARGET_GROUPS, TOO_MANY_LISTENERS, TOO_MANY_TARGETS
    }

    private final Reason reason;

    public ElbRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
