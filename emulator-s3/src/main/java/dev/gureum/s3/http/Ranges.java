package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.s3.protocol.S3Error;

/** The single byte range of a {@code Range: bytes=...} header, as S3 serves ranges. */
final class Ranges {

    private Ranges() {
    }

    /**
     * @return {@code {first, last}} inclusive, or {@code null} to serve the whole object (no header, a
     * header S3 ignores: another unit, several ranges, bad syntax)
     * @throws AwsException {@code InvalidRange} (416) when the range starts beyond the object
     */
    static long[] parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                if (b.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(b);
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return new long[] {Math.max(0, size - suffix), size - 1};
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (last < first) {
                return null;
            }
            if (first >= size) {
                throw unsatisfiable(header, size);
            }
            return new long[] {first, Math.min(last, size - 1)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static AwsException unsatisfiable(String header, long size) {
        return new AwsException(S3Error.INVALID_RANGE, "The requested range is not satisfiable")
                .detail("RangeRequested", header).detail("ActualObjectSize", String.valueOf(size))
                .header("Content-Range", "bytes */" + size);
    }
}
