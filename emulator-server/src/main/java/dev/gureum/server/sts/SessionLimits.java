package dev.gureum.server.sts;

import dev.gureum.core.error.AwsException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

/**
 * STS's limits on what a session carries: AWS's session-tag rules (at most 50 tags and 50 transitive keys, keys of 1
 * to 128 and values of up to 256 characters of the tag alphabet), role chaining's one hour, and the packed size of
 * session policies and tags. AWS does not document its packed format; Gureum packs the inline policy (whitespace
 * removed), the policy ARNs and the tags as text and compresses it (DEFLATE), with 2,048 bytes as 100%.
 */
final class SessionLimits {

    static final int CHAINED_SECONDS = 3_600;
    private static final int PACKED_LIMIT = 2_048;
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private SessionLimits() {
    }

    /** Refuses tags and transitive keys outside the model's constraints ({@code ValidationError}). */
    static void checkTags(int count, Map<String, String> tags, List<String> transitiveKeys) {
        if (count > 50) {
            throw validation("Value '" + tags + "' at 'tags' failed to satisfy constraint: Member must have length "
                    + "less than or equal to 50");
        }
        if (transitiveKeys.size() > 50) {
            throw validation("Value '" + transitiveKeys + "' at 'transitiveTagKeys' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 50");
        }
        int i = 1;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            check(tag.getKey(), "tags." + i + ".member.key", 1, 128, TAG_KEY);
            check(tag.getValue(), "tags." + i + ".member.value", 0, 256, TAG_VALUE);
            i++;
        }
        for (String key : transitiveKeys) {
            check(key, "transitiveTagKeys", 1, 128, TAG_KEY);
        }
    }

    /** The role chaining rule: a session that assumes a role gets at most one hour. */
    static void checkChained(Integer requestedSeconds) {
        if (requestedSeconds != null && requestedSeconds > CHAINED_SECONDS) {
            throw new AwsException(StsError.VALIDATION_ERROR, "The requested DurationSeconds exceeds the 1 hour "
                    + "session limit for roles assumed by role chaining.");
        }
    }

    /**
     * The packed size of the session policies and tags as a percentage of the limit ({@code PackedPolicySize}), or
     * {@code PackedPolicyTooLarge} past 100%.
     */
    static int packedPercent(String policy, List<String> policyArns, Map<String, String> tags) {
        StringBuilder text = new StringBuilder();
        if (policy != null) {
            text.append(policy.replaceAll("\\s+", ""));
        }
        policyArns.forEach(arn -> text.append('\n').append(arn));
        tags.forEach((k, v) -> text.append('\n').append(k).append('=').append(v));
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(text.toString().getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        int percent = (int) Math.ceil(out.size() * 100.0 / PACKED_LIMIT);
        if (percent > 100) {
            throw new AwsException(StsError.PACKED_POLICY_TOO_LARGE, "Packed size of session policies and tags "
                    + "exceeds the limit by " + (percent - 100) + "%.");
        }
        return percent;
    }

    private static void check(String value, String name, int min, int max, Pattern pattern) {
        if (value == null) {
            throw validation("Value null at '" + name + "' failed to satisfy constraint: Member must not be null");
        }
        if (value.length() < min || value.length() > max) {
            throw validation("Value '" + value + "' at '" + name + "' failed to satisfy constraint: Member must have "
                    + "length " + (value.length() < min ? "greater than or equal to " + min
                    : "less than or equal to " + max));
        }
        if (!pattern.matcher(value).matches()) {
            throw validation("Value '" + value + "' at '" + name + "' failed to satisfy constraint: Member must "
                    + "satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    private static AwsException validation(String constraint) {
        return new AwsException(StsError.VALIDATION_ERROR, "1 validation error detected: " + constraint);
    }
}
