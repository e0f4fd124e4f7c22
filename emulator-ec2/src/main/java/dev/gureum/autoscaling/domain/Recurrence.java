package dev.gureum.autoscaling.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A scheduled action's {@code Recurrence}: the five fields of Unix cron ({@code minute hour day-of-month month
 * day-of-week}), with lists, ranges, steps and the names of months and days. As in cron, when both day fields are
 * restricted a day matching either runs.
 */
public final class Recurrence {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private Recurrence(String[] f) {
        minutes = field(f[0], 0, 59, null);
        hours = field(f[1], 0, 23, null);
        daysOfMonth = field(f[2], 1, 31, null);
        months = field(f[3], 1, 12, MONTHS);
        BitSet dow = field(f[4], 0, 7, DAYS);
        if (dow.get(7)) {
            dow.set(0);
        }
        daysOfWeek = dow;
        anyDayOfMonth = f[2].equals("*") || f[2].equals("?");
        anyDayOfWeek = f[4].equals("*") || f[4].equals("?");
    }

    /** Parses the expression; {@link IllegalArgumentException} when it is not one. */
    public static Recurrence parse(String expression) {
        String[] f = expression.trim().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("A recurrence has five fields: " + expression);
        }
        return new Recurrence(f);
    }

    private static BitSet field(String text, int min, int max, List<String> names) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",")) {
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = Integer.parseInt(part.substring(slash + 1));
                part = part.substring(0, slash);
                if (step < 1) {
                    throw new IllegalArgumentException("Bad step " + step);
                }
            }
            int from;
            int to;
            if (part.equals("*") || part.equals("?")) {
                from = min;
                to = max;
            } else {
                int dash = part.indexOf('-');
                from = value(dash >= 0 ? part.substring(0, dash) : part, names, min);
                to = dash >= 0 ? value(part.substring(dash + 1), names, min) : slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to) {
                throw new IllegalArgumentException("Out of range: " + part);
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private static int value(String text, List<String> names, int min) {
        if (names != null) {
            int i = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (i >= 0) {
                return i + min;
            }
        }
        return Integer.parseInt(text);
    }

    /** The first time of the recurrence strictly after {@code after}, in {@code zone}; {@code null} if none in 5 years. */
    public Instant next(Instant after, ZoneId zone) {
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
                continue;
            }
            if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
                continue;
            }
            return t.toInstant();
        }
        return null;
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
        if (anyDayOfMonth && anyDayOfWeek) {
            return true;
        }
        if (anyDayOfMonth) {
            return dow;
        }
        if (anyDayOfWeek) {
            return dom;
        }
        return dom || dow;
    }
}
