package dev.gureum.sqs.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A FIFO queue's five-minute memories: the deduplication ids it has accepted (per queue or per message
 * group, as {@code DeduplicationScope} says) and the receive attempts it can replay. Not thread-safe: the
 * queue calls it under its monitor.
 */
final class Deduplication {

    /** FIFO deduplication lasts five minutes, and so do receive attempts. */
    static final Duration INTERVAL = Duration.ofMinutes(5);

    private record Seen(SqsQueue.Sent sent, Instant expires) {
    }

    private record Attempt(List<SqsMessage.Received> received, Instant expires) {
    }

    private final Map<String, Seen> seen = new HashMap<>();
    private final Map<String, Attempt> attempts = new HashMap<>();

    /** The content-based deduplication id: the SHA-256 of the body, in hex. */
    static String contentBasedId(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key a deduplication id counts under: per message group with {@code DeduplicationScope=messageGroup}. */
    static String key(String scope, String groupId, String deduplicationId) {
        return "messageGroup".equals(scope) ? groupId + "\u0000" + deduplicationId : deduplicationId;
    }

    /** The send that took this key within the interval, or {@code null}. */
    SqsQueue.Sent duplicateOf(String key, Instant now) {
        purgeExpired(now);
        Seen s = seen.get(key);
        return s != null && s.expires.isAfter(now) ? s.sent : null;
    }

    void remember(String key, SqsQueue.Sent sent, Instant now) {
        seen.put(key, new Seen(sent, now.plus(INTERVAL)));
    }

    /** What an earlier receive with this attempt id returned, if it is recent and all of it still in flight. */
    List<SqsMessage.Received> replay(String attemptId, Instant now) {
        Attempt attempt = attempts.get(attemptId);
        if (attempt != null && attempt.expires.isAfter(now) && stillInFlight(attempt.received, now)) {
            return attempt.received;
        }
        return null;
    }

    void rememberAttempt(String attemptId, List<SqsMessage.Received> received, Instant now) {
        attempts.put(attemptId, new Attempt(received, now.plus(INTERVAL)));
    }

    private static boolean stillInFlight(List<SqsMessage.Received> received, Instant now) {
        for (SqsMessage.Received r : received) {
            SqsMessage m = r.message();
            if (m.deleted || !m.inFlight || !m.visibleAt.isAfter(now)) {
                return false;
            }
        }
        return true;
    }

    private void purgeExpired(Instant now) {
        if (seen.size() > 1024 || attempts.size() > 1024) {
            seen.values().removeIf(d -> d.expires.isBefore(now));
            attempts.values().removeIf(a -> a.expires.isBefore(now));
        }
    }

    /** Receives a deduplication id still remembered at {@code now}. */
    interface EntryVisitor {
        void visit(String key, SqsQueue.Sent sent, Instant expires);
    }

    /** The deduplication ids still remembered at {@code now}. */
    void entries(Instant now, EntryVisitor visitor) {
        seen.forEach((key, s) -> {
            if (s.expires.isAfter(now)) {
                visitor.visit(key, s.sent, s.expires);
            }
        });
    }
}
