package dev.gureum.elb.protocol;

import dev.gureum.core.error.AwsError;
import dev.gureum.core.error.AwsException;
import dev.gureum.elb.domain.ElbRefusal;

/** Elastic Load Balancing v2's error codes (botocore model {@code elbv2/2015-12-01}), all 400 sender faults. */
public enum ElbError implements AwsError {
    VALIDATION_ERROR("ValidationError"),
    INVALID_CONFIGURATION_REQUEST("InvalidConfigurationRequest"),
    DUPLICATE_LOAD_BALANCER_NAME("DuplicateLoadBalancerName"),
    LOAD_BALANCER_NOT_FOUND("LoadBalancerNotFound"),
    SUBNET_NOT_FOUND("SubnetNotFound"),
    INVALID_SUBNET("InvalidSubnet"),
    INVALID_SECURITY_GROUP("InvalidSecurityGroup"),
    INVALID_SCHEME("InvalidScheme"),
    DUPLICATE_LISTENER("DuplicateListener"),
    LISTENER_NOT_FOUND("ListenerNotFound"),
    TARGET_GROUP_NOT_FOUND("TargetGroupNotFound"),
    DUPLICATE_TARGET_GROUP_NAME("DuplicateTargetGroupName"),
    RULE_NOT_FOUND("RuleNotFound"),
    PRIORITY_IN_USE("PriorityInUse"),
    INVALID_TARGET("InvalidTarget"),
    RESOURCE_IN_USE("ResourceInUse"),
    TOO_MANY_TAGS("TooManyTags"),
    DUPLICATE_TAG_KEYS("DuplicateTagKeys"),
    INCOMPATIBLE_PROTOCOLS("IncompatibleProtocols"),
    UNSUPPORTED_PROTOCOL("UnsupportedProtocol"),
    INVALID_LOAD_BALANCER_ACTION("InvalidLoadBalancerAction"),
    OPERATION_NOT_PERMITTED("OperationNotPermitted"),
    TOO_MANY_RULES("TooManyRules"),
    TOO_MANY_ACTIONS("TooManyActions"),
    CERTIFICATE_NOT_FOUND("CertificateNotFound"),
    TOO_MANY_LOAD_BALANCERS("TooManyLoadBalancers"),
    TOO_MANY_TARGET_GROUPS("TooManyTargetGroups"),
    TOO_MANY_LISTENERS("TooManyListeners"),
    TOO_MANY_TARGETS("TooManyTargets");

    private final String code;

    ElbError(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return 400;
    }

    /** The one mapping of the domain's refusals to the API's errors. */
    static AwsException of(ElbRefusal refusal) {
        ElbError error = switch (refusal.reason()) {
            case VALIDATION -> VALIDATION_ERROR;
            case INVALID_CONFIGURATION -> INVALID_CONFIGURATION_REQUEST;
            case DUPLICATE_LOAD_BALANCER_NAME -> DUPLICATE_LOAD_BALANCER_NAME;
            case LOAD_BALANCER_NOT_FOUND -> LOAD_BALANCER_NOT_FOUND;
            case SUBNET_NOT_FOUND -> SUBNET_NOT_FOUND;
            case INVALID_SUBNET -> INVALID_SUBNET;
            case INVALID_SECURITY_GROUP -> INVALID_SECURITY_GROUP;
            case INVALID_SCHEME -> INVALID_SCHEME;
            case DUPLICATE_LISTENER -> DUPLICATE_LISTENER;
            case LISTENER_NOT_FOUND -> LISTENER_NOT_FOUND;
            case TARGET_GROUP_NOT_FOUND -> TARGET_GROUP_NOT_FOUND;
            case DUPLICATE_TARGET_GROUP_NAME -> DUPLICATE_TARGET_GROUP_NAME;
            case RULE_NOT_FOUND -> RULE_NOT_FOUND;
            case PRIORITY_IN_USE -> PRIORITY_IN_USE;
            case INVALID_TARGET -> INVALID_TARGET;
            case RESOURCE_IN_USE -> RESOURCE_IN_USE;
            case TOO_MANY_TAGS -> TOO_MANY_TAGS;
            case DUPLICATE_TAG_KEYS -> DUPLICATE_TAG_KEYS;
            case INCOMPATIBLE_PROTOCOLS -> INCOMPATIBLE_PROTOCOLS;
            case UNSUPPORTED_PROTOCOL -> UNSUPPORTED_PROTOCOL;
            case INVALID_ACTION -> INVALID_LOAD_BALANCER_ACTION;
            case OPERATION_NOT_PERMITTED -> OPERATION_NOT_PERMITTED;
            case TOO_MANY_RULES -> TOO_MANY_RULES;
            case TOO_MANY_ACTIONS -> TOO_MANY_ACTIONS;
            case CERTIFICATE_NOT_FOUND -> CERTIFICATE_NOT_FOUND;
            case TOO_MANY_LOAD_BALANCERS -> TOO_MANY_LOAD_BALANCERS;
            case TOO_MANY_TARGET_GROUPS -> TOO_MANY_TARGET_GROUPS;
            case TOO_MANY_LISTENERS -> TOO_MANY_LISTENERS;
            case TOO_MANY_TARGETS -> TOO_MANY_TARGETS;
        };
        return new AwsException(error, refusal.getMessage());
    }
}
