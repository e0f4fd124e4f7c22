package dev.gureum.core.pattern;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The patterns of Lambda's {@code FilterCriteria}: the same language as SNS's, with Lambda's operators and limits. */
class LambdaFilterCriteriaTest {

    static EventPattern parse(String pattern) throws PatternException {
        return EventPattern.parse(pattern, PatternDialect.LAMBDA_FILTER_CRITERIA);
    }

    static boolean matches(String pattern, String event) throws Exception {
        return parse(pattern).matches(PatternEvent.ofJson(event));
    }

    @Test
    void exactValuesAndNestedFields() throws Exception {
        String pattern = "{\"body\":{\"type\":[\"order\",\"refund\"],\"amount\":[10]}}";
        assertThat(matches(pattern, "{\"body\":{\"type\":\"order\",\"amount\":10}}")).isTrue();
        assertThat(matches(pattern, "{\"body\":{\"type\":\"refund\",\"amount\":10.0}}")).isTrue();
        assertThat(matches(pattern, "{\"body\":{\"type\":\"other\",\"amount\":10}}")).isFalse();
        assertThat(matches(pattern, "{\"body\":{\"type\":\"order\"}}")).isFalse();
        assertThat(matches(pattern, "{\"body\":\"not an object\"}")).isFalse();
    }

    @Test
    void arraysInTheEventMatchAnyElement() throws Exception {
        assertThat(matches("{\"tags\":[\"b\"]}", "{\"tags\":[\"a\",\"b\"]}")).isTrue();
        assertThat(matches("{\"tags\":[\"c\"]}", "{\"tags\":[\"a\",\"b\"]}")).isFalse();
    }

    @Test
    void contentFilters() throws Exception {
        assertThat(matches("{\"k\":[{\"prefix\":\"ord\"}]}", "{\"k\":\"order-1\"}")).isTrue();
        assertThat(matches("{\"k\":[{\"suffix\":\".png\"}]}", "{\"k\":\"a.png\"}")).isTrue();
        assertThat(matches("{\"k\":[{\"equals-ignore-case\":\"ABC\"}]}", "{\"k\":\"abc\"}")).isTrue();
        assertThat(matches("{\"k\":[{\"anything-but\":[\"x\",\"y\"]}]}", "{\"k\":\"z\"}")).isTrue();
        assertThat(matches("{\"k\":[{\"anything-but\":[\"x\",\"y\"]}]}", "{\"k\":\"x\"}")).isFalse();
        assertThat(matches("{\"k\":[{\"anything-but\":{\"prefix\":\"tmp\"}}]}", "{\"k\":\"tmp/1\"}")).isFalse();
        assertThat(matches("{\"n\":[{\"numeric\":[\">\",0,\"<=\",5]}]}", "{\"n\":5}")).isTrue();
        assertThat(matches("{\"n\":[{\"numeric\":[\">\",0,\"<=\",5]}]}", "{\"n\":6}")).isFalse();
        assertThat(matches("{\"k\":[{\"wildcard\":\"img/*.jpg\"}]}", "{\"k\":\"img/cat.jpg\"}")).isTrue();
        assertThat(matches("{\"k\":[{\"wildcard\":\"img/*.jpg\"}]}", "{\"k\":\"img/cat.png\"}")).isFalse();
    }

    @Test
    void existence() throws Exception {
        assertThat(matches("{\"k\":[{\"exists\":true}]}", "{\"k\":1}")).isTrue();
        assertThat(matches("{\"k\":[{\"exists\":true}]}", "{}")).isFalse();
        assertThat(matches("{\"k\":[{\"exists\":false}]}", "{}")).isTrue();
        assertThat(matches("{\"k\":[{\"exists\":false}]}", "{\"k\":\"v\"}")).isFalse();
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(PatternException.class);
        assertThatThrownBy(() -> parse("{\"k\":\"scalar\"}")).isInstanceOf(PatternException.class);
        assertThatThrownBy(() -> parse("{oops")).isInstanceOf(PatternException.class);
    }

    @Test
    void orGroupsNeedOneAlternative() throws Exception {
        String pattern = "{\"body\":{\"$or\":[{\"type\":[\"order\"]},{\"amount\":[{\"numeric\":[\">\",100]}]}]}}";
        assertThat(matches(pattern, "{\"body\":{\"type\":\"order\",\"amount\":1}}")).isTrue();
        assertThat(matches(pattern, "{\"body\":{\"type\":\"refund\",\"amount\":101}}")).isTrue();
        assertThat(matches(pattern, "{\"body\":{\"type\":\"refund\",\"amount\":100}}")).isFalse();
    }

    @Test
    void prefixAndSuffixMayIgnoreCase() throws Exception {
        assertThat(matches("{\"k\":[{\"prefix\":{\"equals-ignore-case\":\"ORD\"}}]}", "{\"k\":\"order-1\"}")).isTrue();
        assertThat(matches("{\"k\":[{\"prefix\":{\"equals-ignore-case\":\"ORD\"}}]}", "{\"k\":\"refund\"}")).isFalse();
        assertThat(matches("{\"k\":[{\"suffix\":{\"equals-ignore-case\":\".PNG\"}}]}", "{\"k\":\"a.png\"}")).isTrue();
        assertThat(matches("{\"k\":[{\"suffix\":{\"equals-ignore-case\":\".PNG\"}}]}", "{\"k\":\"a.jpg\"}")).isFalse();
    }

