package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reading EC2's query input: filters, id lists, tag specifications, pagination. */
final class Requests {

    private Requests() {
    }

    static String account(ActionRequest r) {
        return r.context().accountId();
    }

    static String region(ActionRequest r) {
        return r.context().region();
    }

    /** {@code Filter.N.Name} and {@code Filter.N.Value.M}. */
    static List<Filter> filters(Params p) {
        List<Filter> filters = new ArrayList<>();
        for (Params f : p.list("Filter")) {
            String name = f.string("Name");
            if (name == null) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The filter 'null' is invalid");
            }
            filters.add(new Filter(name, f.stringList("Value")));
        }
        return filters;
    }

    /**
     * Ids of one kind, checked for their form ({@code prefix-} and 8 or 17 hex digits).
     *
     * @param malformed the error a malformed id gets ({@code InvalidInstanceID.Malformed}...)
     */
    static List<String> ids(Params p, String member, String prefix, dev.gureum.core.error.AwsError malformed) {
        List<String> ids = p.stringList(member);
        for (String id : ids) {
            checkId(id, prefix, malformed);
        }
        return ids;
    }

    static String checkId(String id, String prefix, dev.gureum.core.error.AwsError malformed) {
        if (id == null || !Pattern.matches(Pattern.quote(prefix) + "-([0-9a-f]{8}|[0-9a-f]{17})", id)) {
            throw new AwsException(malformed, "Invalid id: \"" + id + "\"");
        }
        return id;
    }

    static String require(Params p, String member) {
        String value = p.string(member);
        if (value == null || value.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter " + member);
        }
        return value;
    }

    /** {@code Tag.N.Key} / {@code Tag.N.Value}, checked as CreateTags checks them. */
    static Map<String, String> tags(Params p, String member) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params t : p.list(member)) {
            String key = t.string("Key");
            if (key == null) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Tag keys cannot be null");
            }
            if (key.length() > 127) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Tag key exceeds the maximum length of 128 characters");
            }
            if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Tag keys starting with 'aws:' are reserved for internal use");
            }
            String value = t.string("Value", "");
            if (value.length() > 255) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Tag value exceeds the maximum length of 256 characters");
            }
            tags.put(key, value);
        }
        return tags;
    }

    /** {@code TagSpecification.N.ResourceType} with its tags, by resource type. */
    static Map<String, Map<String, String>> tagSpecifications(Params p) {
        Map<String, Map<String, String>> specs = new LinkedHashMap<>();
        for (Params spec : p.list("TagSpecification")) {
            String type = spec.string("ResourceType");
            if (type == null) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Tag specification resource type must have a value");
            }
            specs.computeIfAbsent(type, t -> new LinkedHashMap<>()).putAll(tags(spec, "Tag"));
        }
        return specs;
    }

    /**
     * Cuts a result into pages of {@code MaxResults} (between {@code min} and {@code max}, {@code fallback}
     * when absent; {@code 0} fallback means everything).
     */
    static <T> PageTokens.Page<T> page(List<T> all, Params p, int min, int max, int fallback) {
        Integer maxResults = p.integer("MaxResults");
        int size;
        if (maxResults == null) {
            size = fallback <= 0 ? Integer.MAX_VALUE : fallback;
        } else {
            if (maxResults < min || maxResults > max) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value ( " + maxResults
                        + " ) for parameter maxResults is invalid. Expecting a value between " + min + " and " + max + ".");
            }
            size = maxResults;
        }
        String token = p.string("NextToken");
        try {
            return PageTokens.page(all, token, size);
        } catch (PageTokens.InvalidTokenException e) {
            throw new AwsException(Ec2Error.INVALID_PAGINATION_TOKEN, "Invalid pagination token: " + token);
        }
    }

    /** {@code Value} of an {@code AttributeValue}/{@code AttributeBooleanValue} member, or the flat {@code Value}. */
    static String attributeValue(Params p, String member) {
        Params nested = p.object(member);
        if (nested.isPresent() && nested.has("Value")) {
            return nested.string("Value");
        }
        return null;
    }
}
