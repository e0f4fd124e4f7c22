package dev.gureum.core.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IAM policy variables: {@code ${aws:username}}, {@code ${aws:PrincipalTag/team}}, {@code ${s3:prefix}}...
 * in a {@code Resource} or a condition's values, replaced by the request's value of that key before matching.
 * Only a policy of version {@code 2012-10-17} has variables; in an older one the text is literal. A variable may
 * give a default ({@code ${aws:PrincipalTag/team, 'none'}}); one whose key the request lacks, without a default,
 * leaves its element unmatched. {@code ${*}}, {@code ${?}} and {@code ${$}} are the literal characters.
 */
final class PolicyVariables {

    /** Marks the next character of a resolved pattern as literal, so {@code ${*}} is no wildcard. */
    static final char LITERAL = '\uE000';

    private PolicyVariables() {
    }

    static boolean has(String text) {
        return text.contains("${");
    }

    /**
     * The text with its variables replaced (characters of a request's value and of {@code ${*}} marked
     * literal), or {@code null} when a variable has no value and no default.
     */
    static String resolve(String text, Map<String, List<String>> keys) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            int end = start < 0 ? -1 : text.indexOf('}', start);
            if (start < 0 || end < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            String inner = text.substring(start + 2, end).trim();
            String value;
            if (inner.equals("*") || inner.equals("?") || inner.equals("$")) {
                value = inner;
            } else {
                String name = inner;
                String fallback = null;
                int comma = inner.indexOf(',');
                if (comma >= 0) {
                    name = inner.substring(0, comma).trim();
                    String d = inner.substring(comma + 1).trim();
                    if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
                        fallback = d.substring(1, d.length() - 1);
                    }
                }
                List<String> values = keys.get(name.toLowerCase(Locale.ROOT));
                value = values != null && values.size() == 1 ? values.get(0) : fallback;
                if (value == null) {
                    return null;
                }
            }
            for (int c = 0; c < value.length(); c++) {
                out.append(LITERAL).append(value.charAt(c));
            }
            i = end + 1;
        }
        return out.toString();
    }

    /** A resolved text with its literal marks removed, for an exact comparison. */
    static String plain(String resolved) {
        return resolved.indexOf(LITERAL) < 0 ? resolved : resolved.replace(String.valueOf(LITERAL), "");
    }
}
