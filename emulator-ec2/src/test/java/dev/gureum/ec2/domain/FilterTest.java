package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterTest {

    @Test
    void wildcardsMatchAnyAndOneCharacter() {
        assertThat(new Filter("name", List.of("al2023-*")).matches("al2023-ami-2023.6")).isTrue();
        assertThat(new Filter("name", List.of("m?.large")).matches("m5.large")).isTrue();
        assertThat(new Filter("name", List.of("m?.large")).matches("m5a.large")).isFalse();
        assertThat(new Filter("name", List.of("a\\*b")).matches("a*b")).isTrue();
        assertThat(new Filter("name", List.of("a\\*b")).matches("axb")).isFalse();
        assertThat(new Filter("name", List.of("x.y")).matches("xzy")).isFalse();
        assertThat(new Filter("name", List.of("one", "two")).matches(List.of("three", "two"))).isTrue();
    }

    private record Thing(String colour, Map<String, String> tags) {
    }

    @Test
    void everyFilterMustMatchAndTagsComeFree() {
        Filters<Thing> filters = new Filters<Thing>().add("colour", Thing::colour).tags(Thing::tags);
        Thing red = new Thing("red", Map.of("env", "prod"));
        Thing blue = new Thing("blue", Map.of("env", "dev", "team", "a"));
        assertThat(filters.apply(List.of(red, blue), List.of(new Filter("tag:env", List.of("d*"))))).containsExactly(blue);
        assertThat(filters.apply(List.of(red, blue), List.of(new Filter("tag-key", List.of("team")),
                new Filter("colour", List.of("red"))))).isEmpty();
        assertThat(filters.apply(List.of(red, blue), List.of(new Filter("tag-value", List.of("prod"))))).containsExactly(red);
        assertThatThrownBy(() -> filters.apply(List.of(red), List.of(new Filter("size", List.of("x")))))
                .isInstanceOf(AwsException.class).hasMessage("The filter 'size' is invalid");
    }
}
