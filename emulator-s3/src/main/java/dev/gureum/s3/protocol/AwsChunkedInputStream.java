package dev.gureum.s3.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes an {@code aws-chunked} body: {@code <hex size>[;chunk-signature=<sig>]\r\n<data>\r\n} chunks,
 * a zero-size last chunk, then optional trailing headers ({@code x-amz-checksum-crc32:...}) and an
 * empty line. Current SDKs send bodies this way by default, with the checksum as a trailer.
 */
public final class AwsChunkedInputStream extends InputStream {

    /** The chunked framing is broken. */
    public static final class MalformedChunkException extends IOException {
        public MalformedChunkException(String message) {
            super(message);
        }
    }

    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private long chunkRemaining;
    private boolean finished;
    private long decoded;

    public AwsChunkedInputStream(InputStream in) {
        this.in = in;
    }

    /** Trailing headers, lower-case names; complete once the stream has been read to its end. */
    public Map<String, String> trailers() {
        return trailers;
    }

    public long decodedLength() {
        return decoded;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (finished) {
            return -1;
        }
        if (chunkRemaining == 0) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, chunkRemaining));
        if (n < 0) {
            throw new MalformedChunkException("The body ended inside a chunk");
        }
        chunkRemaining -= n;
        decoded += n;
        if (chunkRemaining == 0) {
            expectCrlf();
        }
        return n;
    }

    private boolean nextChunk() throws IOException {
        String header = readLine();
        if (header == null) {
            throw new MalformedChunkException("The body ended before the last chunk");
        }
        int semicolon = header.indexOf(';');
        String hex = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        long size;
        try {
            size = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new MalformedChunkException("Invalid chunk size: " + hex);
        }
        if (size < 0) {
            throw new MalformedChunkException("Invalid chunk size: " + hex);
        }
        if (size == 0) {
            readTrailers();
            finished = true;
            return false;
        }
        chunkRemaining = size;
        return true;
    }

    private void readTrailers() throws IOException {
        for (String line; (line = readLine()) != null && !line.isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
    }

    private void expectCrlf() throws IOException {
        int cr = in.read();
        int lf = in.read();
        if (cr != '\r' || lf != '\n') {
            throw new MalformedChunkException("A chunk is not followed by CRLF");
        }
    }

    /** A CRLF-terminated line, or {@code null} at the end of the stream. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new MalformedChunkException("A chunk header line is too long");
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
