package dev.gureum.sns.domain;

import java.util.regex.Pattern;

/** SNS's topic-name rules: 1 to 256 of {@code [A-Za-z0-9_-]}, and a FIFO topic's name ends in {@code .fifo}. */
public final class TopicName {

    private static final Pattern STANDARD = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    /** The {@code .fifo} suffix counts toward the 256 characters. */
    private static final Pattern FIFO = Pattern.compile("[A-Za-z0-9_-]{1,251}\\.fifo");

    private TopicName() {
    }

    public static void check(String name, boolean fifo) {
        if (!(fifo ? FIFO : STANDARD).matcher(name).matches()) {
            throw new SnsException(SnsException.Reason.INVALID_TOPIC_NAME, fifo);
        }
    }
}
