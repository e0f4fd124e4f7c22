package dev.gureum.core.pattern;

import java.util.List;
import java.util.Map;

/**
 * An event pattern, the matching language of SNS filter policies, Lambda's {@code FilterCriteria}
 * and EventBridge rules, parsed and checked under one {@link PatternDialect}: keys that must all
 * match (AND), each with conditions of which one must match (OR), and {@code $or} groups of
 * alternative sub-patterns. Immutable and safe to share between threads.
 */
public final class EventPattern {

    /** A key path (dotted for nested properties) and the conditions its values are held to. */
    record Rule(String key, List<Condition> conditions) {
        boolean matches(PatternEvent event, PatternDialect dialect) {
            List<PatternValue> values = event.values(key);
            for (Condition c : conditions) {
                if (c.matches(values, event, dialect)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Rules that must all match, and {@code $or} groups each needing one matching alternative. */
    record Node(List<Rule> rules, List<List<Node>> alternatives) {
        boolean matches(PatternEvent event, PatternDialect dialect) {
            for (Rule r : rules) {
                if (!r.matches(event, dialect)) {
                    return false;
                }
            }
            for (List<Node> group : alternatives) {
                boolean any = false;
                for (Node n : group) {
                    if (n.matches(event, dialect)) {
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
    private final PatternDialect dialect;

    EventPattern(Node root, PatternDialect dialect) {
        this.root = root;
        this.dialect = dialect;
    }

    /**
     * Parses a pattern given as JSON text.
     *
     * @throws PatternException with AWS's message (in the dialect's words) when AWS would refuse it
     */
    public static EventPattern parse(String json, PatternDialect dialect) throws PatternException {
        return PatternParser.parse(json, dialect);
    }

    public PatternDialect dialect() {
        return dialect;
    }

    public boolean matches(PatternEvent event) {
        return root.matches(event, dialect);
    }

    /** Matches an event given as plain Java values (see {@link PatternEvent#of}). */
    public boolean matches(Map<String, ?> event) {
        return matches(PatternEvent.of(event));
    }
}
