package dev.gureum.core.protocol;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StructTest {

    @Test
    void membersKeepTheOrderTheyWereFirstPutIn() {
        Struct s = Struct.of();
        for (int i = 0; i < 20; i++) {
            s.put("m" + i, i);
        }

        assertThat(s.size()).isEqualTo(20);
        assertThat(s.name(0)).isEqualTo("m0");
        assertThat(s.value(19)).isEqualTo(19);
        assertThat(s.members().keySet()).startsWith("m0", "m1", "m2").endsWith("m18", "m19");
        assertThat(s.get("m7")).isEqualTo(7);
        assertThat(s.get("absent")).isNull();
    }

    @Test
    void puttingANameAgainReplacesItsValueInPlace() {
        Struct s = Struct.of().put("a", "1").put("b", "2").put("a", "3");

        assertThat(s.size()).isEqualTo(2);
        assertThat(s.members()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    }

    @Test
    void nullValuesAreLeftOut() {
        Struct s = Struct.of().put("a", null).put("b", "2").put("b", null);

        assertThat(s.size()).isEqualTo(1);
        assertThat(s.get("b")).isEqualTo("2");
        assertThat(Struct.of().isEmpty()).isTrue();
        assertThat(s.isEmpty()).isFalse();
    }

    @Test
    void theMembersMapIsACopyThatCannotBeChanged() {
        Struct s = Struct.of().put("a", "1");
        Map<String, Object> members = s.members();
        s.put("b", "2");

        assertThat(members).containsOnlyKeys("a");
        assertThatThrownBy(() -> members.put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(s.name(1)).isEqualTo("b");
        assertThatThrownBy(() -> s.value(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
