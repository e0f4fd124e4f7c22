package dev.gureum.sns.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.spi.MessageAttribute;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reading SNS inputs: ARNs, attribute maps, tags, message attributes, with AWS's errors. */
final class SnsInputs {

    private SnsInputs() {
    }

    /** A required string member; missing, it is the {@code InvalidParameter} AWS answers. */
    static String required(Params p, String name) {
        String value = p.string(name);
        if (value == null) {
            throw SnsError.invalidParameter(name + " Reason: no value for required parameter");
        }
        return value;
    }

    /**
     * Parses an ARN given for {@code parameter}, with AWS's messages for text that is not one.
     *
     * @param service the service the ARN must name
     */
    static Arn arn(String value, String parameter, String service) {
        if (value == null) {
            throw SnsError.invalidParameter(parameter + " Reason: no value for required parameter");
        }
        int elements = value.split(":", -1).length;
        if (elements < 6) {
            throw SnsError.invalidParameter(parameter + " Reason: An ARN must have at least 6 elements, not " + elements);
        }
        Arn arn;
        try {
            arn = Arn.parse(value);
        } catch (IllegalArgumentException e) {
            throw SnsError.invalidParameter(parameter);
        }
        if (!arn.service().equals(service) || arn.region().isEmpty() || arn.accountId().isEmpty()) {
            throw SnsError.invalidParameter(parameter);
        }
        return arn;
    }

    /** A topic ARN of the caller's region (SNS answers {@code Invalid parameter: TopicArn} for others). */
    static Arn topicArn(String value, RequestContext ctx, String parameter) {
        Arn arn = arn(value, parameter, "sns");
        if (arn.resource().contains(":") || arn.resource().contains("/")) {
            throw SnsError.invalidParameter(parameter);
        }
        if (!arn.region().equals(ctx.region())) {
            throw SnsError.invalidParameter(parameter);
        }
        return arn;
    }

    /** A subscription ARN: a topic ARN and the subscription's id. */
    static Arn subscriptionArn(String value, String parameter) {
        if (value == null || value.isEmpty()) {
            throw SnsError.invalidParameter(parameter + " Reason: no value for required parameter");
        }
        Arn arn = arn(value, parameter, "sns");
        if (!arn.resource().contains(":")) {
            throw SnsError.invalidParameter("SubscriptionId");
        }
        return arn;
    }

    /** An {@code Attributes} map of {@code entry.N.key}/{@code value} pairs. */
    static Map<String, String> attributes(Params p, String name) {
        Map<String, String> result = new LinkedHashMap<>();
        p.map(name, "key", "value").forEach((k, v) -> result.put(k, v.asString() == null ? "" : v.asString()));
        return result;
    }

