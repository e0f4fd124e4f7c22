package dev.gureum.s3.http;

import dev.gureum.core.error.AwsError;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Params;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.select.CsvFormat;
import dev.gureum.s3.select.EventStream;
import dev.gureum.s3.select.RecordOutput;
import dev.gureum.s3.select.ScanRange;
import dev.gureum.s3.select.Select;
import dev.gureum.s3.select.SelectException;
import dev.gureum.s3.storage.RangeInputStream;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * SelectObjectContent ({@code POST /bucket/key?select&select-type=2}): the request document read into a
 * {@link Select.Request}, the object opened as GetObject opens it (with its SSE-C key), and the answer
 * streamed as events. A refusal before the first event is an HTTP error; after it, an error event.
 */
final class SelectOperations {

    /** S3 Select's errors are all the caller's (400), under their own codes. */
    private record SelectError(String code) implements AwsError {
        @Override
        public int status() {
            return 400;
        }
    }

    private final S3State state;

    SelectOperations(S3State state) {
        this.state = state;
    }

    void select(S3Request request) {
        Bucket bucket = state.bucket(request);
        Params document = request.xmlParams("SelectObjectContentRequest");
        Select.Request select;
        ScanRange range;
        try {
            select = read(document);
            range = ScanRange.of(section(document, "ScanRange").longValue("Start"),
                    section(document, "ScanRange").longValue("End"), select);
        } catch (SelectException e) {
            throw refusal(e);
        }
        S3Object object = ObjectStore.resolve(bucket, request.key(), null);
        ServerSideEncryption.checkRead(request::header, null, object.headers());
        HttpServerExchange exchange = request.exchange();
        EventStream events = new EventStream(() -> {
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/octet-stream");
            CorsOperations.applyToResponse(request);
            exchange.startBlocking();
            return exchange.getOutputStream();
        });
        try (InputStream in = range.open(object.size(), (first, length) -> new RangeInputStream(object.blob(), first,
                length))) {
            Select.run(select, in, events);
        } catch (SelectException e) {
            if (!events.started()) {
                throw refusal(e);
            }
            events.error(e.code(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exchange.endExchange();
    }

    private static AwsException refusal(SelectException e) {
        return new AwsException(new SelectError(e.code()), e.getMessage());
    }

    private static Select.Request read(Params document) {
        String expression = document.string("Expression");
        String expressionType = document.string("ExpressionType");
        Params input = section(document, "InputSerialization");
        Params output = section(document, "OutputSerialization");
        if (expression == null || expressionType == null || !document.has("InputSerialization")
                || !document.has("OutputSerialization")) {
            throw new SelectException("MissingRequiredParameter", "The SelectRequest entity is missing a required "
                    + "parameter. Check the service documentation and try again.");
        }
        if (!expressionType.equals("SQL")) {
            throw new SelectException("InvalidExpressionType",
                    "The ExpressionType is invalid. Only SQL expressions are supported.");
        }
        int formats = (input.has("CSV") ? 1 : 0) + (input.has("JSON") ? 1 : 0) + (input.has("Parquet") ? 1 : 0);
        if (formats != 1 || output.has("CSV") == output.has("JSON")) {
            throw new SelectException("ObjectSerializationConflict", "InputSerialization specifies more than one "
                    + "format (CSV, JSON, or Parquet), or OutputSerialization specifies more than one format (CSV or "
                    + "JSON). For InputSerialization and OutputSerialization, you can specify only one format for each.");
        }
        if (input.has("Parquet")) {
            throw new AwsException(S3Error.NOT_IMPLEMENTED, "Gureum's S3 Select does not read Parquet input.");
        }
        Select.Compression compression = choice(input.string("CompressionType", "NONE"), "InvalidCompressionFormat",
                Select.Compression.class);
        CsvFormat csv = null;
        String headerInfo = null;
        String jsonType = null;
        if (input.has("CSV")) {
            Params c = section(input, "CSV");
            headerInfo = choice(c.string("FileHeaderInfo", "NONE"), "InvalidFileHeaderInfo",
                    Set.of("USE", "IGNORE", "NONE"));
            csv = new CsvFormat(character(c, "FieldDelimiter", ','), delimiter(c), character(c, "QuoteCharacter", '"'),
                    character(c, "QuoteEscapeCharacter", '"'), c.string("Comments"),
                    c.bool("AllowQuotedRecordDelimiter", false));
        } else {
            jsonType = choice(section(input, "JSON").string("Type", "DOCUMENT"), "InvalidJsonType",
                    Set.of("DOCUMENT", "LINES"));
        }
        RecordOutput records;
        if (output.has("CSV")) {
            Params c = section(output, "CSV");
            String quoteFields = choice(c.string("QuoteFields", "ASNEEDED"), "InvalidQuoteFields",
                    Set.of("ALWAYS", "ASNEEDED"));
            records = RecordOutput.csv(character(c, "FieldDelimiter", ','), delimiter(c),
                    character(c, "QuoteCharacter", '"'), character(c, "QuoteEscapeCharacter", '"'),
                    quoteFields.equals("ALWAYS"));
        } else {
            records = RecordOutput.json(delimiter(section(output, "JSON")));
        }
        boolean progress = section(document, "RequestProgress").bool("Enabled", false);
        return Select.request(expression, csv, headerInfo, jsonType, compression, records, progress);
    }

    /** A structure of the request; an empty element ({@code <JSON/>}) is one with no members. */
    private static Params section(Params p, String name) {
        if (p.has(name) && p.get(name).node().isTextual() && p.get(name).node().asText().isBlank()) {
            return Params.empty();
        }
        return p.object(name);
    }

    private static char character(Params p, String name, char fallback) {
        String value = p.string(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.length() != 1) {
            throw invalidParameter(name);
        }
        return value.charAt(0);
    }

    /** A record delimiter: one or two characters, a newline when not given. */
    private static String delimiter(Params p) {
        String value = p.string("RecordDelimiter");
        if (value == null || value.isEmpty()) {
            return "\n";
        }
        if (value.length() > 2) {
            throw invalidParameter("RecordDelimiter");
        }
        return value;
    }

    /** One of the values a setting allows; another is refused with the setting's own code. */
    private static String choice(String value, String code, Set<String> allowed) {
        String upper = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            throw new SelectException(code, "The value " + value + " is not valid for this setting. Check the "
                    + "service API documentation and try again.");
        }
        return upper;
    }

    private static <E extends Enum<E>> E choice(String value, String code, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SelectException(code, "The file is not in a supported compression format. Only GZIP and "
                    + "BZIP2 are supported.");
        }
    }

    private static SelectException invalidParameter(String name) {
        return new SelectException("InvalidRequestParameter", "The value of a parameter in SelectRequest element is "
                + "invalid. Check the service API documentation and try again: " + name + ".");
    }
}
