package dev.gureum.iam.domain;

/** A request IAM refuses: the reason (mapped to AWS's error code by the protocol) and AWS's message. */
public final class IamRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        NO_SUCH_ENTITY, ENTITY_ALREADY_EXISTS, DELETE_CONFLICT, LIMIT_EXCEEDED, INVALID_INPUT,
        MALFORMED_POLICY_DOCUMENT, UNMODIFIABLE_ENTITY, POLICY_NOT_ATTACHABLE, VALIDATION
    }

    private final Reason reason;

    public IamRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static IamRefusal noSuchEntity(String message) {
        return new IamRefusal(Reason.NO_SUCH_ENTITY, message);
    }

    static IamRefusal exists(String message) {
        return new IamRefusal(Reason.ENTITY_ALREADY_EXISTS, message);
    }

    static IamRefusal conflict(String message) {
        return new IamRefusal(Reason.DELETE_CONFLICT, message);
    }

    static IamRefusal limit(String message) {
        return new IamRefusal(Reason.LIMIT_EXCEEDED, message);
    }

    static IamRefusal invalid(String message) {
        return new IamRefusal(Reason.INVALID_INPUT, message);
    }
}
