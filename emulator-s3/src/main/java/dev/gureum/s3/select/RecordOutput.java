package dev.gureum.s3.select;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records written as {@code OutputSerialization} asks: CSV (quoted always or as needed) or JSON objects. */
public final class RecordOutput {

    private final boolean json;
    private final char fieldDelimiter;
    private final String recordDelimiter;
    private final char quote;
    private final char quoteEscape;
    private final boolean quoteAlways;

    private RecordOutput(boolean json, char fieldDelimiter, String recordDelimiter, char quote, char quoteEscape,
                         boolean quoteAlways) {
        this.json = json;
        this.fieldDelimiter = fieldDelimiter;
        this.recordDelimiter = recordDelimiter;
        this.quote = quote;
        this.quoteEscape = quoteEscape;
        this.quoteAlways = quoteAlways;
    }

    public static RecordOutput csv(char fieldDelimiter, String recordDelimiter, char quote, char quoteEscape,
                                   boolean quoteAlways) {
        return new RecordOutput(false, fieldDelimiter, recordDelimiter, quote, quoteEscape, quoteAlways);
    }

    public static RecordOutput json(String recordDelimiter) {
        return new RecordOutput(true, ',', recordDelimiter, '"', '"', false);
    }

    void write(List<String> names, List<Object> values, ByteArrayOutputStream out) {
        StringBuilder line = new StringBuilder();
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) != SqlValues.MISSING) {
                    object.put(names.get(i), values.get(i));
                }
            }
            line.append(JsonRecords.write(object));
        } else {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    line.append(fieldDelimiter);
                }
                field(SqlValues.text(values.get(i)), line);
            }
        }
        line.append(recordDelimiter);
        out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void field(String text, StringBuilder line) {
        boolean quoted = quoteAlways || text.indexOf(fieldDelimiter) >= 0 || text.indexOf(quote) >= 0
                || text.indexOf(quoteEscape) >= 0 && quoteEscape != quote
                || text.contains(recordDelimiter) || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        if (!quoted) {
            line.append(text);
            return;
        }
        line.append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote || c == quoteEscape && quoteEscape != quote) {
                line.append(quoteEscape);
            }
            line.append(c);
        }
        line.append(quote);
    }
}
