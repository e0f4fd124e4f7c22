package dev.gureum.monitoring.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.Params;
import dev.gureum.monitoring.metrics.MetricDataInput;
import dev.gureum.monitoring.metrics.MetricException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reading CloudWatch's inputs from {@link Params}, whichever of its three protocols carried them. */
final class Inputs {

    private Inputs() {
    }

    /**
     * A timestamp member: epoch seconds in the CBOR and JSON forms (a number), ISO 8601 in the query form
     * (epoch seconds are taken there too).
     */
    static Instant timestamp(Params params, String name) {
        Params p = params.get(name);
        if (!p.isPresent()) {
            return null;
        }
        if (p.node().isNumber()) {
            return epoch(p.node().decimalValue());
        }
        String text = p.asString().trim();
        try {
            return epoch(new BigDecimal(text));
        } catch (NumberFormatException e) {
            // not a number: ISO 8601
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text + (text.endsWith("Z") ? "" : "Z"));
            } catch (DateTimeParseException e2) {
                throw new AwsException(CommonError.INVALID_PARAMETER_VALUE,
                        "Value for parameter " + name + " is invalid: expected a timestamp.");
            }
        }
    }

    private static Instant epoch(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    static List<MetricDataInput.DimensionInput> dimensions(Params params, String name) {
        List<MetricDataInput.DimensionInput> dims = new ArrayList<>();
        for (Params d : params.list(name)) {
            dims.add(new MetricDataInput.DimensionInput(d.string("Name"), d.string("Value")));
        }
        return dims;
    }

    static List<Double> doubles(Params params, String name) {
        if (!params.has(name)) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        for (Params item : params.list(name)) {
            values.add(number(item));
        }
        return values;
    }

    private static Double number(Params item) {
        if (!item.isPresent()) {
            return null;
        }
        if (item.node().isNumber()) {
            return item.node().asDouble();
        }
        String text = item.asString().trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new AwsException(CommonError.INVALID_PARAMETER_VALUE,
                    "Value for parameter " + item.path() + " is invalid: expected a number.");
        }
    }

    /** The AWS error of a refused metrics request. */
    static AwsException error(MetricException e) {
        CloudWatchError code = switch (e.reason()) {
            case INVALID_VALUE -> CloudWatchError.INVALID_PARAMETER_VALUE;
            case INVALID_COMBINATION -> CloudWatchError.INVALID_PARAMETER_COMBINATION;
            case MISSING -> CloudWatchError.MISSING_PARAMETER;
            case INVALID_NEXT_TOKEN -> CloudWatchError.INVALID_NEXT_TOKEN;
            case VALIDATION -> CloudWatchError.VALIDATION_ERROR;
        };
        return new AwsException(code, e.getMessage());
    }
}
