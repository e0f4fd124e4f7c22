package dev.gureum.s3.select;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One CSV record: its fields, found by position ({@code _1} is the first) or, with {@code FileHeaderInfo}
 * {@code USE}, by the name the header line gives them (case-insensitively unless the name is quoted).
 */
final class CsvRecord {

    /** The names of the header line, when the input has one that may be used. */
    static final class Header {
        final List<String> names;
        private final Map<String, Integer> exact = new HashMap<>();
        private final Map<String, Integer> folded = new HashMap<>();

        Header(List<String> names) {
            this.names = List.copyOf(names);
            for (int i = names.size() - 1; i >= 0; i--) {
                exact.put(names.get(i), i);
                folded.put(names.get(i).toLowerCase(Locale.ROOT), i);
            }
        }

        Integer index(String name, boolean quoted) {
            return quoted ? exact.get(name) : folded.get(name.toLowerCase(Locale.ROOT));
        }
    }

    final List<String> fields;
    final Header header;

    CsvRecord(List<String> fields, Header header) {
        this.fields = fields;
        this.header = header;
    }

    /** The position {@code _N} names (1 for {@code _1}), 0 for {@code _0}, or -1 when the name is no position. */
    static int position(String name) {
        if (name.length() < 2 || name.charAt(0) != '_') {
            return -1;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        try {
            return Integer.parseInt(name.substring(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    Object get(String name, boolean quoted) {
        Integer index = header == null ? null : header.index(name, quoted);
        if (index == null) {
            int position = position(name);
            if (position < 1) {
                throw new SelectException("MissingHeaders", "Some headers in the query are missing from the file. "
                        + "Check the file and try again.");
            }
            index = position - 1;
        }
        return index < fields.size() ? fields.get(index) : SqlValues.MISSING;
    }

    /** The name of the field at {@code index} in output: the header's, else {@code _N}. */
    String name(int index) {
        return header != null && index < header.names.size() ? header.names.get(index) : "_" + (index + 1);
    }
}
