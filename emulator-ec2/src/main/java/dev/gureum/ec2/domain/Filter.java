package dev.gureum.ec2.domain;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code Filter.N}: a name and the values any of which may match. Values may hold the wildcards
 * {@code *} (any characters) and {@code ?} (one character), escaped with a backslash.
 */
public record Filter(String name, List<String> values) {

    public Filter {
        values = List.copyOf(values);
    }

    /** Whether any of the resource's values for this filter matches any filter value. */
    public boolean matches(Iterable<String> actual) {
        for (String value : values) {
            Pattern p = wildcard(value);
            for (String a : actual) {
                if (a != null && p.matcher(a).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean matches(String actual) {
        return matches(java.util.Collections.singletonList(actual));
    }

    static Pattern wildcard(String value) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                regex.append(Pattern.quote(String.valueOf(value.charAt(++i))));
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
