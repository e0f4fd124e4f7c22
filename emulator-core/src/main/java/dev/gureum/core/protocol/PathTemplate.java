package dev.gureum.core.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A REST path as the botocore models write it: {@code /2015-03-31/functions/{FunctionName}/invocations},
 * with {@code {Key+}} for a label that takes the rest of the path, slashes included. Labels match raw
 * (still percent-encoded) segments and are decoded when extracted.
 */
public final class PathTemplate {

    private final String template;
    private final List<String> parts = new ArrayList<>();

    public PathTemplate(String template) {
        this.template = template;
        for (String part : template.substring(1).split("/", -1)) {
            parts.add(part);
        }
    }

    public String template() {
        return template;
    }

    /**
     * Matches a raw request path.
     *
     * @return the decoded labels, or {@code null} when the path does not match
     * @throws IllegalArgumentException when a label's percent-encoding is broken
     */
    public Map<String, String> match(String rawPath) {
        String[] segments = rawPath.substring(rawPath.startsWith("/") ? 1 : 0).split("/", -1);
        Map<String, String> labels = new LinkedHashMap<>();
        int i = 0;
        for (int p = 0; p < parts.size(); p++) {
            String part = parts.get(p);
            if (part.startsWith("{") && part.endsWith("+}")) {
                if (i >= segments.length) {
                    return null;
                }
                String rest = String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length));
                if (rest.isEmpty()) {
                    return null;
                }
                labels.put(part.substring(1, part.length() - 2), FormDecoder.percentDecode(rest, false));
                return p == parts.size() - 1 ? labels : null;
            }
            if (i >= segments.length) {
                return null;
            }
            String segment = segments[i++];
            if (part.startsWith("{") && part.endsWith("}")) {
                if (segment.isEmpty()) {
                    return null;
                }
                labels.put(part.substring(1, part.length() - 1), FormDecoder.percentDecode(segment, false));
            } else if (!part.equals(segment)) {
                return null;
            }
        }
        // a trailing slash is tolerated, as AWS front ends do
        if (i == segments.length || i == segments.length - 1 && segments[i].isEmpty()) {
            return labels;
        }
        return null;
    }

    @Override
    public String toString() {
        return template;
    }
}
