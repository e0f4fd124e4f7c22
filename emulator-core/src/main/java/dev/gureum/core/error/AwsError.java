package dev.gureum.core.error;

/**
 * An AWS error code as a client sees it: the wire code, the HTTP status and whether the caller
 * ({@code Sender}) or the service ({@code Receiver}) is at fault. Services declare theirs as enums.
 */
public interface AwsError {

    /** The code on the wire, for example {@code NoSuchBucket} or {@code AWS.SimpleQueueService.NonExistentQueue}. */
    String code();

    int status();

    /**
     * The code the query protocol uses, where it differs from the JSON one: SQS's JSON
     * {@code QueueDoesNotExist} is {@code AWS.SimpleQueueService.NonExistentQueue} in XML and in
     * the {@code x-amzn-query-error} header.
     */
    default String queryCode() {
        return code();
    }

    default boolean senderFault() {
        return status() < 500;
    }
}