    @Test
    void anythingButTakesMoreOperatorsAndAnyElementOfAnArray() throws Exception {
        assertThat(matches("{\"k\":[{\"anything-but\":{\"suffix\":\".tmp\"}}]}", "{\"k\":\"a.tmp\"}")).isFalse();
        assertThat(matches("{\"k\":[{\"anything-but\":{\"suffix\":\".tmp\"}}]}", "{\"k\":\"a.txt\"}")).isTrue();
        assertThat(matches("{\"k\":[{\"anything-but\":{\"equals-ignore-case\":\"X\"}}]}", "{\"k\":\"x\"}")).isFalse();
        assertThat(matches("{\"k\":[{\"anything-but\":{\"wildcard\":\"*.tmp\"}}]}", "{\"k\":\"a.tmp\"}")).isFalse();
        // an array matches when one element is not excluded (SNS wants none excluded)
        assertThat(matches("{\"k\":[{\"anything-but\":[\"x\"]}]}", "{\"k\":[\"x\",\"y\"]}")).isTrue();
        assertThat(matches("{\"k\":[{\"anything-but\":[\"x\"]}]}", "{\"k\":[\"x\",\"x\"]}")).isFalse();
        assertThat(matches("{\"k\":[{\"anything-but\":[\"x\"]}]}", "{}")).isFalse();
    }

    @Test
    void numbersCompareExactlyAndByValue() throws Exception {
        assertThat(matches("{\"n\":[10.000001]}", "{\"n\":10}")).isFalse();
        assertThat(matches("{\"n\":[1e1]}", "{\"n\":10.00}")).isTrue();
        assertThat(matches("{\"n\":[{\"numeric\":[\"=\",0]}]}", "{\"n\":-0.0}")).isTrue();
        assertThat(matches("{\"n\":[{\"numeric\":[\"<\",5000000000]}]}", "{\"n\":4999999999.5}")).isTrue();
        assertThat(matches("{\"n\":[5]}", "{\"n\":\"5\"}")).isFalse();
    }

    @Test
    void cidrAndNullAndBooleans() throws Exception {
        assertThat(matches("{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}", "{\"ip\":\"10.0.0.7\"}")).isTrue();
        assertThat(matches("{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}", "{\"ip\":\"10.0.1.7\"}")).isFalse();
        assertThat(matches("{\"v\":[null]}", "{\"v\":null}")).isTrue();
        assertThat(matches("{\"v\":[true]}", "{\"v\":true}")).isTrue();
        assertThat(matches("{\"v\":[true]}", "{\"v\":\"true\"}")).isFalse();
    }

    @Test
    void existsFalseMatchesAnEmptyEvent() throws Exception {
        // Lambda answers true where SNS, for a message without attributes, answers false
        assertThat(matches("{\"k\":[{\"exists\":false}]}", "{}")).isTrue();
        assertThat(EventPattern.parse("{\"k\":[{\"exists\":false}]}", PatternDialect.SNS_MESSAGE_BODY)
                .matches(PatternEvent.ofJson("{}"))).isFalse();
    }

    @Test
    void plainJavaValuesAreEvents() throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("amount", new BigDecimal("10.50"));
        body.put("count", 3);
        body.put("paid", Boolean.TRUE);
        body.put("note", null);
        body.put("tags", Arrays.asList("a", List.of("b")));
        Map<String, Object> event = Map.of("body", body);
        assertThat(parse("{\"body\":{\"amount\":[10.5],\"count\":[{\"numeric\":[\">=\",3]}],\"paid\":[true],"
                + "\"note\":[null],\"tags\":[\"b\"]}}").matches(event)).isTrue();
        assertThat(parse("{\"body\":{\"count\":[4]}}").matches(event)).isFalse();
        assertThat(parse("{\"body\":{\"note\":[{\"exists\":true}]}}").matches(event)).isFalse();
    }

    @Test
    void lambdaHasNoKeyOrCombinationLimitsButRefusesWhatTheLanguageRefuses() throws Exception {
        String sixKeys = "{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}";
        assertThat(parse(sixKeys).matches(PatternEvent.ofJson("{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1}")))
                .isTrue();
        assertThatThrownBy(() -> EventPattern.parse(sixKeys, PatternDialect.SNS_MESSAGE_BODY))
                .isInstanceOf(PatternException.class)
                .satisfies(e -> assertThat(((PatternException) e).reason()).isEqualTo(PatternException.Reason.TOO_MANY_KEYS));
        assertThatThrownBy(() -> parse("{\"k\":[{\"wrong-operator\":1}]}"))
                .isInstanceOf(PatternException.class).hasMessage("Unrecognized match type wrong-operator");
        assertThatThrownBy(() -> parse("{\"k\":[[\"nested\"]]}")).isInstanceOf(PatternException.class);
        assertThatThrownBy(() -> parse("{\"k\":[{\"wildcard\":1}]}"))
                .isInstanceOf(PatternException.class).hasMessage("wildcard match pattern must be a string");
        assertThatThrownBy(() -> parse("{\"k\":[{\"prefix\":{\"suffix\":\"x\"}}]}"))
                .isInstanceOf(PatternException.class).hasMessage("prefix match pattern must be a string");
        // SNS has no wildcard
        assertThatThrownBy(() -> EventPattern.parse("{\"k\":[{\"wildcard\":\"a*\"}]}", PatternDialect.SNS_MESSAGE_BODY))
                .isInstanceOf(PatternException.class).hasMessage("Unrecognized match type wildcard");
    }
}
