package dev.gureum.s3.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads {@code length} bytes of a stored body from {@code offset}: a file of its own, or a slice of a segment. */
public final class RangeInputStream extends InputStream {

    private final FileChannel channel;
    private long position;
    private long remaining;

    public RangeInputStream(Path file, long offset, long length) throws IOException {
        Segments.Slice slice = Segments.slice(file);
        this.channel = FileChannel.open(slice == null ? file : slice.segment(), StandardOpenOption.READ);
        this.position = slice == null ? offset : slice.offset() + offset;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
        if (n < 0) {
            return -1;
        }
        position += n;
        remaining -= n;
        return n;
    }

    /** The open file, to send what is left of the range from it another way. */
    public FileChannel channel() {
        return channel;
    }

    /** Where the rest of the range starts in the file. */
    public long position() {
        return position;
    }

    /** Bytes of the range not read yet. */
    public long remaining() {
        return remaining;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
