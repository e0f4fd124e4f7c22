package dev.gureum.monitoring.math;

import java.util.List;

/** What a part of an expression evaluates to: a number, one time series, or an array of them. */
sealed interface Value {

    record Scalar(double value) implements Value {
    }

    record Single(TimeSeries series) implements Value {
    }

    record Many(List<TimeSeries> series) implements Value {
        public Many {
            series = List.copyOf(series);
        }
    }

    /** The series of a single time series or of an array, as an array. */
    static List<TimeSeries> asList(Value value) {
        if (value instanceof Single single) {
            return List.of(single.series());
        }
        return ((Many) value).series();
    }
}
