package dev.gureum.monitoring.math;

import dev.gureum.monitoring.math.MetricMathException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.gureum.monitoring.math.MathFixture.number;
import static dev.gureum.monitoring.math.MathFixture.single;
import static dev.gureum.monitoring.math.MathFixture.grid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MetricMathParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "2 + 3 * 4            ; 14",
            "(2 + 3) * 4          ; 20",
            "10 - 4 - 3           ; 3",
            "24 / 4 / 2           ; 3",
            "2 ^ 3 ^ 2            ; 512",
            "-2 ^ 2               ; -4",
            "2 ^ -1               ; 0.5",
            "(-2) ^ 2             ; 4",
            "3 - -2               ; 5",
            "- (2 + 3)            ; -5",
            "2 * 3 ^ 2            ; 18",
            "1 + 2 < 4            ; 1",
            "1 + 2 > 4            ; 0",
            "1 < 2 AND 3 < 2      ; 0",
            "1 < 2 OR 3 < 2       ; 1",
            "1 < 2 && 2 <= 2      ; 1",
            "0 || 0               ; 0",
            "1 OR 0 AND 0         ; 1",
            "(1 OR 0) AND 0       ; 0",
            "NOT 1 < 0            ; 1",
            "NOT 0 AND 0          ; 0",
            "2 == 2               ; 1",
            "2 != 2               ; 0",
            "3 >= 3               ; 1",
            ".5 + 1e-1            ; 0.6",
            "1E2                  ; 100",
            "1.5e+1               ; 15",
    })
    void operatorsBindAsInArithmetic(String expression, double expected) {
        assertThat(number(expression)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void whitespaceAndLineBreaksAreFreeAndIdsMayHoldDigitsAndUnderscores() {
        MathContext context = MathFixture.context().metric("errors_5xx", MathFixture.series("E", 1.0, 2.0)).build();
        MathResult result = MathFixture.evaluate("\n  errors_5xx\t*\n 2 ", context);
        assertThat(MathFixture.onGrid(result.single())).isEqualTo(grid(2.0, 4.0));
    }

    @Test
    void referencedIdsAndMetricsAreKnownAfterParsing() {
        MetricMathExpression expression = MetricMath.parse("IF(m1 > 2, e1, m1) + SUM(METRICS(\"x\")) / m2");
        assertThat(expression.referencedIds()).containsExactly("m1", "e1", "m2");
        assertThat(expression.usesMetrics()).isTrue();
        assertThat(MetricMath.parse("m1 * 2").usesMetrics()).isFalse();
        assertThat(expression.text()).isEqualTo("IF(m1 > 2, e1, m1) + SUM(METRICS(\"x\")) / m2");
    }

    @Test
    void aParsedExpressionEvaluatesAgainAgainstAnotherContext() {
        MetricMathExpression expression = MetricMath.parse("m1 + 1");
        MathContext one = MathFixture.context().metric("m1", MathFixture.series("a", 1.0)).build();
        MathContext other = MathFixture.context().metric("m1", MathFixture.series("a", null, 5.0)).build();
        assertThat(MathFixture.onGrid(expression.evaluate(one).single())).isEqualTo(grid(2.0));
        assertThat(MathFixture.onGrid(expression.evaluate(other).single())).isEqualTo(grid(null, 6.0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "m1 +                    | SYNTAX            | Unexpected end of expression at position 5",
            "m1 m2                   | SYNTAX            | Unexpected 'm2' at position 4",
            "(m1 + 2                 | SYNTAX            | Expected ')' but found end of expression at position 8",
            "m1 + 2)                 | SYNTAX            | Unexpected ')' at position 7",
            "m1 % 2                  | SYNTAX            | Unexpected character '%' at position 4",
            "m1 = 2                  | SYNTAX            | Unexpected character '=' at position 4",
            "M1 + 1                  | SYNTAX            | Unexpected 'M1' at position 1",
            "_m1                     | SYNTAX            | Unexpected '_m1' (ids start with a lower-case letter) at position 1",
            "2m1                     | SYNTAX            | Unexpected 'm' after a number at position 2",
            "[m1, ]                  | SYNTAX            | Unexpected ']' at position 6",
            "`METRICS(\"abc)`        | SYNTAX            | Unterminated string at position 9",
            "`m1 + \"x\"`            | SYNTAX            | Unexpected string \"x\" at position 6",
            "REPEAT                  | SYNTAX            | Unexpected 'REPEAT' at position 1",
            "FOO(m1)                 | UNKNOWN_FUNCTION  | Unknown function 'FOO' at position 1",
            "sum(m1)                 | UNKNOWN_FUNCTION  | Unknown function 'sum' (functions are written in upper case) at position 1",
            "ABS(m1, m2)             | INVALID_ARGUMENTS | The function ABS takes 1 argument, not 2 at position 1",
            "FILL(m1)                | INVALID_ARGUMENTS | The function FILL takes 2 arguments, not 1 at position 1",
            "IF(m1)                  | INVALID_ARGUMENTS | The function IF takes 2 to 3 arguments, not 1 at position 1",
            "m1 + CONCAT()           | INVALID_ARGUMENTS | The function CONCAT takes at least 1 argument, not 0 at position 6",
            "FILL(m1, ASC)           | INVALID_ARGUMENTS | Argument 2 of FILL cannot be ASC; it takes REPEAT or LINEAR at position 10",
            "SORT(m1, AVG, DESC, ASC) | INVALID_ARGUMENTS | Argument 4 of SORT cannot be ASC at position 21",
            "SORT(m1, AVG, m2)       | INVALID_ARGUMENTS | Argument 3 of SORT must be ASC or DESC at position 15",
            "IF(m1, LINEAR)          | INVALID_ARGUMENTS | Argument 2 of IF cannot be LINEAR at position 8",
            "SORT(m1, AVG, UP)       | SYNTAX            | Unexpected 'UP' at position 15",
            "SORT(m1, STDDEV, ASC)   | INVALID_ARGUMENTS | Argument 2 of SORT cannot be STDDEV; it takes AVG, MIN, MAX or SUM at position 10",
            "SORT(m1, m2, ASC)       | INVALID_ARGUMENTS | Argument 2 of SORT must be AVG, MIN, MAX or SUM at position 10",
            "METRICS(m1)             | INVALID_ARGUMENTS | The argument of METRICS must be a string in double quotes at position 9",
            "`ABS(\"m1\")`           | INVALID_ARGUMENTS | Argument 1 of ABS cannot be a string at position 5",
            "PERIOD(m1 * 2)          | INVALID_ARGUMENTS | The argument of PERIOD must be the id of a metric at position 11",
            "`INSIGHT_RULE_METRIC(\"rule\", \"UniqueContributors\")` | UNSUPPORTED | The function INSIGHT_RULE_METRIC is not supported by Gureum: Contributor Insights rules are not emulated at position 1",
            "ANOMALY_DETECTION_BAND(m1, 2) | UNSUPPORTED  | The function ANOMALY_DETECTION_BAND is not supported by Gureum: anomaly detection models are not emulated at position 1",
            "`SEARCH('{AWS/EC2,InstanceId} CPUUtilization', 'Average', 300)` | UNSUPPORTED | The function SEARCH is not supported by Gureum: search expressions are not emulated at position 1",
            "`SELECT AVG(CPUUtilization) FROM \"AWS/EC2\"` | UNSUPPORTED | Metrics Insights queries (SELECT ...) are not supported by Gureum",
            "`   `                   | SYNTAX            | The expression is empty",
    })
    void malformedExpressionsAreRefusedWithTheirReasonAndPosition(String expression, Reason reason, String message) {
        MetricMathException refused = catchThrowableOfType(MetricMathException.class, () -> MetricMath.parse(expression));
        assertThat(refused).as(expression).isNotNull();
        assertThat(refused.reason()).isEqualTo(reason);
        assertThat(refused.getMessage()).isEqualTo(message);
    }

    @Test
    void theMessageForAQueryNamesItAsCloudWatchDoes() {
        MetricMathException refused = catchThrowableOfType(MetricMathException.class, () -> MetricMath.parse("m1 +"));
        assertThat(refused.position()).isEqualTo(5);
        assertThat(refused.messageFor("e1")).isEqualTo("Error in expression 'e1': Unexpected end of expression at position 5");
        assertThat(refused.clientMessage()).isEqualTo("Unexpected end of expression at position 5");
        assertThat(refused.inQuery("e2").clientMessage())
                .isEqualTo("Error in expression 'e2': Unexpected end of expression at position 5");
        assertThat(refused.inQuery("e2").reason()).isEqualTo(Reason.SYNTAX);
    }

    @Test
    void nestingIsBounded() {
        String deep = "(".repeat(99) + "m1" + ")".repeat(99);
        assertThat(MetricMath.parse(deep).referencedIds()).containsExactly("m1");
        MetricMathException refused = catchThrowableOfType(MetricMathException.class,
                () -> MetricMath.parse("ABS(" + deep + ")"));
        assertThat(refused).hasMessage("The expression is nested more than 100 levels deep at position 104");
        String longChain = "m1" + " + m1".repeat(600);
        assertThat(MathFixture.single(longChain).get(0)).isEqualTo(601 * 30.0);
    }

    @Test
    void nullIsAnEmptyExpression() {
        assertThatThrownBy(() -> MetricMath.parse(null)).isInstanceOf(MetricMathException.class)
                .hasMessage("The expression is empty");
    }

    @Test
    void functionNamesAreWordsOnlyWhereAFunctionTakesThem() {
        assertThat(single("FIRST(SORT([m1, m3], MAX, DESC, 1)) + 0")).isEqualTo(grid(30.0, 20.0, 0.0, 0.0, null));
    }
}
