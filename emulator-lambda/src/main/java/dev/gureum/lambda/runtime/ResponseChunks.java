package dev.gureum.lambda.runtime;

import java.nio.ByteBuffer;

/**
 * Where a streamed response goes as the function writes it (InvokeWithResponseStream, a function URL
 * in {@code RESPONSE_STREAM} mode). The invocation's result still ends it: for a streamed response its
 * payload is empty, or the error document when the function failed part-way.
 */
public interface ResponseChunks {

    /**
     * The function streams its response, of this content type ({@code null} when its runtime named
     * none). Called once, before the first chunk; a function that answers whole never calls it.
     */
    void begin(String contentType);

    /** The next bytes, in order, one call at a time; the buffer is reused once this returns. */
    void chunk(ByteBuffer bytes);

    /**
     * Whether more bytes may come now; when the client is behind, {@code false}, and {@code resume} runs
     * once it has caught up (the function's runtime is held back meanwhile). By default always.
     */
    default boolean ready(Runnable resume) {
        return true;
    }
}
