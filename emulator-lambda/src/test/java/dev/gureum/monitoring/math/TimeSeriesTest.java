package dev.gureum.monitoring.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeSeriesTest {

    @Test
    void keepsItsDatapointsAsGiven() {
        long[] timestamps = {60, 120, 180};
        double[] values = {1, 2, 3};
        TimeSeries series = TimeSeries.of("Errors", timestamps, values);
        timestamps[0] = 0;
        values[0] = 9;
        series.values()[1] = 7;
        assertThat(series.timestamps()).containsExactly(60, 120, 180);
        assertThat(series.values()).containsExactly(1, 2, 3);
        assertThat(series.size()).isEqualTo(3);
        assertThat(series.timestamp(2)).isEqualTo(180);
        assertThat(series.value(2)).isEqualTo(3);
        assertThat(series.indexOf(120)).isEqualTo(1);
        assertThat(series.indexOf(100)).isNegative();
        assertThat(series).isEqualTo(TimeSeries.of("Errors", new long[] {60, 120, 180}, new double[] {1, 2, 3}));
        assertThat(series).isNotEqualTo(series.withLabel("Other"));
        assertThat(series.withLabel(null).label()).isEmpty();
        assertThat(series.toString()).isEqualTo("TimeSeries[Errors: 60=1.0, 120=2.0, 180=3.0]");
    }

    @Test
    void refusesWhatIsNoSeriesOfDatapoints() {
        assertThatThrownBy(() -> TimeSeries.of("x", new long[] {60, 60}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timestamps must be strictly ascending, 60 follows 60");
        assertThatThrownBy(() -> TimeSeries.of("x", new long[] {60}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timestamps and values differ in length: 1 and 2");
        assertThatThrownBy(() -> TimeSeries.of("x", new long[] {60}, new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("value at 60 is not a finite number");
    }

    @Test
    void anEmptySeriesHasALabelAndNoDatapoints() {
        TimeSeries empty = TimeSeries.empty(null);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.label()).isEmpty();
        assertThat(empty.timestamps()).isEmpty();
    }
}
