package dev.gureum.core.pattern;

import dev.gureum.core.spi.MessageAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The filter-policy language on the examples of AWS's documentation (string, numeric and key
 * matching, AND/OR logic, payload filtering) and the errors AWS answers for policies it refuses.
 */
class SnsFilterPolicyTest {

    private static final PatternDialect MESSAGE_ATTRIBUTES = PatternDialect.SNS_MESSAGE_ATTRIBUTES;
    private static final PatternDialect MESSAGE_BODY = PatternDialect.SNS_MESSAGE_BODY;

    // ---- message attributes ----------------------------------------------------------------------

    static Stream<Arguments> attributeCases() {
        String interests = "{\"customer_interests\": [\"rugby\", \"tennis\"]}";
        String anythingBut = "{\"customer_interests\": [{\"anything-but\": [\"rugby\", \"tennis\"]}]}";
        String anythingButPrefix = "{\"customer_interests\": [{\"anything-but\": {\"prefix\": \"bas\"}}]}";
        String prefix = "{\"customer_interests\": [{\"prefix\": \"bas\"}]}";
        String suffix = "{\"customer_interests\": [{\"suffix\": \"ball\"}]}";
        String ignoreCase = "{\"customer_interests\": [{\"equals-ignore-case\": \"tennis\"}]}";
        String numericEquals = "{\"price_usd\": [{\"numeric\": [\"=\", 301.5]}]}";
        String numericExact = "{\"price_usd\": [301.5]}";
        String numericAnythingBut = "{\"price_usd\": [{\"anything-but\": [100, 500]}]}";
        String range = "{\"price_usd\": [{\"numeric\": [\">\", 0, \"<=\", 150]}]}";
        String exists = "{\"store\": [{\"exists\": true}]}";
        String notExists = "{\"store\": [{\"exists\": false}]}";
        String and = "{\"store\": [\"example_corp\"], \"event\": [\"order_cancelled\"]}";
        String or = "{\"source\": [\"aws.cloudwatch\"], \"$or\": [{\"metricName\": [\"CPUUtilization\"]}, "
                + "{\"namespace\": [\"AWS/EC2\"]}]}";
        String cidr = "{\"ip\": [{\"cidr\": \"10.0.0.0/24\"}]}";
        String cidr6 = "{\"ip\": [{\"cidr\": \"2001:db8:1234:1a00::/64\"}]}";
        return Stream.of(
                arguments(interests, attrs("customer_interests", "String", "rugby"), true),
                arguments(interests, attrs("customer_interests", "String", "tennis"), true),
                arguments(interests, attrs("customer_interests", "String", "baseball"), false),
                arguments(interests, attrs("customer_interests", "String.Array", "[\"rugby\", \"tennis\"]"), true),
                arguments(interests, attrs("customer_interests", "String.Array", "[\"baseball\"]"), false),
                arguments(interests, attrs("customer_interests", "String", "Rugby"), false),
                arguments(interests, attrs("other", "String", "rugby"), false),
                arguments(anythingBut, attrs("customer_interests", "String", "baseball"), true),
                arguments(anythingBut, attrs("customer_interests", "String", "football"), true),
                arguments(anythingBut, attrs("customer_interests", "String", "rugby"), false),
                arguments(anythingBut, attrs("customer_interests", "String.Array", "[\"baseball\", \"football\"]"), true),
                arguments(anythingBut, attrs("customer_interests", "String.Array", "[\"rugby\", \"baseball\"]"), false),
                arguments(anythingBut, attrs("other", "String", "baseball"), false),
                arguments(anythingButPrefix, attrs("customer_interests", "String", "baseball"), false),
                arguments(anythingButPrefix, attrs("customer_interests", "String", "rugby"), true),
                arguments(prefix, attrs("customer_interests", "String", "baseball"), true),
                arguments(prefix, attrs("customer_interests", "String", "basketball"), true),
                arguments(prefix, attrs("customer_interests", "String", "rugby"), false),
                arguments(suffix, attrs("customer_interests", "String", "baseball"), true),
                arguments(suffix, attrs("customer_interests", "String", "rugby"), false),
                arguments(ignoreCase, attrs("customer_interests", "String", "TeNnIs"), true),
                arguments(ignoreCase, attrs("customer_interests", "String", "Baseball"), false),
                arguments(numericEquals, attrs("price_usd", "Number", "301.5"), true),
                arguments(numericEquals, attrs("price_usd", "Number", "3.015e2"), true),
                arguments(numericEquals, attrs("price_usd", "Number", "301"), false),
                arguments(numericExact, attrs("price_usd", "Number", "301.50"), true),
                arguments(numericExact, attrs("price_usd", "String", "301.5"), false),
                arguments(numericAnythingBut, attrs("price_usd", "Number", "101"), true),
                arguments(numericAnythingBut, attrs("price_usd", "Number", "100"), false),
                arguments(range, attrs("price_usd", "Number", "100"), true),
                arguments(range, attrs("price_usd", "Number", "150"), true),
                arguments(range, attrs("price_usd", "Number", "0"), false),
                arguments(range, attrs("price_usd", "Number", "150.00001"), false),
                arguments(range, attrs("price_usd", "String", "100"), false),
                arguments(range, attrs("price_usd", "String.Array", "[200, 99]"), true),
                arguments(exists, attrs("store", "String", "fans"), true),
                arguments(exists, attrs("store", "Number", "99", "def", "Number", "99"), true),
                arguments(exists, attrs("customer_interests", "String.Array", "[\"baseball\"]"), false),
                arguments(exists, attrs("store", "Binary", null), false),
                arguments(notExists, attrs("customer_interests", "String.Array", "[\"baseball\"]"), true),
                arguments(notExists, attrs("store", "String", "fans"), false),
                arguments(notExists, attrs(), false),
                arguments(and, attrs("store", "String", "example_corp", "event", "String", "order_cancelled"), true),
                arguments(and, attrs("store", "String", "example_corp"), false),
                arguments(and, attrs("store", "String", "example_corp", "event", "String", "order_placed"), false),
                arguments(or, attrs("source", "String", "aws.cloudwatch", "metricName", "String", "CPUUtilization"), true),
                arguments(or, attrs("source", "String", "aws.cloudwatch", "namespace", "String", "AWS/EC2"), true),
                arguments(or, attrs("source", "String", "aws.cloudwatch"), false),
                arguments(or, attrs("metricName", "String", "CPUUtilization"), false),
                arguments("{\"attr1\": [null, {\"anything-but\": \"whatever\"}]}", attrs(), false),
                arguments("{\"attr1\": [null, {\"anything-but\": \"whatever\"}]}", attrs("attr1", "String", "x"), true),
                arguments(cidr, attrs("ip", "String", "10.0.0.255"), true),
                arguments(cidr, attrs("ip", "String", "10.0.1.0"), false),
                arguments(cidr, attrs("ip", "String", "10.0.0.256"), false),
                arguments(cidr6, attrs("ip", "String", "2001:0db8:1234:1a00:0000:0000:0000:0000"), true),
                arguments(cidr6, attrs("ip", "String", "2001:db8:1234:1a00::1"), true),
                arguments(cidr6, attrs("ip", "String", "2001:0db8:123f:1a01:0000:0000:0000:0000"), false),
                arguments("{}", attrs(), true));
    }

