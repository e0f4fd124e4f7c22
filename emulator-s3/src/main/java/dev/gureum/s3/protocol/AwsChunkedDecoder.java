package dev.gureum.s3.protocol;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} body as its bytes arrive, in pieces of any size:
 * {@code <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n} chunks, a zero-size last chunk, then optional
 * trailing headers ({@code x-amz-checksum-crc32:...}) and an empty line. Current SDKs send bodies this way
 * by default, with the checksum as a trailer.
 */
public final class AwsChunkedDecoder {

    /** The chunked framing is broken. */
    public static final class MalformedChunkException extends IOException {
        public MalformedChunkException(String message) {
            super(message);
        }
    }

    /** Receives the decoded body. */
    public interface Output {
        /** The next decoded bytes. */
        void data(byte[] bytes, int offset, int length) throws IOException;

        /** A chunk begins; the last one has size 0. {@code signature} is its chunk-signature, or {@code null}. */
        default void chunk(long size, String signature) throws IOException {
        }
    }

    private enum State { HEADER, DATA, DATA_CR, DATA_LF, TRAILER, DONE }

    private static final int MAX_LINE = 4096;

    private final Output out;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private final StringBuilder line = new StringBuilder(80);
    private State state = State.HEADER;
    private long chunkRemaining;
    private long decoded;

    public AwsChunkedDecoder(Output out) {
        this.out = out;
    }

    /** Trailing headers, lower-case names; complete once {@link #finish} returned. */
    public Map<String, String> trailers() {
        return trailers;
    }

    public long decodedLength() {
        return decoded;
    }

    /** Whether the last chunk and the trailers have arrived. */
    public boolean isComplete() {
        return state == State.DONE;
    }

    /** Decodes the next bytes of the body. Bytes after the end of the framing are ignored. */
    public void feed(byte[] bytes, int offset, int length) throws IOException {
        int i = offset;
        int end = offset + length;
        while (i < end && state != State.DONE) {
            switch (state) {
                case DATA -> {
                    int n = (int) Math.min(end - i, chunkRemaining);
                    out.data(bytes, i, n);
                    i += n;
                    chunkRemaining -= n;
                    decoded += n;
                    if (chunkRemaining == 0) {
                        state = State.DATA_CR;
                    }
                }
                case DATA_CR -> {
                    expect(bytes[i++], '\r');
                    state = State.DATA_LF;
                }
                case DATA_LF -> {
                    expect(bytes[i++], '\n');
                    state = State.HEADER;
                }
                default -> {
                    byte b = bytes[i++];
                    if (b == '\n') {
                        endLine();
                    } else {
                        if (line.length() >= MAX_LINE) {
                            throw new MalformedChunkException("A chunk header line is too long");
                        }
                        line.append((char) (b & 0xff));
                    }
                }
            }
        }
    }

    /** The body ended: checks that the framing did too. */
    public void finish() throws IOException {
        if (state == State.TRAILER) {
            // some clients end the body right after the last chunk, or without the final empty line
            if (line.length() > 0) {
                trailer(line.toString());
                line.setLength(0);
            }
            state = State.DONE;
        }
        if (state == State.DATA || state == State.DATA_CR || state == State.DATA_LF) {
            throw new MalformedChunkException("The body ended inside a chunk");
        }
        if (state != State.DONE) {
            throw new MalformedChunkException("The body ended before the last chunk");
        }
    }

    private static void expect(byte actual, char expected) throws MalformedChunkException {
        if (actual != expected) {
            throw new MalformedChunkException("A chunk is not followed by CRLF");
        }
    }

    private void endLine() throws IOException {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        String text = line.toString();
        line.setLength(0);
        if (state == State.TRAILER) {
            if (text.isEmpty()) {
                state = State.DONE;
            } else {
                trailer(text);
            }
            return;
        }
        int semicolon = text.indexOf(';');
        String hex = (semicolon < 0 ? text : text.substring(0, semicolon)).trim();
        long size = parseSize(hex);
        String signature = null;
        if (semicolon >= 0) {
            String extension = text.substring(semicolon + 1).trim();
            if (extension.startsWith("chunk-signature=")) {
                signature = extension.substring("chunk-signature=".length()).trim();
            }
        }
        out.chunk(size, signature);
        if (size == 0) {
            state = State.TRAILER;
        } else {
            chunkRemaining = size;
            state = State.DATA;
        }
    }

    private static long parseSize(String hex) throws MalformedChunkException {
        if (hex.isEmpty() || hex.length() > 15) {
            throw new MalformedChunkException("Invalid chunk size: " + hex);
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw new MalformedChunkException("Invalid chunk size: " + hex);
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private void trailer(String text) {
        int colon = text.indexOf(':');
        if (colon > 0) {
            trailers.put(text.substring(0, colon).trim().toLowerCase(Locale.ROOT), text.substring(colon + 1).trim());
        }
    }

    /** Decodes a whole body held in memory. */
    public static byte[] decode(byte[] body) throws IOException {
        java.io.ByteArrayOutputStream decoded = new java.io.ByteArrayOutputStream(body.length);
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(decoded::write);
        decoder.feed(body, 0, body.length);
        decoder.finish();
        return decoded.toByteArray();
    }
}
