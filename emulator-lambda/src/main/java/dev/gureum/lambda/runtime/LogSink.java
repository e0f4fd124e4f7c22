package dev.gureum.lambda.runtime;

import java.time.Instant;
import java.util.List;

/** Where execution environments' logs go: CloudWatch Logs, group {@code /aws/lambda/<name>}. */
public interface LogSink {

    /** Appends lines to a stream, creating the group and stream as Lambda does. */
    void append(String accountId, String region, String group, String stream, List<String> messages, Instant at);
}
