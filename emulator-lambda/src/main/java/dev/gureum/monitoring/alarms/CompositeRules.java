package dev.gureum.monitoring.alarms;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Composite alarms' rules at work: which alarms a rule may name, which composite alarms an alarm's change of
 * state concerns, the state a rule gives (true is {@code ALARM}, false {@code OK}) with AWS's reason
 * ("arn:... transitioned to ALARM at Monday 07 December, 2026 12:03:00 UTC") and reason data
 * ({@code triggeringAlarms}), and whether the alarm's actions are suppressed.
 */
final class CompositeRules {

    private static final DateTimeFormatter REASON_TIME = DateTimeFormatter
            .ofPattern("EEEE dd MMMM, yyyy HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A composite alarm's state as its rule gives it. */
    record Outcome(AlarmState state, String reason, String reasonData) {
    }

    private final Map<String, AlarmRule> parsed = new ConcurrentHashMap<>();

    AlarmRule rule(String text) {
        return parsed.computeIfAbsent(text, AlarmRule::parse);
    }

    /**
     * Checks that a rule names at most {@value AlarmRule#MAX_ALARMS} alarms, each existing and none the composite
     * alarm itself.
     */
    void check(AlarmRule rule, String name, String arn, Function<String, Alarm> resolve) {
        if (rule.alarms().size() > AlarmRule.MAX_ALARMS) {
            throw AlarmValidation.invalid("An alarm rule can name at most " + AlarmRule.MAX_ALARMS + " alarms.");
        }
        List<String> missing = new ArrayList<>();
        for (String ref : rule.alarms()) {
            if (ref.equals(name) || ref.equals(arn)) {
                throw AlarmValidation.invalid("The alarm rule of " + name + " cannot refer to the alarm itself.");
            }
            if (resolve.apply(ref) == null) {
                missing.add(ref);
            }
        }
        if (!missing.isEmpty()) {
            throw AlarmValidation.invalid("Could not save the composite alarm as alarms " + missing
                    + " in the alarm rule do not exist");
        }
    }

    /** The composite alarms whose rules name {@code child}. */
    List<CompositeAlarm> parents(Alarms.Scope scope, Alarm child, Function<String, Alarm> resolve) {
        List<CompositeAlarm> parents = new ArrayList<>();
        for (Alarm a : scope.alarms.values()) {
            if (a instanceof CompositeAlarm c) {
                for (String ref : rule(c.rule()).alarms()) {
                    Alarm named = resolve.apply(ref);
                    if (named != null && named.name().equals(child.name())) {
                        parents.add(c);
                        break;
                    }
                }
            }
        }
        return parents;
    }

    /** The state the rule gives, {@code trigger} being the alarm whose change caused the evaluation, if any. */
    Outcome evaluate(CompositeAlarm alarm, Alarm trigger, Function<String, Alarm> resolve) {
        AlarmRule rule = rule(alarm.rule());
        boolean holds = rule.holds(ref -> {
            Alarm a = resolve.apply(ref);
            return a == null ? AlarmState.INSUFFICIENT_DATA : a.status().value();
        });
        List<Alarm> triggering = new ArrayList<>();
        if (trigger != null) {
            triggering.add(trigger);
        } else {
            for (String ref : rule.alarms()) {
                Alarm a = resolve.apply(ref);
                if (a != null && !triggering.contains(a)) {
                    triggering.add(a);
                }
            }
        }
        AlarmState state = holds ? AlarmState.ALARM : AlarmState.OK;
        String reason;
        if (triggering.isEmpty()) {
            reason = "The alarm rule evaluated to " + (holds ? "TRUE" : "FALSE") + ".";
        } else {
            Alarm first = triggering.get(0);
            reason = first.arn() + " transitioned to " + first.status().value().name() + " at "
                    + REASON_TIME.format(first.status().transitioned());
        }
        List<JsonText> alarms = new ArrayList<>();
        for (Alarm a : triggering) {
            alarms.add(JsonText.object().put("arn", a.arn()).put("state", JsonText.object()
                    .put("value", a.status().value().name())
                    .put("timestamp", AlarmEvaluation.DATA_TIME.format(a.status().transitioned()))));
        }
        return new Outcome(state, reason, JsonText.object().put("triggeringAlarms", alarms).toString());
    }

    /**
     * The composite alarm with its suppression as of {@code now}: in {@code ALARM}, its actions are suppressed
     * while the suppressor is in {@code ALARM} ({@code Alarm}), for {@code ActionsSuppressorExtensionPeriod}
     * seconds after the suppressor left {@code ALARM} ({@code ExtensionPeriod}), and for
     * {@code ActionsSuppressorWaitPeriod} seconds while waiting for the suppressor to go into {@code ALARM}
     * ({@code WaitPeriod}). In other states nothing is suppressed.
     */
    CompositeAlarm suppression(CompositeAlarm alarm, Alarms.Scope scope, Function<String, Alarm> resolve, Instant now) {
        if (alarm.status().value() != AlarmState.ALARM || alarm.actionsSuppressor() == null) {
            return alarm.withSuppression(null, null);
        }
        Alarm suppressor = resolve.apply(alarm.actionsSuppressor());
        if (suppressor == null) {
            return alarm.withSuppression(null, null);
        }
        if (suppressor.status().value() == AlarmState.ALARM) {
            return alarm.withSuppression("Alarm", "Alarm " + suppressor.arn() + " is in ALARM state.");
        }
        Integer extension = alarm.actionsSuppressorExtensionPeriod();
        if (extension != null && extension > 0) {
            for (AlarmHistoryItem h : scope.history.descendingMap().values()) {
                if (h.alarmName().equals(suppressor.name()) && h.itemType().equals("StateUpdate")) {
                    if (h.summary().startsWith("Alarm updated from ALARM to")
                            && h.timestamp().plusSeconds(extension).isAfter(now)) {
                        return alarm.withSuppression("ExtensionPeriod", "Extension period of " + extension
                                + " seconds after " + suppressor.arn() + " left ALARM state.");
                    }
                    break;
                }
            }
        }
        Integer wait = alarm.actionsSuppressorWaitPeriod();
        if (wait != null && wait > 0) {
            return alarm.withSuppression("WaitPeriod", "Waiting " + wait + " seconds for " + suppressor.arn()
                    + " to go into ALARM state.");
        }
        return alarm.withSuppression(null, null);
    }
}
