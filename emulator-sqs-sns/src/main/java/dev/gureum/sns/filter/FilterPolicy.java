package dev.gureum.sns.filter;

import java.util.List;

/**
 * A subscription's filter policy, parsed and checked: keys that must all match (AND), each with
 * conditions of which one must match (OR), and {@code $or} groups of alternative sub-policies.
 * Immutable and safe to share between threads.
 */
public final class FilterPolicy {

    /** Where the policy looks: the message attributes (the default) or the JSON message body. */
    public enum Scope {
        MESSAGE_ATTRIBUTES("MessageAttributes"), MESSAGE_BODY("MessageBody");

        private final String wireName;

        Scope(String wireName) {
            this.wireName = wireName;
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

    /** A key (dotted for nested body properties) and the conditions its values are held to. */
    record Rule(String key, List<Condition> conditions) {
        boolean matches(FilterInput message) {
            List<FilterValue> values = message.values(key);
            for (Condition c : conditions) {
                if (c.matches(values, message)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Rules that must all match, and {@code $or} groups each needing one matching alternative. */
    record Node(List<Rule> rules, List<List<Node>> alternatives) {
        boolean matches(FilterInput message) {
            for (Rule r : rules) {
                if (!r.matches(message)) {
                    return false;
                }
            }
            for (List<Node> group : alternatives) {
                boolean any = false;
                for (Node n : group) {
                    if (n.matches(message)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Node root;
    private final Scope scope;

    FilterPolicy(Node root, Scope scope) {
        this.root = root;
        this.scope = scope;
    }

    /**
     * Parses a policy as {@code SetSubscriptionAttributes} and {@code Subscribe} receive it.
     *
     * @throws FilterPolicyException with AWS's message when AWS would refuse the policy
     */
    public static FilterPolicy parse(String json, Scope scope) throws FilterPolicyException {
        return FilterPolicyParser.parse(json, scope);
    }

    public Scope scope() {
        return scope;
    }

    public boolean matches(FilterInput message) {
        return root.matches(message);
    }
}
