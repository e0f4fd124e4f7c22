package dev.gureum.lambda.runtime;

import dev.gureum.lambda.domain.FunctionConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The log of execution environments as Lambda frames it in CloudWatch Logs: one stream per
 * environment ({@code 2024/01/31/[$LATEST]<id>}), the runtime's output between {@code START} and
 * {@code END}, a {@code REPORT} line per invocation, {@code INIT_START}/{@code INIT_REPORT} around the
 * init phase. An invocation keeps its own lines too, for {@code LogType=Tail}.
 */
final class InvocationLogs {

    private static final Logger LOG = LoggerFactory.getLogger(InvocationLogs.class);
    /** How much of the log {@code LogType=Tail} returns. */
    static final int TAIL_BYTES = 4096;
    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final LogSink sink;
    private final Clock clock;

    InvocationLogs(LogSink sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    /** The log stream of a new environment: its date, version and id. */
    String streamName(FunctionConfig config, String environmentId) {
        return STREAM_DATE.format(clock.instant()) + "/[" + config.version + "]" + environmentId;
    }

    /**
     * Appends lines to the environment's stream and, when {@code inv} is given, to the invocation's
     * own log.
     */
    void append(ExecutionEnvironment env, Invocation inv, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        if (inv != null) {
            for (String line : lines) {
                inv.log.append(line).append('\n');
            }
        }
        FunctionConfig c = env.config;
        try {
            sink.append(c.accountId, c.region, c.logGroup, env.logStream, lines, clock.instant());
        } catch (RuntimeException e) {
            LOG.debug("Could not write the logs of {}: {}", c.name, e.toString());
        }
    }

    /** A line as the runtime writes it for an error of its own: the time, then the text. */
    void appendTimed(ExecutionEnvironment env, Invocation inv, String text) {
        append(env, inv, List.of(LOG_TIME.format(clock.instant()) + " " + text));
    }

    void initStart(ExecutionEnvironment env) {
        // a container image's runtime is its own
        append(env, null, List.of(env.config.runtime == null ? "INIT_START"
                : "INIT_START Runtime Version: " + env.config.runtime + ".gureum"));
    }

    /** {@code INIT_REPORT} of an init phase that failed with {@code errorType}. */
    static String initReport(ExecutionEnvironment env, String errorType) {
        return "INIT_REPORT Init Duration: " + millis(env.initNanos) + " ms\tPhase: init\tStatus: error\tError Type: "
                + errorType;
    }

    void start(ExecutionEnvironment env, Invocation inv) {
        append(env, inv, List.of("START RequestId: " + inv.requestId + " Version: " + inv.config.version));
    }

    /**
     * {@code END} and {@code REPORT}; the first REPORT of an environment carries its init duration.
     * {@code status} is REPORT's {@code Status} ({@code timeout}, {@code error}), or {@code null}.
     */
    void end(ExecutionEnvironment env, Invocation inv, double durationMs, String status) {
        StringBuilder report = new StringBuilder("REPORT RequestId: ").append(inv.requestId)
                .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", durationMs)).append(" ms")
                .append("\tBilled Duration: ").append((long) Math.ceil(Math.max(1, durationMs))).append(" ms")
                .append("\tMemory Size: ").append(inv.config.memorySize).append(" MB")
                .append("\tMax Memory Used: ").append(Math.max(env.peakMemoryMb, env.maxMemoryUsedMb())).append(" MB");
        if (env.cold) {
            report.append("\tInit Duration: ").append(millis(env.initNanos)).append(" ms");
            env.cold = false;
        }
        if (status != null) {
            report.append("\tStatus: ").append(status);
        }
        append(env, inv, List.of("END RequestId: " + inv.requestId, report.append('\t').toString()));
    }

    /** What {@code LogType=Tail} returns: the base64 of the last 4 KB of the invocation's log. */
    static String tail(Invocation inv) {
        byte[] bytes = inv.log.toString().getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, bytes.length - TAIL_BYTES);
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, from, bytes.length));
    }

    /** A function timeout as Lambda words it: {@code 3.00 seconds}. */
    static String seconds(int timeout) {
        return String.format(Locale.ROOT, "%.2f", (double) timeout) + " seconds";
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
