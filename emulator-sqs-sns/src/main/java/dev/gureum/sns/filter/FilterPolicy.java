package dev.gureum.sns.filter;

import dev.gureum.core.pattern.EventPattern;
import dev.gureum.core.pattern.PatternDialect;
import dev.gureum.core.pattern.PatternException;

/**
 * A subscription's filter policy: an event pattern in SNS's dialect, read from the scope the
 * subscription names. Immutable and safe to share between threads.
 */
public final class FilterPolicy {

    /** Where the policy looks: the message attributes (the default) or the JSON message body. */
    public enum Scope {
        MESSAGE_ATTRIBUTES("MessageAttributes", PatternDialect.SNS_MESSAGE_ATTRIBUTES),
        MESSAGE_BODY("MessageBody", PatternDialect.SNS_MESSAGE_BODY);

        private final String wireName;
        private final PatternDialect dialect;

        Scope(String wireName, PatternDialect dialect) {
            this.wireName = wireName;
            this.dialect = dialect;
        }

        public String wireName() {
            return wireName;
        }

        public static Scope of(String wireName) {
            for (Scope s : values()) {
                if (s.wireName.equals(wireName)) {
                    return s;
                }
            }
            return null;
        }
    }

    private final EventPattern pattern;
    private final Scope scope;

    private FilterPolicy(EventPattern pattern, Scope scope) {
        this.pattern = pattern;
        this.scope = scope;
    }

    /**
     * Parses a policy as {@code SetSubscriptionAttributes} and {@code Subscribe} receive it.
     *
     * @throws FilterPolicyException with AWS's message when AWS would refuse the policy
     */
    public static FilterPolicy parse(String json, Scope scope) throws FilterPolicyException {
        try {
            return new FilterPolicy(EventPattern.parse(json, scope.dialect), scope);
        } catch (PatternException e) {
            throw new FilterPolicyException(e.getMessage(), e.reason() == PatternException.Reason.NESTED_KEYS);
        }
    }

    public Scope scope() {
        return scope;
    }

    public boolean matches(FilterInput message) {
        return pattern.matches(message.event());
    }
}