    /** A {@code Tags} list of {@code Key}/{@code Value} members, checked as AWS checks them. */
    static Map<String, String> tags(Params p, String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params t : p.list(name)) {
            String key = t.string("Key");
            String value = t.string("Value", "");
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw new AwsException(SnsError.VALIDATION_ERROR, "1 validation error detected: Value '" + key
                        + "' at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 and 128");
            }
            if (value.length() > 256) {
                throw new AwsException(SnsError.VALIDATION_ERROR, "1 validation error detected: Value '" + value
                        + "' at 'tags.member.value' failed to satisfy constraint: Member must have length less than or "
                        + "equal to 256");
            }
            if (tags.put(key, value) != null) {
                throw SnsError.invalidParameter("Duplicated keys are not allowed.");
            }
        }
        return tags;
    }

    // ---- message attributes --------------------------------------------------------------------

    /**
     * The {@code MessageAttributes} of a publish, checked as AWS checks them.
     *
     * @param path how AWS names the member in validation errors ({@code messageAttributes}, or
     *             {@code publishBatchRequestEntries.1.member.messageAttributes})
     */
    static Map<String, MessageAttribute> messageAttributes(Params p, String path) {
        Map<String, MessageAttribute> result = new LinkedHashMap<>();
        for (Map.Entry<String, Params> e : p.map("MessageAttributes", "Name", "Value").entrySet()) {
            String name = e.getKey();
            Params v = e.getValue();
            String type = v.string("DataType");
            if (type == null) {
                throw new AwsException(SnsError.VALIDATION_ERROR, "1 validation error detected: Value null at '" + path
                        + "." + name + ".member.dataType' failed to satisfy constraint: Member must not be null");
            }
            checkName(name);
            String stringValue = v.string("StringValue");
            byte[] binaryValue = v.blob("BinaryValue");
            String base = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
            switch (base) {
                case "String", "Number" -> {
                    if (binaryValue != null && stringValue == null) {
                        throw valueInvalid("The message attribute '" + name + "' with type '" + base
                                + "' must use field 'String'.");
                    }
                    if (stringValue == null || stringValue.isEmpty()) {
                        throw valueInvalid("The message attribute '" + name + "' must contain non-empty message "
                                + "attribute value for message attribute type '" + base + "'.");
                    }
                    if (base.equals("Number")) {
                        checkNumber(name, stringValue);
                    }
                    result.put(name, new MessageAttribute(type, stringValue, null));
                }
                case "Binary" -> {
                    if (stringValue != null && binaryValue == null) {
                        throw valueInvalid("The message attribute '" + name + "' with type 'Binary' must use field "
                                + "'Binary'.");
                    }
                    if (binaryValue == null || binaryValue.length == 0) {
                        throw valueInvalid("The message attribute '" + name + "' must contain non-empty message "
                                + "attribute value for message attribute type 'Binary'.");
                    }
                    result.put(name, new MessageAttribute(type, null, binaryValue));
                }
                default -> throw valueInvalid("The message attribute '" + name + "' has an invalid message attribute "
                        + "type, the set of supported type prefixes is Binary, Number, and String.");
            }
        }
        return result;
    }

    private static void checkName(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length >= 256) {
            throw valueInvalid("Length of message attribute name must be less than 256 bytes.");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.')) {
                throw valueInvalid("Invalid non-alphanumeric character '#x" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                        + "' was found in the message attribute name. Can only include alphanumeric characters, "
                        + "hyphens, underscores, or dots.");
            }
        }
        if (name.startsWith(".")) {
            throw valueInvalid("Invalid message attribute name starting with character '.' was found.");
        }
        if (name.endsWith(".")) {
            throw valueInvalid("Invalid message attribute name ending with character '.' was found.");
        }
        if (name.contains("..")) {
            throw valueInvalid("Message attribute name can not have successive '.' character.");
        }
    }

    private static void checkNumber(String name, String value) {
        try {
            BigDecimal n = new BigDecimal(value.trim());
            if (n.abs().compareTo(new BigDecimal("1E308")) > 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw valueInvalid("Could not cast message attribute '" + name + "' value to number.");
        }
    }

    static AwsException valueInvalid(String message) {
        return new AwsException(SnsError.PARAMETER_VALUE_INVALID, message);
    }

    /** The bytes a message and its attributes count against the 256 KiB limit. */
    static int size(String message, Map<String, MessageAttribute> attributes) {
        int size = message.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttribute> e : attributes.entrySet()) {
            MessageAttribute a = e.getValue();
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + a.dataType().length()
                    + (a.binaryValue() != null ? a.binaryValue().length : a.stringValue().getBytes(StandardCharsets.UTF_8).length);
        }
        return size;
    }

    // ---- paging --------------------------------------------------------------------------------

    static String decodeToken(String token) {
        try {
            return PageTokens.decode(token);
        } catch (PageTokens.InvalidTokenException e) {
            throw SnsError.invalidParameter("NextToken");
        }
    }

    /** One page of items in key order after the token's key; the next token, if more follow. */
    record Page<T>(List<T> items, String nextToken) {
    }

    static <T> Page<T> page(List<T> sorted, java.util.function.Function<T, String> key, String token, int size) {
        String after = decodeToken(token);
        List<T> items = new ArrayList<>();
        for (T item : sorted) {
            if (after != null && key.apply(item).compareTo(after) <= 0) {
                continue;
            }
            if (items.size() == size) {
                return new Page<>(items, PageTokens.encode(key.apply(items.get(items.size() - 1))));
            }
            items.add(item);
        }
        return new Page<>(items, null);
    }
}
