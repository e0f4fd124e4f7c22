package dev.gureum.lambda.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code FilterCriteria} patterns on the JSON records of an event source; the language is tested in the core. */
class EventPatternTest {

    static boolean matches(String pattern, String event) throws Exception {
        JsonNode node = Json.mapper().readTree(event);
        return EventPattern.parse(pattern).matches(node);
    }

    @Test
    void matchesTheRecordsJsonValues() throws Exception {
        String pattern = "{\"body\":{\"type\":[\"order\"],\"amount\":[10],\"rate\":[{\"numeric\":[\">\",0.5]}],"
                + "\"paid\":[true],\"note\":[null],\"tags\":[\"b\"]}}";
        assertThat(matches(pattern, "{\"body\":{\"type\":\"order\",\"amount\":10.0,\"rate\":0.75,\"paid\":true,"
                + "\"note\":null,\"tags\":[\"a\",[\"b\"]]}}")).isTrue();
        assertThat(matches(pattern, "{\"body\":{\"type\":\"order\",\"amount\":10.0,\"rate\":0.25,\"paid\":true,"
                + "\"note\":null,\"tags\":[\"b\"]}}")).isFalse();
        assertThat(EventPattern.parse("{\"k\":[{\"exists\":false}]}").matches(Json.mapper().readTree("[1]"))).isTrue();
    }

    @Test
    void refusalsAreLambdasOneMessage() {
        assertThatThrownBy(() -> EventPattern.parse("{\"k\":[{\"wrong\":1}]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid filter pattern definition.");
        assertThatThrownBy(() -> EventPattern.parse("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPattern.parse("{\"k\":\"scalar\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPattern.parse("{oops")).isInstanceOf(IllegalArgumentException.class);
    }
}
