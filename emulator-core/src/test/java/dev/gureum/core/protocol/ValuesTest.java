package dev.gureum.core.protocol;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ValuesTest {

    @Test
    void isoHasMillisecondsAndZulu() {
        assertThat(Values.iso(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("2024-01-02T03:04:05.000Z");
        assertThat(Values.iso(Instant.parse("2024-01-02T03:04:05.123456789Z"))).isEqualTo("2024-01-02T03:04:05.123Z");
    }

    @Test
    void httpDateIsRfc1123InGmt() {
        assertThat(Values.httpDate(Instant.parse("2024-01-02T03:04:05Z"))).isEqualTo("Tue, 02 Jan 2024 03:04:05 GMT");
    }

    @Test
    void httpDateSpellsWhatTheFormatterWould() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-3_000_000_000L, 8_000_000_000L),
                    random.nextInt(1_000_000_000));
            assertThat(Values.httpDate(instant)).isEqualTo(Values.HTTP_DATE.format(instant));
        }
        Instant ancient = Instant.parse("0900-03-04T05:06:07Z");
        assertThat(Values.httpDate(ancient)).isEqualTo(Values.HTTP_DATE.format(ancient));
        assertThat(Values.httpDate(Instant.parse("2000-02-29T23:59:59Z"))).isEqualTo("Tue, 29 Feb 2000 23:59:59 GMT");
    }

    @Test
    void epochSecondsKeepMillisecondsOnly() {
        assertThat(Values.epochSeconds(Instant.ofEpochSecond(1_700_000_000)).toPlainString()).isEqualTo("1700000000");
        assertThat(Values.epochSeconds(Instant.ofEpochSecond(1_700_000_000, 123_456_789)).toPlainString())
                .isEqualTo("1700000000.123");
        assertThat(Values.epochSeconds(Instant.ofEpochSecond(1_700_000_000, 500_000_000)))
                .isEqualByComparingTo(new BigDecimal("1700000000.5"));
    }

    @Test
    void textOfScalars() {
        assertThat(Values.text("s")).isEqualTo("s");
        assertThat(Values.text(true)).isEqualTo("true");
        assertThat(Values.text(7)).isEqualTo("7");
        assertThat(Values.text(1.0E10)).isEqualTo("10000000000");
        assertThat(Values.text(0.1)).isEqualTo("0.1");
        assertThat(Values.text(new byte[] {0, (byte) 0xff})).isEqualTo("AP8=");
        assertThat(Values.text(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
    }
}
