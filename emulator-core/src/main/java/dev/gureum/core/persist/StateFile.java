package dev.gureum.core.persist;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The whole state of some services in one file: what {@code GET /_gureum/state} exports and
 * {@code POST /_gureum/state} (or {@code serve --load-state}) loads. Records are encoded as in a journal,
 * in frames as in a journal; a service's attachments (files its records name) travel in chunks before
 * the first record that names them. The format is in {@code docs/persistence.md}.
 */
public final class StateFile {

    /** The media type of a state file, which a web page cannot send across origins without a preflight. */
    public static final String MEDIA_TYPE = "application/vnd.gureum.state";
    static final byte[] MAGIC = "GUREUMST".getBytes(StandardCharsets.US_ASCII);

    static final int SERVICE = 1;
    static final int RECORD = 2;
    static final int ATTACHMENT = 3;
    static final int CHUNK = 4;
    static final int ATTACHMENT_END = 5;
    static final int END = 6;
    private static final int CHUNK_SIZE = 1 << 20;

    private StateFile() {
    }

    /** What an export wrote. */
    public record Written(int services, long records, long attachments) {
    }

    /**
     * Writes the state of {@code states} as it is now. A record whose attachment is gone by the time it is
     * read (replaced meanwhile) is left out, with it.
     */
    public static Written write(OutputStream out, Collection<DurableState> states) throws IOException {
        ByteBuffer header = Frames.fileHeader(MAGIC, 0);
        out.write(header.array(), 0, header.remaining());
        long records = 0;
        long attachments = 0;
        for (DurableState state : states) {
            out.write(Frames.frame(payload(SERVICE, utf8(state.name()))));
            Attachments files = state.attachments();
            Set<String> written = new HashSet<>();
            for (Object record : state.records()) {
                boolean whole = true;
                for (String name : files.of(record)) {
                    if (written.contains(name)) {
                        continue;
                    }
                    if (!writeAttachment(out, files, name)) {
                        whole = false;
                        break;
                    }
                    written.add(name);
                    attachments++;
                }
                if (whole) {
                    out.write(Frames.frame(payload(RECORD, state.recordTypes().encode(record))));
                    records++;
                }
            }
        }
        ByteBuffer end = ByteBuffer.allocate(1 + 4 + 8 + 8).put((byte) END).putInt(states.size()).putLong(records)
                .putLong(attachments);
        out.write(Frames.frame(end.array()));
        out.flush();
        return new Written(states.size(), records, attachments);
    }

