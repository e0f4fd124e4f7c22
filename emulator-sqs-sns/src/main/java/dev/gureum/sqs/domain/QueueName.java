package dev.gureum.sqs.domain;

import java.util.regex.Pattern;

/** SQS's queue-name rules: 1 to 80 of {@code [A-Za-z0-9_-]}, and a FIFO queue's name ends in {@code .fifo}. */
public final class QueueName {

    private static final Pattern STANDARD = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    /** The {@code .fifo} suffix counts toward the 80 characters. */
    private static final Pattern FIFO = Pattern.compile("[A-Za-z0-9_-]{1,75}\\.fifo");

    private QueueName() {
    }

    /**
     * Checks a name for a queue of the given type.
     *
     * @throws SqsException {@code INVALID_QUEUE_NAME}, detailed with whether a FIFO name was meant
     */
    public static void check(String name, boolean fifo) {
        boolean fifoSuffix = name.endsWith(".fifo");
        if (fifoSuffix != fifo || !(fifo ? FIFO : STANDARD).matcher(name).matches()) {
            throw new SqsException(SqsException.Reason.INVALID_QUEUE_NAME, fifo || fifoSuffix);
        }
    }
}
