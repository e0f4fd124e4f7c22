package dev.gureum.lambda.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FilterPatternTest {

    @Test
    void termsMustAllAppear() {
        FilterPattern p = new FilterPattern("ERROR timeout");
        assertThat(p.matches("ERROR: request timeout")).isTrue();
        assertThat(p.matches("ERROR: disk full")).isFalse();
        assertThat(p.matches("error: request timeout")).isFalse();
    }

    @Test
    void quotedPhrasesExclusionsAndAlternatives() {
        assertThat(new FilterPattern("\"Task timed out\"").matches("x Task timed out after 3.00 seconds")).isTrue();
        assertThat(new FilterPattern("\"Task timed out\"").matches("Task has timed out")).isFalse();
        assertThat(new FilterPattern("ERROR -retrying").matches("ERROR retrying")).isFalse();
        assertThat(new FilterPattern("?WARN ?ERROR").matches("WARN low memory")).isTrue();
        assertThat(new FilterPattern("?WARN ?ERROR").matches("INFO ok")).isFalse();
    }

    @Test
    void emptyPatternMatchesEverything() {
        assertThat(new FilterPattern("").matches("anything")).isTrue();
        assertThat(new FilterPattern(null).matches("anything")).isTrue();
    }
}
