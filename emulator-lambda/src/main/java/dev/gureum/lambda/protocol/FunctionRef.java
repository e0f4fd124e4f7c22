package dev.gureum.lambda.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.id.Arn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a request names it: a name, a full ARN, or a partial ARN ({@code 123456789012:function:name}),
 * any of them with a {@code :qualifier}. A name alone is in the caller's account and region.
 *
 * @param qualifier a version, {@code $LATEST} or an alias; {@code null} when none was given
 */
public record FunctionRef(String accountId, String region, String name, String qualifier) {

    private static final Pattern PATTERN = Pattern.compile("^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?"
            + "(?:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d):)?(?:(\\d{12}):)?(?:function:)?([a-zA-Z0-9-_.]+)"
            + "(?::(\\$LATEST|[a-zA-Z0-9-_]+))?$");
    static final String NAME_CONSTRAINT = "Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?"
            + "([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)"
            + "(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

    /**
     * @param qualifierParam the {@code Qualifier} parameter, which must agree with a qualifier in the name
     */
    public static FunctionRef parse(String functionName, String qualifierParam, RequestContext ctx) {
        return parse(functionName, qualifierParam, ctx.accountId(), ctx.region());
    }

    public static FunctionRef parse(String functionName, String qualifierParam, String accountId, String region) {
        if (functionName == null || functionName.isEmpty()) {
            throw LambdaErrors.validation("functionName", functionName, "Member must have length greater than or equal to 1");
        }
        Matcher m = PATTERN.matcher(functionName);
        if (functionName.length() > 256 || !m.matches()) {
            throw LambdaErrors.validation("functionName", functionName, NAME_CONSTRAINT);
        }
        if (functionName.startsWith("arn:") && (m.group(1) == null || m.group(2) == null)) {
            throw LambdaErrors.validation("functionName", functionName, NAME_CONSTRAINT);
        }
        String qualifier = m.group(4);
        if (qualifierParam != null && !qualifierParam.isEmpty()) {
            if (qualifier != null && !qualifier.equals(qualifierParam)) {
                throw LambdaErrors.invalid("The derived qualifier from the function name does not match the specified "
                        + "qualifier.");
            }
            qualifier = qualifierParam;
        }
        return new FunctionRef(m.group(2) != null ? m.group(2) : accountId, m.group(1) != null ? m.group(1) : region,
                m.group(3), qualifier);
    }

    public String unqualifiedArn() {
        return arn(accountId, region, name);
    }

    /** The ARN as AWS names a missing function in its error: qualified when the request was. */
    public String describedArn() {
        return qualifier == null ? unqualifiedArn() : unqualifiedArn() + ":" + qualifier;
    }

    public static String arn(String accountId, String region, String name) {
        return Arn.of("lambda", region, accountId, "function:" + name).toString();
    }
}
