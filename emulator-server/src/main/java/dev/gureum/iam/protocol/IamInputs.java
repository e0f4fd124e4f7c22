package dev.gureum.iam.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** IAM's input rules, as the model states them, with AWS's validation messages; and its paging. */
final class IamInputs {

    static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");
    static final Pattern POLICY_PATH = Pattern.compile("((/[A-Za-z0-9.,+@=_-]+)*)/");
    static final Pattern VERSION_ID = Pattern.compile("v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?");
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private IamInputs() {
    }

    /** A member that must be there, and its constraint name (the member in camel case). */
    static String required(Params p, String member) {
        String value = p.string(member);
        if (value == null) {
            throw IamError.validation("Value null at '" + constraint(member) + "' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        return value;
    }

    static String constraint(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }

    static String checked(String value, String member, int min, int max, Pattern pattern) {
        if (value == null) {
            return null;
        }
        if (value.length() < min) {
            throw IamError.validation("Value '" + value + "' at '" + constraint(member) + "' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw IamError.validation("Value '" + value + "' at '" + constraint(member) + "' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw IamError.validation("Value '" + value + "' at '" + constraint(member) + "' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return value;
    }

    /** A required name: at most {@code max} characters of {@code [\w+=,.@-]}. */
    static String name(Params p, String member, int max) {
        return checked(required(p, member), member, 1, max, NAME);
    }

    static String optionalName(Params p, String member, int max) {
        return checked(p.string(member), member, 1, max, NAME);
    }

    /** An entity path, {@code /} unless given. */
    static String path(Params p, String member) {
        String path = checked(p.string(member), member, 1, 512, PATH);
        return path == null ? "/" : path;
    }

    static String pathPrefix(Params p) {
        String prefix = checked(p.string("PathPrefix"), "PathPrefix", 1, 512, null);
        return prefix == null ? "/" : prefix;
    }

    /** A required policy ARN. */
    static String policyArn(Params p, String member) {
        String arn = checked(required(p, member), member, 20, 2048, null);
        try {
            Arn parsed = Arn.parse(arn);
            if (!parsed.service().equals("iam") || !parsed.resource().startsWith("policy/")) {
                throw new IllegalArgumentException(arn);
            }
        } catch (IllegalArgumentException e) {
            throw new AwsException(IamError.INVALID_INPUT, "ARN " + arn + " is not valid.");
        }
        return arn;
    }

    static String versionId(Params p) {
        return checked(required(p, "VersionId"), "VersionId", 1, 128, VERSION_ID);
    }

    static Integer maxSession(Params p) {
        Integer value = p.integer("MaxSessionDuration");
        if (value != null && (value < 3600 || value > 43200)) {
            throw IamError.validation("Value '" + value + "' at 'maxSessionDuration' failed to satisfy constraint: "
                    + "Member must have value " + (value < 3600 ? "greater than or equal to 3600"
                    : "less than or equal to 43200"));
        }
        return value;
    }

    static String description(Params p) {
        return checked(p.string("Description"), "Description", 0, 1000, null);
    }

    /** {@code Tags.member.N.Key} and {@code .Value}, in order. */
    static Map<String, String> tags(Params p) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params tag : p.list("Tags")) {
            String key = checked(tag.string("Key"), "Tags.member.key", 1, 128, TAG_KEY);
            if (key == null) {
                throw IamError.validation("Value null at 'tags.member.key' failed to satisfy constraint: "
                        + "Member must not be null");
            }
            String value = checked(tag.string("Value", ""), "Tags.member.value", 0, 256, TAG_VALUE);
            tags.put(key, value);
        }
        return tags;
    }

    static List<String> tagKeys(Params p) {
        return p.stringList("TagKeys");
    }

    /** A page of a list: {@code MaxItems} (1 to 1000, 100 unless given) from the {@code Marker}. */
    static <T> Struct page(Struct result, String member, List<T> all, ActionRequest r, Function<T, Object> shape) {
        Params p = r.params();
        Integer max = p.integer("MaxItems");
        if (max != null && (max < 1 || max > 1000)) {
            throw IamError.validation("Value '" + max + "' at 'maxItems' failed to satisfy constraint: Member must have "
                    + "value " + (max < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
        }
        PageTokens.Page<T> page = PageTokens.page(all, p.string("Marker"), max == null ? 100 : max);
        return result.list(member, page.items(), shape).put("IsTruncated", page.nextToken() != null)
                .put("Marker", page.nextToken());
    }
}