    @ParameterizedTest(name = "[{index}] {0} on {1} -> {2}")
    @MethodSource("attributeCases")
    void matchesMessageAttributes(String policy, Map<String, MessageAttribute> attributes, boolean expected)
            throws PatternException {
        assertThat(EventPattern.parse(policy, MESSAGE_ATTRIBUTES).matches(PatternEvent.ofMessageAttributes(attributes)))
                .isEqualTo(expected);
    }

    // ---- message body --------------------------------------------------------------------------

    static Stream<Arguments> bodyCases() {
        String records = "{\"Records\": {\"s3\": {\"object\": {\"key\": [{\"prefix\": \"auto-\"}]}}, "
                + "\"eventName\": [{\"prefix\": \"ObjectCreated:\"}]}}";
        String autoCreated = "{\"Records\": [{\"eventName\": \"ObjectCreated:Put\", \"s3\": {\"bucket\": {\"name\": \"b\"}, "
                + "\"object\": {\"key\": \"auto-insurance-2314.xml\", \"size\": 17}}}]}";
        String orPolicy = "{\"$or\": [{\"metricName\": [\"CPUUtilization\", \"ReadLatency\"]}, "
                + "{\"namespace\": [\"AWS/EC2\", \"AWS/ES\"]}], \"detail\": {\"scope\": [\"Service\"], "
                + "\"$or\": [{\"source\": [\"aws.cloudwatch\"]}, {\"type\": [\"CloudWatch Alarm State Change\"]}]}}";
        return Stream.of(
                arguments("{\"customer_interests\": [\"rugby\"]}", "{\"customer_interests\": \"rugby\"}", true),
                arguments("{\"customer_interests\": [\"rugby\"]}", "{\"customer_interests\": [\"rugby\", \"baseball\"]}", true),
                arguments("{\"customer_interests\": [{\"anything-but\": [\"rugby\"]}]}",
                        "{\"customer_interests\": [\"tennis\", \"baseball\"]}", true),
                arguments("{\"headers\": {\"route-to\": [\"queue1\"]}}", "{\"headers\": {\"route-to\": [\"queue1\", \"queue2\"]}}", true),
                arguments("{\"headers\": {\"route-to\": [\"queue1\"]}}", "{\"headers\": {\"route-to\": [\"queue3\"]}}", false),
                // dotted policy keys and dotted body keys are the same path
                arguments("{\"object.nested\": [\"string.value\"]}", "{\"object\": {\"nested\": \"string.value\"}}", true),
                arguments("{\"object.nested\": [\"string.value\"]}", "{\"object.nested\": \"string.value\"}", true),
                arguments("{\"object.nested\": [\"string.value\"]}", "{\"object\": {\"nested\": \"test-auto\"}}", false),
                arguments("{\"object.nested.test\": [\"v\"]}", "{\"object\": {\"nested\": {\"test\": \"v\"}}}", true),
                arguments("{\"object.nested.test\": [\"v\"]}", "{\"object.nested\": {\"test\": \"v\"}}", true),
                arguments("{\"object.nested.test\": [\"v\"]}", "{\"object\": {\"nested.test\": \"v\"}}", true),
                // AWS's payload-filtering example: S3 events, arrays of objects (even of arrays) looked through
                arguments(records, autoCreated, true),
                arguments(records, autoCreated.replace("ObjectCreated:Put", "ObjectRemoved:Delete"), false),
                arguments(records, autoCreated.replace("auto-insurance", "home-insurance"), false),
                arguments(records, "{\"Records\": [{\"eventName\": \"ObjectCreated:Put\", \"s3\": {\"object\": "
                        + "[[{\"key\": \"auto-1.xml\"}]]}}, {\"eventName\": \"ObjectRemoved:Delete\", \"s3\": {\"object\": "
                        + "{\"key\": \"home-1.xml\"}}}]}", true),
                arguments(orPolicy, "{\"metricName\": \"CPUUtilization\", \"detail\": {\"scope\": \"Service\", "
                        + "\"source\": \"aws.cloudwatch\"}}", true),
                arguments(orPolicy, "{\"namespace\": \"AWS/ES\", \"detail\": {\"scope\": \"Service\", "
                        + "\"type\": \"CloudWatch Alarm State Change\"}}", true),
                arguments(orPolicy, "{\"metricName\": \"CPUUtilization\", \"detail\": {\"scope\": \"aws.cloudwatch\", "
                        + "\"type\": \"CloudWatch Alarm State Change\"}}", false),
                arguments(orPolicy, "{\"metricName\": \"CPUUtilization\", \"detail\": {\"scope\": \"Service\"}}", false),
                arguments(orPolicy, "{\"metricName\": \"CPUUtilization\", \"scope\": \"Service\"}", false),
                arguments(orPolicy, "{\"namespace\": \"CPUUtilization\", \"detail\": {\"scope\": \"Service\", "
                        + "\"type\": \"CloudWatch Alarm State Change\"}}", false),
                arguments("{\"detail\": {\"eventVersion\": [\"\"]}}",
                        "{\"resources\": [], \"detail\": {\"eventVersion\": \"\", \"responseElements\": null}}", true),
                arguments("{\"price\": [{\"numeric\": [\">=\", 10]}]}", "{\"price\": 10}", true),
                arguments("{\"price\": [{\"numeric\": [\">=\", 10]}]}", "{\"price\": \"10\"}", false),
                arguments("{\"flag\": [true]}", "{\"flag\": true}", true),
                arguments("{\"flag\": [true]}", "{\"flag\": \"true\"}", false),
                arguments("{\"v\": [null]}", "{\"v\": null}", true),
                arguments("{\"v\": [null]}", "{\"w\": 1}", false),
                arguments("{\"v\": [{\"exists\": true}]}", "{\"v\": null}", false),
                arguments("{\"detail\": [{\"exists\": true}]}", "{\"detail\": {\"x\": 1}}", false),
                arguments("{\"store\": [{\"exists\": false}]}", "{\"customer_interests\": [\"baseball\"]}", true),
                arguments("{\"store\": [{\"exists\": false}]}", "{\"store\": \"fans\"}", false),
                arguments("{\"detail\": {\"$or\": [{\"sourceIPAddress\": [{\"cidr\": \"10.0.0.0/24\"}]}, "
                        + "{\"sourceIPAddressV6\": [{\"cidr\": \"2001:db8:1234:1a00::/64\"}]}]}}",
                        "{\"detail\": {\"sourceIPAddressV6\": \"2001:0db8:1234:1a00:0000:0000:0000:0000\"}}", true),
                arguments("{\"a\": [\"b\"]}", "not json at all", false),
                arguments("{\"a\": [\"b\"]}", "[{\"a\": \"b\"}]", false));
    }

