package dev.gureum.sqs.domain;

import java.util.Map;

/** SQS's tag rules: at most 50 tags on a queue, keys of 1 to 128 characters, values of up to 256. */
public final class QueueTags {

    public static final int MAX_TAGS = 50;

    private QueueTags() {
    }

    /** Checks tags given to CreateQueue or TagQueue. */
    public static void check(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw new SqsException(SqsException.Reason.TOO_MANY_TAGS);
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            if (t.getKey().isEmpty() || t.getKey().length() > 128 || t.getValue().length() > 256) {
                throw new SqsException(SqsException.Reason.INVALID_TAG, t.getKey());
            }
        }
    }

    /** Checks that a queue's tags, with those added, stay within the limit. */
    static void checkTotal(String queueName, Map<String, String> existing, Map<String, String> added) {
        Map<String, String> merged = new java.util.HashMap<>(existing);
        merged.putAll(added);
        if (merged.size() > MAX_TAGS) {
            throw new SqsException(SqsException.Reason.TOO_MANY_TAGS, queueName);
        }
    }
}
