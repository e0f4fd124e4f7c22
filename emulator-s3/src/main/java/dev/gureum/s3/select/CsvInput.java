package dev.gureum.s3.select;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records as S3 Select's {@code InputSerialization.CSV} describes them: a field delimiter, a
 * record delimiter of one or two characters, a quote character with its escape, comment lines, and
 * record delimiters inside quotes only when {@code AllowQuotedRecordDelimiter} says so.
 */
final class CsvInput {

    private final Reader in;
    private final CsvFormat format;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private boolean eof;

    CsvInput(Reader in, CsvFormat format) {
        this.in = in;
        this.format = format;
    }

    /** The next record's fields, or {@code null} at the end of the input. */
    List<String> next() {
        while (true) {
            if (peek(0) < 0) {
                return null;
            }
            if (format.comments() != null && !format.comments().isEmpty() && startsWith(format.comments())) {
                skipRecord();
                continue;
            }
            return record();
        }
    }

    private List<String> record() {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            int c = peek(0);
            if (c < 0) {
                if (quoted) {
                    throw new SelectException("CSVUnescapedQuote", "A quote in the CSV file is not escaped, or the "
                            + "file ends inside a quoted field. Check the file and try again.");
                }
                fields.add(field.toString());
                return fields;
            }
            if (quoted) {
                if (c == format.quoteEscape() && format.quoteEscape() != format.quote() && peek(1) == format.quote()) {
                    field.append(format.quote());
                    position += 2;
                } else if (c == format.quote()) {
                    if (format.quoteEscape() == format.quote() && peek(1) == format.quote()) {
                        field.append(format.quote());
                        position += 2;
                    } else {
                        quoted = false;
                        position++;
                    }
                } else if (!format.allowQuotedRecordDelimiter() && startsWith(format.recordDelimiter())) {
                    throw new SelectException("CSVEscapingRecordDelimiter", "A quoted record delimiter was found in "
                            + "the file. To allow quoted record delimiters, set AllowQuotedRecordDelimiter to 'TRUE'.");
                } else {
                    field.append((char) c);
                    position++;
                }
            } else if (c == format.quote()) {
                quoted = true;
                position++;
            } else if (c == format.fieldDelimiter()) {
                fields.add(field.toString());
                field.setLength(0);
                position++;
            } else if (startsWith(format.recordDelimiter())) {
                position += format.recordDelimiter().length();
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
                position++;
            }
        }
    }

    private void skipRecord() {
        while (peek(0) >= 0 && !startsWith(format.recordDelimiter())) {
            position++;
        }
        if (peek(0) >= 0) {
            position += format.recordDelimiter().length();
        }
    }

    private boolean startsWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (peek(i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The character {@code ahead} places on, or -1 past the end. */
    private int peek(int ahead) {
        if (position + ahead >= limit) {
            fill(ahead + 1);
            if (position + ahead >= limit) {
                return -1;
            }
        }
        return buffer[position + ahead];
    }

    private void fill(int wanted) {
        if (eof) {
            return;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        try {
            while (limit < wanted && !eof) {
                int n = in.read(buffer, limit, buffer.length - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
