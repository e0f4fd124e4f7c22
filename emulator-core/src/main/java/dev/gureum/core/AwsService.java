package dev.gureum.core;

import io.undertow.server.HttpServerExchange;

/**
 * A service behind the front end. It is handed requests that the router has assigned to it, with the
 * {@link RequestContext} filled in (account, region, service, request id), on a worker thread.
 * Services of the action protocols (query, ec2, json) extend {@link dev.gureum.core.protocol.ActionService}
 * rather than implementing this directly.
 */
public interface AwsService extends AutoCloseable {

    ServiceDescriptor descriptor();

    /**
     * Answers the request, or throws an {@link dev.gureum.core.error.AwsException} that the front end
     * renders in the service's protocol. May complete the exchange later (long polls): then it must
     * {@link HttpServerExchange#dispatch(Runnable)} or otherwise keep the exchange from ending.
     */
    void handle(HttpServerExchange exchange, RequestContext context) throws Exception;

    /**
     * Whether the front end reads the whole request body before {@link #handle} (without holding a
     * thread while it arrives). Services that stream bodies (S3) answer {@code false} and read the
     * exchange's stream themselves.
     */
    default boolean bufferRequestBody() {
        return true;
    }

    /**
     * Whether the front end reads this request's body whole before {@link #handle}; by default what
     * {@link #bufferRequestBody()} says for every request. A service that buffers most bodies answers
     * {@code false} for the requests whose bodies it consumes as they arrive (a Lambda runtime's streamed
     * response), and reads them itself with {@link dev.gureum.core.http.StreamingBody}.
     */
    default boolean bufferRequestBody(HttpServerExchange request) {
        return bufferRequestBody();
    }

    /**
     * Whether the service's operations never block (in-memory work only, long polls answered from
     * futures), so that small requests may be answered on the IO thread without a hand-off to a worker.
     */
    default boolean nonBlocking() {
        return false;
    }

    /**
     * For a request whose body the service reads itself ({@link #bufferRequestBody(HttpServerExchange)} {@code false}): answers the
     * request on the IO thread that read it, when that needs no blocking work (an object's bytes already
     * in memory), and answers {@code true}; or leaves the exchange untouched and answers {@code false}, and
     * the request goes on to a worker and {@link #handle} as usual. Called only once the service is built.
     */
    default boolean answerOnIoThread(HttpServerExchange exchange, RequestContext context) {
        return false;
    }

    /**
     * The server serves: work that can wait until then (housekeeping of files an earlier run left) may
     * begin without slowing start-up. Called once, at once for a service built after the server started.
     */
    default void serving() {
    }

    /**
     * The server is stopping: answer the exchanges parked without a deadline of their own (Lambda's
     * Runtime API {@code next} calls), so that shutdown need not wait for them. Requests in flight
     * otherwise finish before {@link #close()}.
     */
    default void stopping() {
    }

    /** Drops all state, as {@code POST /_gureum/reset} asks. */
    void reset();

    /** Releases resources (threads, processes, files) at shutdown. */
    @Override
    default void close() {
    }
}
