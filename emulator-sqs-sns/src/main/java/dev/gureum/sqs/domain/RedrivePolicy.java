package dev.gureum.sqs.domain;

import dev.gureum.sqs.domain.SqsException.Reason;

/** A queue's {@code RedrivePolicy}: where messages go after {@code maxReceiveCount} receives. */
public record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {

    /**
     * The members of a {@code RedrivePolicy} document as its JSON gives them, before SQS checks them.
     *
     * @param deadLetterTargetArn {@code null} when absent or not a string
     * @param maxReceiveCount     the member as text (a number or a string of digits), {@code null} when absent
     */
    public record Document(String deadLetterTargetArn, String maxReceiveCount) {
    }

    /** Reads a policy's JSON text; refuses text that is not a JSON object with {@code REDRIVE_POLICY_NOT_A_MAP}. */
    @FunctionalInterface
    public interface Reader {
        Document read(String json);
    }

    /** The policy a document describes, checked as SQS checks it: both members, a count of 1 to 1,000. */
    public static RedrivePolicy of(Document document) {
        if (document.deadLetterTargetArn() == null) {
            throw new SqsException(Reason.REDRIVE_POLICY_MEMBER_MISSING, "deadLetterTargetArn");
        }
        if (document.maxReceiveCount() == null) {
            throw new SqsException(Reason.REDRIVE_POLICY_MEMBER_MISSING, "maxReceiveCount");
        }
        int max;
        try {
            max = Integer.parseInt(document.maxReceiveCount());
        } catch (NumberFormatException e) {
            throw new SqsException(Reason.MAX_RECEIVE_COUNT_INVALID, document.maxReceiveCount());
        }
        if (max < 1 || max > 1000) {
            throw new SqsException(Reason.MAX_RECEIVE_COUNT_OUT_OF_RANGE, max);
        }
        return new RedrivePolicy(document.deadLetterTargetArn(), max);
    }
}
