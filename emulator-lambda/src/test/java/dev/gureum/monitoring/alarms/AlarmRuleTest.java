package dev.gureum.monitoring.alarms;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The composite alarm rule language: what parses, what it names, when it holds, and how it is refused. */
class AlarmRuleTest {

    private static final Map<String, AlarmState> STATES = Map.of(
            "cpu", AlarmState.ALARM,
            "disk", AlarmState.OK,
            "net", AlarmState.INSUFFICIENT_DATA,
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:memory", AlarmState.ALARM);

    private static boolean holds(String rule) {
        return AlarmRule.parse(rule).holds(name -> STATES.getOrDefault(name, AlarmState.INSUFFICIENT_DATA));
    }

    @Test
    void rulesHoldAsTheirStatesSay() {
        assertThat(holds("ALARM(\"cpu\")")).isTrue();
        assertThat(holds("ALARM(cpu)")).isTrue();
        assertThat(holds("OK(\"cpu\")")).isFalse();
        assertThat(holds("INSUFFICIENT_DATA(net)")).isTrue();
        assertThat(holds("ALARM(arn:aws:cloudwatch:us-east-1:123456789012:alarm:memory)")).isTrue();
        assertThat(holds("ALARM(\"cpu\") AND OK(\"disk\")")).isTrue();
        assertThat(holds("ALARM(\"cpu\") AND ALARM(\"disk\")")).isFalse();
        assertThat(holds("ALARM(\"disk\") OR ALARM(\"cpu\")")).isTrue();
        assertThat(holds("NOT ALARM(\"disk\")")).isTrue();
        assertThat(holds("TRUE")).isTrue();
        assertThat(holds("FALSE OR NOT TRUE")).isFalse();
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        // FALSE AND FALSE OR TRUE = (FALSE AND FALSE) OR TRUE
        assertThat(holds("ALARM(disk) AND ALARM(disk) OR ALARM(cpu)")).isTrue();
        assertThat(holds("ALARM(disk) AND (ALARM(disk) OR ALARM(cpu))")).isFalse();
        assertThat(holds("NOT ALARM(cpu) OR ALARM(cpu)")).isTrue();
        assertThat(holds("NOT (ALARM(cpu) OR ALARM(disk))")).isFalse();
        assertThat(holds("(ALARM(\"cpu\") OR ALARM(\"disk\")) AND NOT INSUFFICIENT_DATA(\"cpu\")")).isTrue();
    }

    @Test
    void aRuleNamesItsAlarmsOnceInOrder() {
        assertThat(AlarmRule.parse("ALARM(\"b\") OR (OK(a) AND ALARM(\"b\")) OR INSUFFICIENT_DATA(\"c d\")").alarms())
                .containsExactly("b", "a", "c d");
        assertThat(AlarmRule.parse("TRUE").alarms()).isEmpty();
    }

    @Test
    void malformedRulesAreRefusedWithWhereAndWhy() {
        assertThatThrownBy(() -> AlarmRule.parse("ALARM(\"cpu\") AND"))
                .isInstanceOf(AlarmRefusal.class)
                .hasMessage("Error in alarm rule at position 17: the rule ends where an expression was expected.")
                .extracting(e -> ((AlarmRefusal) e).reason()).isEqualTo(AlarmRefusal.Reason.INVALID_PARAMETER_VALUE);
        assertThatThrownBy(() -> AlarmRule.parse("ALARM(\"cpu\"")).hasMessageContaining("')' expected at the end");
        assertThatThrownBy(() -> AlarmRule.parse("ALARM(\"cpu)")).hasMessageContaining("missing its closing quote");
        assertThatThrownBy(() -> AlarmRule.parse("ALARMS(cpu)")).hasMessageContaining("unexpected 'ALARMS(cpu)'");
        assertThatThrownBy(() -> AlarmRule.parse("ALARM()")).hasMessageContaining("an alarm name or ARN is expected");
        assertThatThrownBy(() -> AlarmRule.parse("ALARM(\"\")")).hasMessageContaining("an alarm name is empty");
        assertThatThrownBy(() -> AlarmRule.parse("TRUE FALSE")).hasMessageContaining("unexpected 'F'");
        assertThatThrownBy(() -> AlarmRule.parse("(TRUE")).hasMessageContaining("')' expected");
    }
}
