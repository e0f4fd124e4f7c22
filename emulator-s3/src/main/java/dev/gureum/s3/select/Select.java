package dev.gureum.s3.select;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Runs one SelectObjectContent: reads the object as a stream (decompressing it), turns it into records,
 * filters and projects them with the query, and sends what comes out as {@code Records} events while it
 * goes, then {@code Progress} (when asked for), {@code Stats} and {@code End}.
 */
public final class Select {

    /** How the object's bytes are compressed ({@code InputSerialization.CompressionType}). */
    public enum Compression { NONE, GZIP, BZIP2 }

    /**
     * What the request asks: the query, the input's format ({@code csv} for CSV, else JSON of
     * {@code jsonType} {@code DOCUMENT} or {@code LINES}), its compression, the output, and whether
     * progress is reported.
     */
    public record Request(Expr.Query query, CsvFormat csv, String fileHeaderInfo, String jsonType,
                          Compression compression, RecordOutput output, boolean progress) {
    }

    /** Records are sent in events of about this size. */
    private static final int BATCH = 64 * 1024;
    /** A scan that sends nothing for this many bytes sends a {@code Cont} (or {@code Progress}) to keep alive. */
    private static final long KEEP_ALIVE = 8L * 1024 * 1024;

    private final Request request;
    private final EventStream events;
    private final Counting scanned;
    private Counting processed;
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream();
    private long returned;
    private long emitted;
    private long quietSince;

    private Select(Request request, InputStream object, EventStream events) {
        this.request = request;
        this.events = events;
        this.scanned = new Counting(object);
    }

    /** A request built from its parts, its expression parsed; {@code csv} is {@code null} for JSON input. */
    public static Request request(String expression, CsvFormat csv, String fileHeaderInfo, String jsonType,
                                  Compression compression, RecordOutput output, boolean progress) {
        return new Request(SqlParser.parse(expression), csv, fileHeaderInfo, jsonType,
                compression, output, progress);
    }

    /** Runs the request over the object's bytes; a {@link SelectException} for what S3 refuses. */
    public static void run(Request request, InputStream object, EventStream events) {
        new Select(request, object, events).run();
    }

    private void run() {
        Expr.Query query = request.query();
        try (InputStream in = decompressed(scanned)) {
            processed = new Counting(in);
            if (query.limit != 0) {
                if (request.csv() != null) {
                    csv(query);
                } else {
                    json(query);
                }
            }
            if (query.aggregates() && query.limit != 0) {
                emit(query, null);
            }
        } catch (ZipException e) {
            throw new SelectException("InvalidCompressionFormat",
                    "The file is not in a supported compression format. Only GZIP and BZIP2 are supported.");
        } catch (IOException e) {
            if (e.getClass().getName().contains("compress")) {
                throw new SelectException("InvalidCompressionFormat",
                        "The file is not in a supported compression format. Only GZIP and BZIP2 are supported.");
            }
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ZipException || e.getCause().getClass().getName().contains("compress")) {
                throw new SelectException("InvalidCompressionFormat",
                        "The file is not in a supported compression format. Only GZIP and BZIP2 are supported.");
            }
            throw e;
        }
        flush();
        if (request.progress()) {
            events.stats("Progress", scanned.count, processed.count, returned);
        }
        events.stats("Stats", scanned.count, processed.count, returned);
        events.end();
    }

    private InputStream decompressed(InputStream in) throws IOException {
        return switch (request.compression()) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 64 * 1024);
            case BZIP2 -> Bzip2.open(in);
        };
    }

    private void csv(Expr.Query query) {
        CsvInput input = new CsvInput(new InputStreamReader(processed, StandardCharsets.UTF_8), request.csv());
        CsvRecord.Header header = null;
        if (!"NONE".equals(request.fileHeaderInfo())) {
            List<String> first = input.next();
            if (first != null && "USE".equals(request.fileHeaderInfo())) {
                header = new CsvRecord.Header(first);
            }
        }
        for (List<String> fields = input.next(); fields != null; fields = input.next()) {
            if (!offer(query, new CsvRecord(fields, header))) {
                return;
            }
        }
    }

    private void json(Expr.Query query) {
        JsonRecords input = new JsonRecords(processed);
        for (Object value = input.next(); value != null; value = input.next()) {
            for (Object record : query.sources(value)) {
                if (!offer(query, record)) {
                    return;
                }
            }
        }
    }

    /** One record of the input; {@code false} once LIMIT records have been sent. */
    private boolean offer(Expr.Query query, Object record) {
        if (query.where == null || SqlValues.isTrue(query.where.eval(record))) {
            if (query.aggregates()) {
                for (Expr.Aggregate aggregate : query.aggregates) {
                    aggregate.accumulate(record);
                }
            } else {
                emit(query, record);
                if (query.limit > 0 && emitted >= query.limit) {
                    return false;
                }
            }
        }
        if (processed.count - quietSince > KEEP_ALIVE) {
            quietSince = processed.count;
            if (request.progress()) {
                events.stats("Progress", scanned.count, processed.count, returned);
            } else {
                events.keepAlive();
            }
        }
        return true;
    }

    private void emit(Expr.Query query, Object record) {
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (query.items.isEmpty()) {
            if (record instanceof CsvRecord row) {
                for (int i = 0; i < row.fields.size(); i++) {
                    names.add(row.name(i));
                    values.add(row.fields.get(i));
                }
            } else if (record instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    names.add(k.toString());
                    values.add(v);
                });
            } else {
                names.add("_1");
                values.add(record);
            }
        } else {
            for (int i = 0; i < query.items.size(); i++) {
                Expr.Item item = query.items.get(i);
                names.add(item.name() != null ? item.name() : "_" + (i + 1));
                values.add(item.expr().eval(record));
            }
        }
        int before = batch.size();
        request.output().write(names, values, batch);
        returned += batch.size() - before;
        emitted++;
        if (batch.size() >= BATCH) {
            flush();
        }
    }

    private void flush() {
        if (batch.size() > 0) {
            events.records(batch.toByteArray(), batch.size());
            batch.reset();
            quietSince = processed == null ? 0 : processed.count;
        }
    }

    /** Counts the bytes read through it: scanned (as stored) or processed (decompressed). */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
