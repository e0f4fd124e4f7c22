package dev.gureum.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventPatternTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static boolean matches(String pattern, String event) throws Exception {
        JsonNode node = JSON.readTree(event);
        return EventPattern.parse(pattern).matches(node);
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
        assertThatThrownBy(() -> EventPattern.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPattern.parse("{\"k\":\"scalar\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPattern.parse("{oops")).isInstanceOf(IllegalArgumentException.class);
    }
}
