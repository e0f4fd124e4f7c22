package dev.gureum.s3.select;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code ScanRange}: only the records that start between {@code Start} and {@code End} (inclusive) are
 * processed, each to its end even past {@code End}. {@code Start} alone runs to the end of the object,
 * {@code End} alone means its last {@code End} bytes. Only uncompressed CSV (without quoted record
 * delimiters) and JSON {@code LINES} can be scanned by range, as on S3.
 */
public final class ScanRange {

    /** Opens {@code length} bytes of the object from {@code first}. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(long first, long length) throws IOException;
    }

    private final Long start;
    private final Long end;
    private final char delimiter;

    private ScanRange(Long start, Long end, char delimiter) {
        this.start = start;
        this.end = end;
        this.delimiter = delimiter;
    }

    public static ScanRange of(Long start, Long end, Select.Request request) {
        CsvFormat csv = request.csv();
        char delimiter = csv == null ? '\n' : csv.recordDelimiter().charAt(csv.recordDelimiter().length() - 1);
        if (start == null && end == null) {
            return new ScanRange(null, null, delimiter);
        }
        if (start != null && start < 0 || end != null && end < 0 || start != null && end != null && end < start) {
            throw new SelectException("InvalidScanRange", "The provided scan range is invalid: Start and End must "
                    + "not be negative, and End must not come before Start.");
        }
        if (request.compression() != Select.Compression.NONE || csv == null && !"LINES".equals(request.jsonType())
                || csv != null && csv.allowQuotedRecordDelimiter()) {
            throw new SelectException("UnsupportedScanRangeInput", "Scan range queries are not supported on this "
                    + "type of object.");
        }
        return new ScanRange(start, end, delimiter);
    }

    /** The object's bytes this range reads, opened with {@code opener}. */
    public InputStream open(long size, Opener opener) throws IOException {
        if (start == null && end == null) {
            return opener.open(0, size);
        }
        long first = start != null ? start : Math.max(0, size - end);
        long last = start != null && end != null ? end : size - 1;
        if (first >= size) {
            return InputStream.nullInputStream();
        }
        // one byte before the range tells whether a record starts right at its first byte
        long from = Math.max(0, first - 1);
        return new Records(new BufferedInputStream(opener.open(from, size - from), 64 * 1024), first > 0, last - from,
                delimiter);
    }

    /** Passes the records that start within the range, from the byte before it. */
    private static final class Records extends FilterInputStream {
        private boolean skipping;
        /** Bytes passed since the opened position. */
        private long position;
        private final long last;
        private final char delimiter;
        private boolean done;

        Records(InputStream in, boolean skipFirst, long last, char delimiter) {
            super(in);
            this.skipping = skipFirst;
            this.last = last;
            this.delimiter = delimiter;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!done) {
                int c = in.read();
                if (c < 0) {
                    done = true;
                    break;
                }
                long at = position++;
                if (skipping) {
                    // the partial record before the range (or the byte before it, when it ends one) is not ours
                    skipping = c != delimiter;
                    continue;
                }
                b[off] = (byte) c;
                int n = 1;
                if (at >= last && c == delimiter) {
                    done = true;
                }
                while (n < len && !done) {
                    c = in.read();
                    if (c < 0) {
                        done = true;
                        break;
                    }
                    at = position++;
                    b[off + n++] = (byte) c;
                    if (at >= last && c == delimiter) {
                        done = true;
                    }
                }
                return n;
            }
            return -1;
        }
    }
}
