package dev.gureum.sns.filter;

import dev.gureum.core.pattern.PatternEvent;
import dev.gureum.core.spi.MessageAttribute;

import java.util.Map;

/**
 * A message as a filter policy sees it: its attributes (one value each, {@code String.Array}s one
 * per element, {@code Binary} ones none, as AWS ignores them) or its JSON body, flattened into dotted
 * key paths. Built once per message and matched against every subscription's policy.
 */
public final class FilterInput {

    private final PatternEvent event;

    private FilterInput(PatternEvent event) {
        this.event = event;
    }

    public static FilterInput ofAttributes(Map<String, MessageAttribute> attributes) {
        return new FilterInput(PatternEvent.ofMessageAttributes(attributes));
    }

    /** A message body; one that is not a JSON object has no keys. */
    public static FilterInput ofBody(String body) {
        return new FilterInput(PatternEvent.ofJson(body));
    }

    PatternEvent event() {
        return event;
    }

    /** Whether the message has no attributes (or a body without properties). */
    public boolean isEmpty() {
        return event.isEmpty();
    }
}