    private static boolean writeAttachment(OutputStream out, Attachments files, String name) throws IOException {
        InputStream in;
        try {
            in = files.open(name);
        } catch (NoSuchFileException e) {
            return false;
        }
        try (in) {
            out.write(Frames.frame(payload(ATTACHMENT, utf8(name))));
            byte[] buffer = new byte[CHUNK_SIZE];
            long size = 0;
            for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                byte[] chunk = new byte[n + 1];
                chunk[0] = CHUNK;
                System.arraycopy(buffer, 0, chunk, 1, n);
                out.write(Frames.frame(chunk));
                size += n;
            }
            out.write(Frames.frame(ByteBuffer.allocate(9).put((byte) ATTACHMENT_END).putLong(size).array()));
        }
        return true;
    }

    /**
     * Reads a whole state file, checking every frame, before anything is loaded: a damaged file changes
     * nothing. Attachments are kept in files under {@code spool} until the state is loaded.
     *
     * @param states the state a service's section loads into, or {@code null} to skip that section;
     *               it may throw to refuse a service
     * @throws PersistenceException if the file is damaged, cut short, or from a newer Gureum
     */
    public static Map<String, Section> read(InputStream in, Function<String, DurableState> states, Path spool)
            throws IOException {
        Reader reader = new Reader(new DataInputStream(in));
        reader.header();
        Map<String, Section> sections = new LinkedHashMap<>();
        Section current = null;
        boolean skipping = false;
        int attachmentNumber = 0;
        while (true) {
            byte[] payload = reader.frame();
            int kind = payload.length == 0 ? -1 : payload[0];
            switch (kind) {
                case SERVICE -> {
                    String name = new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
                    DurableState state = states.apply(name);
                    skipping = state == null;
                    current = skipping ? null : new Section(state, new ArrayList<>(), new LinkedHashMap<>());
                    if (current != null && sections.put(name, current) != null) {
                        throw reader.damaged("the state of " + name + " appears twice");
                    }
                }
                case RECORD -> {
                    if (current == null && !skipping) {
                        throw reader.damaged("a record comes before any service");
                    }
                    if (current != null) {
                        long at = reader.offset;
                        current.records.add(current.state.recordTypes().decode(payload, 1, payload.length - 1,
                                () -> "The state file at byte " + at));
                    }
                }
                case ATTACHMENT -> {
                    if (current == null && !skipping) {
                        throw reader.damaged("an attachment comes before any service");
                    }
                    String name = new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
                    Path file = current == null ? null : spool.resolve("attachment-" + (++attachmentNumber));
                    reader.attachment(file);
                    if (current != null) {
                        current.attachments.put(name, file);
                    }
                }
                case END -> {
                    ByteBuffer end = ByteBuffer.wrap(payload, 1, payload.length - 1);
                    if (payload.length != 21) {
                        throw reader.damaged("its end mark is malformed");
                    }
                    end.getInt();
                    return sections;
                }
                default -> throw reader.damaged("a frame of an unknown kind " + kind);
            }
        }
    }

    /** One service's state read from a file, ready to replace the service's state. */
    public record Section(DurableState state, List<Object> records, Map<String, Path> attachments) {

        /**
         * Replaces the service's state with this one through its journal (durable when the stage completes):
         * once the state is cleared, attachments are stored, then records applied.
         */
        public CompletionStage<Void> replace(StateJournal journal) {
            Iterable<Object> afterClear = () -> {
                Attachments files = state.attachments();
                for (Map.Entry<String, Path> attachment : attachments.entrySet()) {
                    try (InputStream bytes = Files.newInputStream(attachment.getValue())) {
                        files.store(attachment.getKey(), bytes);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Could not store " + attachment.getKey() + " of " + state.name(), e);
                    }
                }
                Iterator<Object> it = records.iterator();
                return it;
            };
            return journal.replace(afterClear);
        }
    }

    private static byte[] payload(int kind, byte[] body) {
        byte[] payload = Arrays.copyOf(new byte[] {(byte) kind}, 1 + body.length);
        System.arraycopy(body, 0, payload, 1, body.length);
        return payload;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Frames from a stream, each checked; the offset of the one being read, for messages. */
    private static final class Reader {
        private final DataInputStream in;
        private long offset;

        Reader(DataInputStream in) {
            this.in = in;
        }

        void header() throws IOException {
            byte[] header = new byte[Frames.FILE_HEADER];
            try {
                in.readFully(header);
            } catch (EOFException e) {
                throw new PersistenceException(PersistenceException.Reason.DAMAGED,
                        "This is not a Gureum state file (it is shorter than the header). Export one with GET /_gureum/state.");
            }
            if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                throw new PersistenceException(PersistenceException.Reason.DAMAGED,
                        "This is not a Gureum state file (it does not start with GUREUMST). Export one with GET /_gureum/state.");
            }
            ByteBuffer fields = ByteBuffer.wrap(header);
            if (fields.getInt(Frames.FILE_HEADER - 4) != Frames.crc(header, 0, Frames.FILE_HEADER - 4)) {
                throw damaged("its header fails its checksum");
            }
            int version = fields.getInt(MAGIC.length);
            if (version > Frames.FORMAT_VERSION) {
                throw new PersistenceException(PersistenceException.Reason.NEWER_FORMAT, "The state file is in format "
                        + version + ", written by a newer Gureum; this one reads formats up to " + Frames.FORMAT_VERSION
                        + ". Load it into that version (or a newer one).");
            }
            offset = Frames.FILE_HEADER;
        }

        byte[] frame() throws IOException {
            byte[] header = new byte[Frames.FRAME_HEADER];
            try {
                in.readFully(header);
                ByteBuffer fields = ByteBuffer.wrap(header);
                int length = fields.getInt(0);
                if (fields.getInt(8) != Frames.crc(header, 0, 8) || length < 0 || length > Frames.MAX_PAYLOAD) {
                    throw damaged("a frame header fails its checksum");
                }
                byte[] payload = new byte[length];
                in.readFully(payload);
                if (fields.getInt(4) != Frames.crc(payload, 0, length)) {
                    throw damaged("a frame fails its checksum");
                }
                offset += Frames.FRAME_HEADER + length;
                return payload;
            } catch (EOFException e) {
                throw new PersistenceException(PersistenceException.Reason.DAMAGED, "The state file is cut short at byte "
                        + offset + " (its end mark is missing). Export it again.");
            }
        }

        /** The chunks of an attachment, into {@code file} (or nowhere), up to its end. */
        void attachment(Path file) throws IOException {
            try (OutputStream out = file == null ? OutputStream.nullOutputStream() : Files.newOutputStream(file)) {
                long size = 0;
                while (true) {
                    byte[] payload = frame();
                    if (payload.length > 0 && payload[0] == CHUNK) {
                        out.write(payload, 1, payload.length - 1);
                        size += payload.length - 1;
                    } else if (payload.length == 9 && payload[0] == ATTACHMENT_END) {
                        if (ByteBuffer.wrap(payload, 1, 8).getLong() != size) {
                            throw damaged("an attachment is not the size its end says");
                        }
                        return;
                    } else {
                        throw damaged("an attachment is not followed by its bytes");
                    }
                }
            }
        }

        PersistenceException damaged(String what) {
            return new PersistenceException(PersistenceException.Reason.DAMAGED, "The state file is damaged at byte "
                    + offset + ": " + what + ". Export it again.");
        }
    }

    /** The bytes of a small state file, for tests and tools. */
    static byte[] toBytes(Collection<DurableState> states) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(bytes, states);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
