package dev.gureum.core.persist;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The on-disk format shared by journals and snapshots (docs/persistence.md describes it).
 *
 * <pre>
 * file header (24 bytes): magic (8) | format version (int) | generation (long) | CRC32C of the 20 bytes before (int)
 * frame:                  payload length (int) | CRC32C of the payload (int) | CRC32C of the 8 bytes before (int) | payload
 * </pre>
 *
 * All integers are big-endian. The header's own checksum tells a damaged length from a record cut
 * short at the end of a file.
 */
final class Frames {

    /** Raise when the framing or the headers change; {@link Recovery} keeps a reader per older version. */
    static final int FORMAT_VERSION = 1;
    static final int FILE_HEADER = 24;
    static final int FRAME_HEADER = 12;
    /** Far above any domain record; a larger declared length can only be damage. */
    static final int MAX_PAYLOAD = 64 << 20;

    static final byte[] JOURNAL_MAGIC = "GUREUMJL".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SNAPSHOT_MAGIC = "GUREUMSN".getBytes(StandardCharsets.US_ASCII);

    private static final Pattern JOURNAL_NAME = Pattern.compile("journal-(\\d{10})\\.log");
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("snapshot-(\\d{10})\\.snap");

    private Frames() {
    }

    static String journalName(long generation) {
        return String.format("journal-%010d.log", generation);
    }

    static String snapshotName(long generation) {
        return String.format("snapshot-%010d.snap", generation);
    }

    /** The generation of a journal file, or -1 if the name is not a journal's. */
    static long journalGeneration(Path file) {
        return generation(JOURNAL_NAME, file);
    }

    static long snapshotGeneration(Path file) {
        return generation(SNAPSHOT_NAME, file);
    }

    private static long generation(Pattern pattern, Path file) {
        Matcher matcher = pattern.matcher(file.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    static ByteBuffer fileHeader(byte[] magic, long generation) {
        ByteBuffer header = ByteBuffer.allocate(FILE_HEADER);
        header.put(magic).putInt(FORMAT_VERSION).putLong(generation);
        header.putInt(crc(header.array(), 0, FILE_HEADER - 4));
        return header.flip();
    }

    /** A whole frame around {@code payload}. */
    static byte[] frame(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("A record of " + payload.length + " bytes is larger than " + MAX_PAYLOAD);
        }
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + payload.length);
        frame.putInt(payload.length).putInt(crc(payload, 0, payload.length));
        frame.putInt(crc(frame.array(), 0, 8));
        frame.put(payload);
        return frame.array();
    }

    /**
     * A whole frame from {@code buffer}, whose first {@link #FRAME_HEADER} bytes are room for the header
     * and whose payload follows up to {@code size}: one copy, with the header filled in.
     */
    static byte[] frameInPlace(byte[] buffer, int size) {
        int length = size - FRAME_HEADER;
        if (length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("A record of " + length + " bytes is larger than " + MAX_PAYLOAD);
        }
        byte[] frame = java.util.Arrays.copyOf(buffer, size);
        ByteBuffer header = ByteBuffer.wrap(frame, 0, FRAME_HEADER);
        header.putInt(length).putInt(crc(frame, FRAME_HEADER, length));
        header.putInt(crc(frame, 0, 8));
        return frame;
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
