package dev.gureum.s3.select;

/**
 * The CSV settings of {@code InputSerialization.CSV}, defaults filled in: field delimiter, record
 * delimiter (one or two characters), quote character and its escape, the comment character (or
 * {@code null}), and whether quoted fields may hold record delimiters.
 */
public record CsvFormat(char fieldDelimiter, String recordDelimiter, char quote, char quoteEscape, String comments,
                        boolean allowQuotedRecordDelimiter) {
}
