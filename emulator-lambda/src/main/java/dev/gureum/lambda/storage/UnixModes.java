package dev.gureum.lambda.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipException;

/**
 * The Unix modes a .zip archive's central directory stores for its entries (the high half of each
 * entry's external attributes, when the entry was made on Unix), in central-directory order, which is
 * the order {@link java.util.zip.ZipFile#entries()} lists them in. {@code java.util.zip} reads the
 * central directory too but does not expose these.
 */
final class UnixModes {

    static final int NONE = -1;
    static final int TYPE_MASK = 0170000;
    static final int DIRECTORY = 0040000;
    static final int SYMLINK = 0120000;

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CEN = 0x02014b50;
    private static final int UNIX = 3;

    private UnixModes() {
    }

    /** One mode per entry, {@link #NONE} where the archive stores none. */
    static int[] read(Path zip, int expectedEntries) throws IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, 22 + 65_535);
            ByteBuffer end = read(ch, size - tail, tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == EOCD) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new ZipException("no end of central directory");
            }
            long count = end.getShort(eocd + 10) & 0xffff;
            long cenSize = end.getInt(eocd + 12) & 0xffffffffL;
            // the directory ends where the end record starts (archives may carry bytes in front, as java.util.zip allows)
            long cenOffset = size - tail + eocd - cenSize;
            if ((count == 0xffff || cenSize == 0xffffffffL || (end.getInt(eocd + 16) & 0xffffffffL) == 0xffffffffL)
                    && eocd >= 20 && end.getInt(eocd - 20) == ZIP64_LOCATOR) {
                ByteBuffer z = read(ch, end.getLong(eocd - 20 + 8), 56);
                if (z.getInt(0) != ZIP64_EOCD) {
                    throw new ZipException("bad zip64 end of central directory");
                }
                cenSize = z.getLong(40);
                cenOffset = z.getLong(48);
            }
            if (cenSize > Integer.MAX_VALUE || cenOffset < 0 || cenOffset + cenSize > size) {
                throw new ZipException("bad central directory");
            }
            ByteBuffer cen = read(ch, cenOffset, (int) cenSize);
            int[] modes = new int[expectedEntries];
            int pos = 0;
            for (int i = 0; i < expectedEntries; i++) {
                if (pos + 46 > cen.limit() || cen.getInt(pos) != CEN) {
                    throw new ZipException("central directory does not match");
                }
                int madeBy = (cen.getShort(pos + 4) & 0xffff) >> 8;
                int external = cen.getInt(pos + 38);
                int mode = external >>> 16;
                modes[i] = madeBy == UNIX && mode != 0 ? mode : NONE;
                pos += 46 + (cen.getShort(pos + 28) & 0xffff) + (cen.getShort(pos + 30) & 0xffff)
                        + (cen.getShort(pos + 32) & 0xffff);
            }
            return modes;
        }
    }

    private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        if (at < 0 || length < 0) {
            throw new ZipException("bad offset");
        }
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new ZipException("truncated archive");
            }
        }
        return b.flip();
    }
}
