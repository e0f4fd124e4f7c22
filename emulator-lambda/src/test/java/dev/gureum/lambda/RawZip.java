package dev.gureum.lambda;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * .zip archives written byte by byte, with what {@code java.util.zip} cannot write: Unix modes and
 * symbolic links, and uncompressed sizes that lie.
 */
final class RawZip {

    static final int NO_MODE = -1;

    private record Entry(String name, int unixMode, int method, byte[] data, long crc, long declaredSize) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** A stored file (or, with a directory or link mode, a directory or a link whose target is the content). */
    RawZip add(String name, int unixMode, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(data);
        entries.add(new Entry(name, unixMode, 0, data, crc.getValue(), data.length));
        return this;
    }

    /**
     * A deflated file of {@code mebibytes} MiB of zeros that declares {@code declaredSize} bytes. The
     * compressed data is one flushed block of a MiB repeated, so building even a large one is instant.
     */
    RawZip addZeros(String name, int mebibytes, long declaredSize) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(new byte[1 << 20]);
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
            chunk.write(buffer, 0, n);
        }
        deflater.end();
        Deflater last = new Deflater(Deflater.BEST_COMPRESSION, true);
        last.finish();
        int m = last.deflate(buffer);
        last.end();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] block = chunk.toByteArray();
        for (int i = 0; i < mebibytes; i++) {
            data.writeBytes(block);
        }
        data.write(buffer, 0, m);
        // java.util.zip.ZipFile does not check the CRC of what it inflates
        entries.add(new Entry(name, 0100644, 8, data.toByteArray(), 0, declaredSize));
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        for (Entry e : entries) {
            offsets.add(out.size());
            byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(30 + name.length);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x800).putShort((short) e.method)
                    .putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc).putInt(e.data.length)
                    .putInt((int) e.declaredSize).putShort((short) name.length).putShort((short) 0).put(name);
            out.writeBytes(h.array());
            out.writeBytes(e.data);
        }
        int cenStart = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(46 + name.length);
            int madeBy = e.unixMode == NO_MODE ? 20 : (3 << 8) | 20;
            h.putInt(0x02014b50).putShort((short) madeBy).putShort((short) 20).putShort((short) 0x800)
                    .putShort((short) e.method).putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc)
                    .putInt(e.data.length).putInt((int) e.declaredSize).putShort((short) name.length)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putInt(e.unixMode == NO_MODE ? 0 : e.unixMode << 16).putInt(offsets.get(i)).put(name);
            out.writeBytes(h.array());
        }
        int cenSize = out.size() - cenStart;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(cenSize).putInt(cenStart).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
