package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.http.EdgeHandler;
import dev.gureum.core.http.StreamingBody;
import dev.gureum.s3.protocol.AwsChunkedDecoder;
import dev.gureum.s3.domain.Refusal;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.protocol.S3Refusals;
import io.undertow.util.Headers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * How a request body is framed (plain, or {@code aws-chunked} with signatures and trailers), and how it is
 * read: as it arrives, by a worker only while bytes are there, and given up with {@code RequestTimeout}
 * when the client stops sending.
 */
final class S3Bodies {

    /** Configuration documents are small; anything larger is not one. */
    static final int MAX_XML_BODY = 2 * 1024 * 1024;

    private S3Bodies() {
    }

    static boolean isAwsChunked(S3Request request) {
        String sha = request.header("x-amz-content-sha256");
        String encoding = request.header("Content-Encoding");
        // x-amz-content-sha256 says how the body is framed; a Content-Encoding naming aws-chunked over a
        // body hashed whole (or UNSIGNED-PAYLOAD) is a coding S3 strips from the stored headers, no framing
        if (sha != null) {
            return sha.startsWith("STREAMING-");
        }
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked");
    }

    /** Whether the request carries a body at all. */
    static boolean hasBody(S3Request request) {
        String length = request.header("Content-Length");
        return request.exchange().getRequestHeaders().contains(Headers.TRANSFER_ENCODING)
                || length != null && !length.trim().equals("0");
    }

    /** The declared length of the decoded body, or -1 when unknown. */
    static long declaredLength(S3Request request) {
        String decoded = request.header("x-amz-decoded-content-length");
        String length = isAwsChunked(request) ? decoded : request.header("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid content length: " + length);
        }
    }

    /** Streams the body to the sink; each call of the sink comes on a worker. */
    static void stream(S3Request request, long idleMillis, StreamingBody.Sink sink) {
        StreamingBody.read(request.exchange(), null, idleMillis, new StreamingBody.Sink() {
            @Override
            public void accept(ByteBuffer bytes) throws Exception {
                sink.accept(bytes);
            }

            @Override
            public void end() throws Exception {
                try {
                    sink.end();
                } catch (Refusal refusal) {
                    // what the operation refuses once the body is in, answered as the operation would
                    throw S3Refusals.toAws(refusal, request.method());
                } catch (dev.gureum.s3.lock.LockRefusal refusal) {
                    throw dev.gureum.s3.protocol.LockErrors.toAws(refusal);
                }
            }

            @Override
            public void failed(Throwable cause) {
                sink.failed(cause);
            }
        });
    }

    /**
     * Reads a small body (configuration XML, DeleteObjects, CompleteMultipartUpload) whole, without its
     * aws-chunked framing, into the request, then runs {@code then} on a worker.
     */
    static void readSmall(S3Request request, long idleMillis, Runnable then) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean chunked = isAwsChunked(request);
        // room for the framing of a chunked document of the largest size
        long max = chunked ? MAX_XML_BODY + MAX_XML_BODY / 8 + 8192 : MAX_XML_BODY;
        stream(request, idleMillis, new StreamingBody.Sink() {
            private boolean tooLarge;

            @Override
            public void accept(ByteBuffer data) {
                if (bytes.size() + (long) data.remaining() > max) {
                    tooLarge = true;
                } else if (!tooLarge) {
                    bytes.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
                }
            }

            @Override
            public void end() throws IOException {
                if (tooLarge) {
                    request.body(null, true);
                } else {
                    byte[] body = bytes.toByteArray();
                    try {
                        request.body(chunked ? AwsChunkedDecoder.decode(body) : body, false);
                    } catch (AwsChunkedDecoder.MalformedChunkException e) {
                        throw incompleteBody(e);
                    }
                }
                then.run();
            }

            @Override
            public void failed(Throwable cause) {
                S3Bodies.failed(request, cause);
            }
        });
    }

    /** Answers a body that did not arrive in full, as S3 does. */
    static void failed(S3Request request, Throwable cause) {
        Throwable answer = cause;
        if (cause instanceof StreamingBody.BodyTimeoutException) {
            answer = new AwsException(S3Error.REQUEST_TIMEOUT, "Your socket connection to the server was not read "
                    + "from or written to within the timeout period. Idle connections will be closed.");
        } else if (cause instanceof AwsChunkedDecoder.MalformedChunkException malformed) {
            answer = incompleteBody(malformed);
        } else if (cause instanceof IOException) {
            answer = new AwsException(S3Error.INCOMPLETE_BODY,
                    "You did not provide the number of bytes specified by the Content-Length HTTP header");
        }
        EdgeHandler.fail(request.exchange(), answer);
    }

    static AwsException incompleteBody(AwsChunkedDecoder.MalformedChunkException e) {
        return new AwsException(S3Error.INCOMPLETE_BODY, "The request body terminated unexpectedly: " + e.getMessage());
    }
}