    @ParameterizedTest(name = "[{index}] {0} on {1} -> {2}")
    @MethodSource("bodyCases")
    void matchesMessageBody(String policy, String body, boolean expected) throws PatternException {
        assertThat(EventPattern.parse(policy, MESSAGE_BODY).matches(PatternEvent.ofJson(body))).isEqualTo(expected);
    }

    // ---- refused policies ----------------------------------------------------------------------

    static Stream<Arguments> refusedPolicies() {
        return Stream.of(
                arguments("{\"key\":[[\"value\"]]}", "Match value must be String, number, true, false, or null"),
                arguments("{\"key\":[{\"wrong-operator\":true}]}", "Unrecognized match type wrong-operator"),
                arguments("{\"key\":[{\"suffix\":\"value\",\"prefix\":\"value2\"}]}", "Only one key allowed in match expression"),
                arguments("{\"key\":[]}", "Empty arrays are not allowed"),
                arguments("{\"key\":[{\"suffix\":100}]}", "suffix match pattern must be a string"),
                arguments("{\"key\":[{\"suffix\":null}]}", "suffix match pattern must be a string"),
                arguments("{\"key\":[{\"suffix\":[\"test\",\"test2\"]}]}", "suffix match pattern must be a string"),
                arguments("{\"key\":{\"suffix\":\"value\"}}", "\"suffix\" must be an object or an array"),
                arguments("{\"key_a\":\"value_one\"}", "\"key_a\" must be an object or an array"),
                arguments("{\"key\":[{\"cidr\":[\"bad-filter\"]}]}", "prefix match pattern must be a string"),
                arguments("{\"key\":[{\"cidr\":\"bad-filter\"}]}", "Malformed CIDR, one '/' required"),
                arguments("{\"key\":[{\"cidr\":\"bad-filter/64\"}]}", "Nonstandard IP address: bad-filter"),
                arguments("{\"key\":[{\"cidr\":\"bad-/64filter\"}]}", "Malformed CIDR, mask bits must be an integer"),
                arguments("{\"key\":[{\"cidr\":\"xx.11.xx/8\"}]}", "Nonstandard IP address: xx.11.xx"),
                arguments("{\"key\":[{\"cidr\":\"xxxx:db8:1234:1a00::/64\"}]}", "Nonstandard IP address: xxxx:db8:1234:1a00::"),
                arguments("{\"key\":[{\"numeric\":[]}]}", "Invalid member in numeric match: ]"),
                arguments("{\"key\":[{\"numeric\":[\"operator\"]}]}", "Unrecognized numeric range operator: operator"),
                arguments("{\"key\":[{\"numeric\":[1,\"<=\"]}]}", "Invalid member in numeric match: 1"),
                arguments("{\"key\":[{\"numeric\":[\"=\",\"000\"]}]}", "Value of equals must be numeric"),
                arguments("{\"key\":[{\"numeric\":[\">=\"]}]}", "Value of >= must be numeric"),
                arguments("{\"key\":[{\"numeric\":[\"<\",100,\">\",10]}]}", "Too many elements in numeric expression"),
                arguments("{\"key\":[{\"numeric\":[\">=\",1,\">\",2]}]}", "Bad numeric range operator: >"),
                arguments("{\"key\":[{\"numeric\":[\">\",3,\"<\",1]}]}", "Bottom must be less than top"),
                arguments("{\"key\":[{\"numeric\":[\">\",20,\"<=\"]}]}", "Value of <= must be numeric"),
                arguments("{\"key\":[{\"numeric\":[\">\",20,30]}]}", "Bad value in numeric range: 30"),
                arguments("{\"key\":[{\"numeric\":[\">\",20,\"test\"]}]}", "Bad numeric range operator: test"),
                arguments("{\"key\":[{\"numeric\":[\">\",\"20\",\"<\",\"30\"]}]}", "Value of > must be numeric"),
                arguments("{\"key\":[{\"numeric\":[\">\",20,\"<\",\"30\"]}]}", "Value of < must be numeric"),
                arguments("{\"key\":[{\"numeric\":[\">\",20,\"<\",30,\"<\",50]}]}", "Too many terms in numeric range expression"),
                arguments("{\"key\":[{\"exists\":null}]}", "exists match pattern must be either true or false."),
                arguments("{\"key\":[{\"exists\":\"no\"}]}", "exists match pattern must be either true or false."),
                arguments("{\"key\":[{\"anything-but\":{\"wrong-operator\":null}}]}", "Unsupported anything-but pattern: wrong-operator"),
                arguments("{\"key\":[{\"anything-but\":{\"suffix\":\"test\"}}]}", "Unsupported anything-but pattern: suffix"),
                arguments("{\"key\":[{\"anything-but\":{\"exists\":false}}]}", "Unsupported anything-but pattern: exists"),
                arguments("{\"key\":[{\"anything-but\":{\"prefix\":false}}]}", "prefix match pattern must be a string"),
                arguments("{\"key1\":[\"v\"],\"key2\":[\"v\"],\"key3\":[\"v\"],\"key4\":[\"v\"],\"key5\":[\"v\"],\"key6\":[\"v\"]}",
                        "Filter policy can not have more than 5 keys"),
                arguments(valuesPolicy("key", 151), "Filter policy is too complex"),
                arguments("{" + valuesPolicy("key1", 100).substring(1, valuesPolicy("key1", 100).length() - 1) + ","
                        + valuesPolicy("key2", 51).substring(1), "Filter policy is too complex"),
                // (4 x 6) + (4 x 4 x 4) + (4 x 4 x 4) = 152
                arguments("{\"source\":[\"a\",\"b\",\"c\",\"d\"],\"$or\":[{\"metricName\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]},"
                        + "{\"metricType\":[\"1\",\"2\",\"3\",\"4\"],\"$or\":[{\"metricId\":[1,2,3,4]},{\"spaceId\":[1,2,3,4]}]}]}",
                        "Filter policy is too complex"),
                arguments("invalid", "failed to parse JSON. Unrecognized token 'invalid': was expecting "
                        + "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refusedPolicies")
    void refusesWhatAwsRefuses(String policy, String message) {
        assertThatThrownBy(() -> EventPattern.parse(policy, MESSAGE_ATTRIBUTES))
                .isInstanceOf(PatternException.class).hasMessage(message);
    }

    @Test
    void countsCombinationsAsAwsDoes() throws PatternException {
        // (3 x 6) + (3 x 4 x 4) + (3 x 4 x 7) = 150: at the limit, accepted
        EventPattern.parse("{\"source\":[\"a\",\"b\",\"c\"],\"$or\":[{\"metricName\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"6\"]},"
                + "{\"metricType\":[\"1\",\"2\",\"3\",\"4\"],\"$or\":[{\"metricId\":[1,2,3,4]},{\"spaceId\":[1,2,3,4,5,6,7]}]}]}",
                MESSAGE_ATTRIBUTES);
        // nested keys count their depth: 3 x 4 x 2 x 3 x 1 x 3 = 216
        assertThatThrownBy(() -> EventPattern.parse("{\"key_a\":{\"key_b\":{\"key_c\":[\"1\",\"2\",\"3\",\"4\"]}},"
                + "\"key_d\":{\"key_e\":[\"1\",\"2\",\"3\"]},\"key_f\":[\"1\",\"2\",\"3\"]}", MESSAGE_BODY))
                .hasMessage("Filter policy is too complex");
        // ((3 + 2) x 2 x 2 x (1 x 2 + 3 x 2)) = 160
        assertThatThrownBy(() -> EventPattern.parse("{\"$or\":[{\"metricName\":[\"a\",\"b\",\"c\"]},{\"namespace\":[\"d\",\"e\"]}],"
                + "\"detail\":{\"scope\":[\"s\",\"t\"],\"$or\":[{\"source\":[\"x\"]},{\"type\":[\"y\",\"z\",\"w\"]}]}}",
                MESSAGE_BODY)).hasMessage("Filter policy is too complex");
    }

    @Test
    void payloadPoliciesCountOnlyTopLevelKeys() throws PatternException {
        EventPattern.parse("{\"state\":[\"SUCCESS\"],\"severity\":[{\"exists\":true}],\"message\":[{\"exists\":true}],"
                + "\"finding\":{\"standard_control\":[{\"exists\":true}],\"region\":[{\"exists\":true}],"
                + "\"account\":[{\"exists\":true}]}}", MESSAGE_BODY);
    }

    @Test
    void nestedPoliciesNeedTheBodyScope() {
        assertThatThrownBy(() -> EventPattern.parse("{\"object\":{\"key\":[{\"prefix\":\"auto-\"}]}}", MESSAGE_ATTRIBUTES))
                .isInstanceOf(PatternException.class)
                .hasMessage("Filter policy scope MessageAttributes does not support nested filter policy")
                .satisfies(e -> assertThat(((PatternException) e).reason() == PatternException.Reason.NESTED_KEYS).isTrue());
    }

    private static String valuesPolicy(String key, int count) {
        StringBuilder sb = new StringBuilder("{\"" + key + "\":[");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append("\"value").append(i).append('"');
        }
        return sb.append("]}").toString();
    }

    private static Map<String, MessageAttribute> attrs(String... triples) {
        Map<String, MessageAttribute> map = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            String type = triples[i + 1];
            map.put(triples[i], type.startsWith("Binary") ? new MessageAttribute(type, null, new byte[] {1})
                    : new MessageAttribute(type, triples[i + 2], null));
        }
        return map;
    }
}
