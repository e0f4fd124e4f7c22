package dev.gureum.lambda.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A response a runtime streams to the Runtime API ({@code Lambda-Runtime-Function-Response-Mode:
 * streaming}): its bytes go to the caller as they arrive when the caller streams, and are gathered into
 * one payload (within Lambda's synchronous limit) when it does not. A failure part-way is reported in the
 * request's trailers, {@code Lambda-Runtime-Function-Error-Type} and {@code Lambda-Runtime-Function-Error-Body}
 * (the error document, base64-encoded).
 */
public final class StreamedResponse {

    private final InvocationScheduler scheduler;
    private final ExecutionEnvironment env;
    private final Invocation inv;
    private final ResponseChunks chunks;
    private final ByteArrayOutputStream gathered;
    private long size;

    StreamedResponse(InvocationScheduler scheduler, ExecutionEnvironment env, Invocation inv, String contentType) {
        this.scheduler = scheduler;
        this.env = env;
        this.inv = inv;
        this.chunks = inv.chunks;
        this.gathered = chunks == null ? new ByteArrayOutputStream() : null;
        if (chunks != null) {
            chunks.begin(contentType);
        }
    }

    /** How long the runtime may send nothing: the function's timeout, which ends it anyway. */
    public long idleMillis() {
        return inv.config.timeout * 1000L + 1000;
    }

    /** Whether the caller takes more bytes now; else {@code resume} runs when it does. */
    public boolean ready(Runnable resume) {
        return chunks == null || inv.result.isDone() || chunks.ready(resume);
    }

    /** The next bytes the function wrote. */
    public void accept(ByteBuffer bytes) {
        if (inv.result.isDone()) {
            // the invocation ended (timed out) while its runtime was still sending
            return;
        }
        size += bytes.remaining();
        if (chunks != null) {
            chunks.chunk(bytes);
            return;
        }
        if (size > RuntimeApi.MAX_RESPONSE) {
            scheduler.finish(env, inv, Invocation.errorDocument("Function.ResponseSizeTooLarge", "Response payload size "
                    + "exceeded maximum allowed payload size (" + RuntimeApi.MAX_RESPONSE + " bytes)."), "Unhandled", null);
            return;
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.get(copy);
        gathered.writeBytes(copy);
    }

    /**
     * The runtime finished the response; with an error type when the function failed part-way.
     *
     * @param errorBody the {@code Lambda-Runtime-Function-Error-Body} trailer, or {@code null}
     */
    public void end(String errorType, String errorBody) {
        if (errorType != null || errorBody != null) {
            scheduler.finish(env, inv, errorDocument(errorType, errorBody), "Unhandled", null);
        } else {
            scheduler.finish(env, inv, gathered == null ? new byte[0] : gathered.toByteArray(), null, null);
        }
    }

    /** The runtime's request broke off before the response was complete. */
    public void broken() {
        scheduler.finish(env, inv, Invocation.errorDocument("Runtime.StreamBroken",
                "The runtime's streamed response ended before it was complete."), "Unhandled", null);
    }

    private static byte[] errorDocument(String errorType, String errorBody) {
        if (errorBody != null && !errorBody.isBlank()) {
            try {
                return Base64.getDecoder().decode(errorBody.trim());
            } catch (IllegalArgumentException notBase64) {
                return errorBody.getBytes(StandardCharsets.UTF_8);
            }
        }
        return Invocation.errorDocument(errorType == null ? "Runtime.Unknown" : errorType, "");
    }
}
