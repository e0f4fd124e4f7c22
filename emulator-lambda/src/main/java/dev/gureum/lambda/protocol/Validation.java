package dev.gureum.lambda.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.JsonCodec;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestRequest;

import java.util.regex.Pattern;

/** Input checks with the errors AWS's request validation answers. */
final class Validation {

    static final Pattern ROLE = Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]{1,64}");

    private Validation() {
    }

    static Params body(RestRequest r) {
        return JsonCodec.decode(r.body(), LambdaError.INVALID_REQUEST_CONTENT);
    }

    static String required(Params p, String member, String wireName) {
        String value = p.string(member);
        if (value == null) {
            throw LambdaErrors.validation(wireName, null, "Member must not be null");
        }
        return value;
    }

    static void range(String member, Integer value, int min, int max) {
        if (value == null) {
            return;
        }
        if (value < min) {
            throw LambdaErrors.validation(member, value, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw LambdaErrors.validation(member, value, "Member must have value less than or equal to " + max);
        }
    }

    static void pattern(String member, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw LambdaErrors.validation(member, value, "Member must satisfy regular expression pattern: " + pattern);
        }
    }

    static AwsException enumValue(String member, String value, String allowed) {
        return LambdaErrors.validation(member, value, "Member must satisfy enum value set: [" + allowed + "]");
    }

    /** {@code MaxItems} of the list operations, 1 to {@code max}. */
    static int maxItems(RestRequest r, int defaultValue, int max) {
        String text = r.queryParam("MaxItems");
        if (text == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw LambdaErrors.invalid("Invalid MaxItems: " + text);
        }
        range("maxItems", value, 1, max);
        return value;
    }
}
