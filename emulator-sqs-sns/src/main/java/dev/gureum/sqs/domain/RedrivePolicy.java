package dev.gureum.sqs.domain;

/** A queue's {@code RedrivePolicy}: where messages go after {@code maxReceiveCount} receives. */
public record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {
}
