package dev.gureum.core.http;

import dev.gureum.core.EmulatorConfig;


/**
 * How long the server waits on a client and how many clients it serves at once, so that slow or
 * stalled clients cannot take the server away from the others.
 *
 * @param requestTimeoutMillis   a request body that sends nothing for this long is abandoned (S3 answers
 *                               {@code RequestTimeout}, as AWS does after about 20 s)
 * @param headerTimeoutMillis    a request whose line and headers take longer than this to arrive is dropped
 * @param idleConnectionMillis   a kept-alive connection with no request in flight is closed after this long
 * @param maxConnections         connections served at once; further ones wait in the listen backlog
 * @param maxHeaderBytes         largest request line plus headers
 */
public record HttpLimits(long requestTimeoutMillis, long headerTimeoutMillis, long idleConnectionMillis,
                         int maxConnections, int maxHeaderBytes) {

    public static final String REQUEST_TIMEOUT = "http.request-timeout-seconds";
    public static final String HEADER_TIMEOUT = "http.header-timeout-seconds";
    public static final String IDLE_CONNECTION_TIMEOUT = "http.idle-connection-timeout-seconds";
    public static final String MAX_CONNECTIONS = "http.max-connections";
    public static final String MAX_HEADER_BYTES = "http.max-header-bytes";

    public static final double DEFAULT_REQUEST_TIMEOUT_SECONDS = 20;
    public static final double DEFAULT_HEADER_TIMEOUT_SECONDS = 60;
    public static final double DEFAULT_IDLE_CONNECTION_SECONDS = 60;
    public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
    /** File descriptors kept for everything but sockets: object files being written, jars, Lambda processes. */
    private static final long RESERVED_DESCRIPTORS = 512;

    public HttpLimits {
        if (requestTimeoutMillis < 1 || headerTimeoutMillis < 1 || idleConnectionMillis < 1) {
            throw new IllegalArgumentException("Timeouts must be positive");
        }
        if (maxConnections < 1 || maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("Invalid connection limits");
        }
    }

    /** The limits the configuration sets, defaults for the rest. */
    public static HttpLimits from(EmulatorConfig config) {
        return new HttpLimits(
                millis(config, REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT_SECONDS),
                millis(config, HEADER_TIMEOUT, DEFAULT_HEADER_TIMEOUT_SECONDS),
                millis(config, IDLE_CONNECTION_TIMEOUT, DEFAULT_IDLE_CONNECTION_SECONDS),
                integer(config, MAX_CONNECTIONS, defaultMaxConnections()),
                integer(config, MAX_HEADER_BYTES, DEFAULT_MAX_HEADER_BYTES));
    }

    /**
     * A few thousand connections, fewer when the process may not open that many files: each connection
     * is a descriptor, and an upload in flight holds a second one for its file.
     */
    public static int defaultMaxConnections() {
        long limit = fileDescriptorLimit();
        if (limit <= 0) {
            return 4096;
        }
        return (int) Math.max(64, Math.min(4096, (limit - RESERVED_DESCRIPTORS) / 2));
    }

    /**
     * The process's limit on open files ({@code ulimit -n}), or -1 where the platform does not tell. Read
     * from {@code /proc/self/limits}: asking the JVM's management beans instead costs start-up a tenth of
     * a second.
     */
    public static long fileDescriptorLimit() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or no /proc: the caller falls back to its default
        }
        return -1;
    }

    private static long millis(EmulatorConfig config, String name, double defaultSeconds) {
        String value = config.setting(name);
        double seconds = value == null ? defaultSeconds : Double.parseDouble(value);
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("Setting " + name + " must be a positive number of seconds: " + value);
        }
        return Math.max(1, Math.round(seconds * 1000));
    }

    private static int integer(EmulatorConfig config, String name, int defaultValue) {
        String value = config.setting(name);
        return value == null ? defaultValue : Integer.parseInt(value.trim());
    }
}
