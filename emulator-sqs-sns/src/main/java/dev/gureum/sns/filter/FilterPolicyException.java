package dev.gureum.sns.filter;

/**
 * A filter policy AWS would refuse; the message is AWS's, without the {@code FilterPolicy:} prefix
 * that the caller adds according to where the policy came from.
 */
public final class FilterPolicyException extends Exception {

    /** Whether AWS reports it as a problem of the policy itself, or of the subscription's scope. */
    private final boolean scopeError;

    FilterPolicyException(String message, boolean scopeError) {
        super(message, null, false, false);
        this.scopeError = scopeError;
    }

    public boolean isScopeError() {
        return scopeError;
    }
}
