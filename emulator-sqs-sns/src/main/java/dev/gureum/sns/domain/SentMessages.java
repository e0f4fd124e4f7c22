package dev.gureum.sns.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The messages recorded instead of sent, oldest first, up to a bound (the oldest are dropped). */
public final class SentMessages {

    private final int capacity;
    private final ArrayDeque<SentMessage> messages = new ArrayDeque<>();

    public SentMessages(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(SentMessage message) {
        if (messages.size() == capacity) {
            messages.removeFirst();
        }
        messages.addLast(message);
    }

    public synchronized List<SentMessage> find(Predicate<SentMessage> filter) {
        List<SentMessage> found = new ArrayList<>();
        for (SentMessage m : messages) {
            if (filter.test(m)) {
                found.add(m);
            }
        }
        return found;
    }

    public synchronized void clear() {
        messages.clear();
    }
}
