package dev.gureum.core.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/** How scalar members are spelled on the wire. */
public final class Values {

    /** ISO 8601 with milliseconds, as the XML protocols write timestamps: {@code 2024-01-02T03:04:05.000Z}. */
    public static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** RFC 1123, as REST headers carry dates: {@code Tue, 02 Jan 2024 03:04:05 GMT}. */
    public static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).withZone(ZoneOffset.UTC);

    private Values() {
    }

    public static String iso(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    /** {@link #HTTP_DATE}'s text, spelled out directly for the years of four digits: every GET and HEAD writes one. */
    public static String httpDate(Instant instant) {
        long seconds = instant.getEpochSecond();
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        if (date.getYear() < 1000 || date.getYear() > 9999) {
            return HTTP_DATE.format(instant);
        }
        int time = (int) Math.floorMod(seconds, 86_400);
        StringBuilder text = new StringBuilder(29).append(DAYS[date.getDayOfWeek().ordinal()]).append(", ");
        twoDigits(text, date.getDayOfMonth()).append(' ').append(MONTHS[date.getMonthValue() - 1]).append(' ')
                .append(date.getYear()).append(' ');
        twoDigits(text, time / 3600).append(':');
        twoDigits(text, time / 60 % 60).append(':');
        return twoDigits(text, time % 60).append(" GMT").toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /**
     * Epoch seconds with up to millisecond precision, as the JSON protocols write timestamps. Whole
     * seconds have scale 0, so that the number prints as {@code 1700000000} and not {@code 1.7E+9}
     * however the JSON is written.
     */
    public static BigDecimal epochSeconds(Instant instant) {
        BigDecimal seconds = BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3).stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }

    /** The text form of a scalar in the XML and form protocols. */
    public static String text(Object value) {
        if (value instanceof Instant instant) {
            return iso(instant);
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return BigDecimal.valueOf(d).toPlainString();
        }
        return String.valueOf(value);
    }
}
