package dev.gureum.monitoring.alarms;

import dev.gureum.core.id.Arn;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.time.Timers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The alarms of every account and region, their history, and the operations on them. Every change is a record
 * applied here and appended to the {@code cloudwatch} journal; evaluations ({@link #evaluate}) come from
 * {@link AlarmScheduler}. Actions run after the change that caused them, outside the lock, and their results
 * are added to the history.
 */
public final class Alarms {

    /** Alarms one account may have in a region. */
    public static final int MAX_ALARMS = 10_000;
    /** History items kept per account and region (AWS keeps two weeks of history). */
    static final int MAX_HISTORY = 10_000;
    static final Duration HISTORY_RETENTION = Duration.ofDays(14);
    /** How deep a change of state goes through composite alarms over composite alarms. */
    private static final int MAX_COMPOSITE_DEPTH = 10;

    private final Timers timers;
    private final AlarmActionRunner runner;
    private final Map<String, Scope> scopes = new LinkedHashMap<>();
    private final CompositeRules composites = new CompositeRules();
    private volatile AlarmMetrics metrics = AlarmMetrics.NONE;
    private volatile StateJournal journal;
    private volatile Consumer<Alarms> changed = a -> { };
    private long nextHistoryId = 1;
    /** How many metric alarms there are, and how many of them have a 10- or 30-second period. */
    private int metricAlarms;
    private int highResolutionAlarms;

    /** One account's alarms and history in one region. */
    static final class Scope {
        final TreeMap<String, Alarm> alarms = new TreeMap<>();
        final TreeMap<Long, AlarmHistoryItem> history = new TreeMap<>();
    }

    /** An action to run once the change that caused it is applied. */
    private record Pending(Alarm alarm, AlarmState oldState, String action) {
    }

    /** The records and actions of one operation. */
    private final class Change {
        final List<Object> records = new ArrayList<>();
        final List<Pending> actions = new ArrayList<>();

        void record(Object record) {
            apply(record);
            records.add(record);
        }

        CompletionStage<Void> append() {
            CompletionStage<Void> last = CompletableFuture.completedFuture(null);
            StateJournal j = journal;
            if (j != null) {
                for (Object r : records) {
                    last = j.append(r);
                }
            }
            return last;
        }
    }

    public Alarms(Timers timers, AlarmActionRunner runner) {
        this.timers = timers;
        this.runner = runner;
    }

    /** The journal alarm changes are appended to (CloudWatch's, which replays them through {@link #apply}). */
    public void journal(StateJournal journal) {
        this.journal = journal;
    }

    /** Where alarms read metric data from (the metric store; none by default). */
    public void metrics(AlarmMetrics source) {
        metrics = source;
    }

    /** Called after an alarm is created, so that the scheduler evaluates it. */
    void onChange(Consumer<Alarms> listener) {
        changed = listener;
    }

    Instant now() {
        return timers.clock().instant();
    }

    // ---- records ---------------------------------------------------------------------------------

    public synchronized void apply(Object record) {
        if (record instanceof Alarm a) {
            count(scope(a.account(), a.region()).alarms.put(a.name(), a), -1);
            count(a, 1);
        } else if (record instanceof AlarmRecords.AlarmDeleted d) {
            count(scope(d.account(), d.region()).alarms.remove(d.name()), -1);
        } else if (record instanceof AlarmHistoryItem h) {
            Scope s = scope(h.account(), h.region());
            s.history.put(h.id(), h);
            nextHistoryId = Math.max(nextHistoryId, h.id() + 1);
            while (s.history.size() > MAX_HISTORY) {
                s.history.pollFirstEntry();
            }
        } else {
            throw new IllegalArgumentException("Not a CloudWatch alarm record: " + record.getClass().getName());
        }
    }

    private void count(Alarm alarm, int change) {
        if (alarm instanceof MetricAlarm m) {
            metricAlarms += change;
            if (m.evaluatedPeriod() < 60) {
                highResolutionAlarms += change;
            }
        }
    }

    public synchronized List<Object> records() {
        List<Object> records = new ArrayList<>();
        Instant oldest = now().minus(HISTORY_RETENTION);
        for (Scope s : scopes.values()) {
            records.addAll(s.alarms.values());
            for (AlarmHistoryItem h : s.history.values()) {
                if (!h.timestamp().isBefore(oldest)) {
                    records.add(h);
                }
            }
        }
        return records;
    }

    public synchronized void clear() {
        scopes.clear();
        metricAlarms = 0;
        highResolutionAlarms = 0;
    }

    /** Drops every alarm and its history, durably. */
    public CompletionStage<Void> reset() {
        StateJournal j = journal;
        if (j != null) {
            return j.reset();
        }
        clear();
        return CompletableFuture.completedFuture(null);
    }

    private Scope scope(String account, String region) {
        return scopes.computeIfAbsent(account + "|" + region, k -> new Scope());
    }

    private void history(Change change, Alarm alarm, String itemType, String summary, String data) {
        change.record(new AlarmHistoryItem(alarm.account(), alarm.region(), nextHistoryId, alarm.name(), alarm.type(),
                now(), itemType, summary, data));
    }

    // ---- creating and changing alarms --------------------------------------------------------------

    public static String arn(String account, String region, String name) {
        return Arn.of("cloudwatch", region, account, "alarm:" + name).toString();
    }

    /** {@code PutMetricAlarm}: creates the alarm, or replaces its configuration keeping its state and tags. */
    public CompletionStage<Void> putMetricAlarm(String account, String region, AlarmInputs.MetricAlarmInput in) {
        AlarmValidation.metricAlarm(in, region);
        Change change = new Change();
        synchronized (this) {
            Scope scope = scope(account, region);
            Alarm existing = scope.alarms.get(in.name());
            if (existing instanceof CompositeAlarm) {
                throw AlarmValidation.invalid("The alarm " + in.name() + " already exists as a composite alarm.");
            }
            if (existing == null && scope.alarms.size() >= MAX_ALARMS) {
                throw new AlarmRefusal(AlarmRefusal.Reason.LIMIT_EXCEEDED,
                        "The maximum number of alarms (" + MAX_ALARMS + ") for this account has been reached.");
            }
            Instant now = now();
            MetricAlarm alarm = new MetricAlarm(account, region, in.name(), arn(account, region, in.name()),
                    in.description(), in.actionsEnabled() == null || in.actionsEnabled(), in.okActions(),
                    in.alarmActions(), in.insufficientDataActions(), in.namespace(), in.metricName(), in.dimensions(),
                    in.statistic(), in.extendedStatistic(), in.period(), in.unit(), in.evaluationPeriods(),
                    in.datapointsToAlarm(), in.threshold(), ComparisonOperator.of(in.comparisonOperator()),
                    TreatMissingData.of(in.treatMissingData()), in.evaluateLowSampleCountPercentile(), in.metrics(),
                    in.thresholdMetricId(), existing == null ? in.tags() : existing.tags(), now,
                    existing == null ? AlarmStatus.initial(now) : existing.status());
            change.record(alarm);
            configurationHistory(change, existing, alarm);
        }
        changed.accept(this);
        return change.append();
    }

    /** {@code PutCompositeAlarm}: creates or replaces the alarm, then evaluates its rule at once. */
    public CompletionStage<Void> putCompositeAlarm(String account, String region, AlarmInputs.CompositeAlarmInput in) {
        AlarmValidation.compositeAlarm(in, region);
        AlarmRule rule = AlarmRule.parse(in.rule());
        Change change = new Change();
        synchronized (this) {
            Scope scope = scope(account, region);
            Alarm existing = scope.alarms.get(in.name());
            if (existing instanceof MetricAlarm) {
                throw AlarmValidation.invalid("The alarm " + in.name() + " already exists as a metric alarm.");
            }
            if (existing == null && scope.alarms.size() >= MAX_ALARMS) {
                throw new AlarmRefusal(AlarmRefusal.Reason.LIMIT_EXCEEDED,
                        "The maximum number of alarms (" + MAX_ALARMS + ") for this account has been reached.");
            }
            composites.check(rule, in.name(), arn(account, region, in.name()), ref -> find(scope, account, region, ref));
            if (in.actionsSuppressor() != null && find(scope, account, region, in.actionsSuppressor()) == null) {
                throw AlarmValidation.invalid("The alarm " + in.actionsSuppressor()
                        + " named as ActionsSuppressor does not exist.");
            }
            Instant now = now();
            Integer wait = in.actionsSuppressor() == null ? null
                    : in.actionsSuppressorWaitPeriod() == null ? 60 : in.actionsSuppressorWaitPeriod();
            Integer extension = in.actionsSuppressor() == null ? null
                    : in.actionsSuppressorExtensionPeriod() == null ? 60 : in.actionsSuppressorExtensionPeriod();
            CompositeAlarm alarm = new CompositeAlarm(account, region, in.name(), arn(account, region, in.name()),
                    in.description(), in.actionsEnabled() == null || in.actionsEnabled(), in.okActions(),
                    in.alarmActions(), in.insufficientDataActions(), in.rule(), in.actionsSuppressor(), wait, extension,
                    existing == null ? in.tags() : existing.tags(), now,
                    existing == null ? AlarmStatus.initial(now) : existing.status(), null, null);
            change.record(alarm);
            configurationHistory(change, existing, alarm);
            evaluateComposite(change, scope, alarm, null, 0);
        }
        return finish(change);
    }

    private void configurationHistory(Change change, Alarm existing, Alarm alarm) {
        if (existing == null) {
            history(change, alarm, "ConfigurationUpdate", AlarmHistoryData.createdSummary(alarm),
                    AlarmHistoryData.created(alarm));
        } else {
            history(change, alarm, "ConfigurationUpdate", AlarmHistoryData.updatedSummary(alarm),
                    AlarmHistoryData.updated(existing, alarm));
        }
    }

    /** The alarm a rule or a suppressor names, by name or by ARN, in this account and region. */
    private Alarm find(Scope scope, String account, String region, String nameOrArn) {
        String prefix = arn(account, region, "");
        String name = nameOrArn.startsWith("arn:") ? (nameOrArn.startsWith(prefix)
                ? nameOrArn.substring(prefix.length()) : null) : nameOrArn;
        return name == null ? null : scope.alarms.get(name);
    }

    /** {@code SetAlarmState}: sets the state until the next evaluation, running the transition's actions. */
    public CompletionStage<Void> setState(String account, String region, String name, AlarmState state, String reason,
                                          String reasonData) {
        Change change = new Change();
        synchronized (this) {
            Scope scope = scope(account, region);
            Alarm alarm = scope.alarms.get(name);
            if (alarm == null) {
                throw new AlarmRefusal(AlarmRefusal.Reason.ALARM_NOT_FOUND, "Alarm " + name + " not found");
            }
            transition(change, scope, alarm, state, reason, reasonData, 0);
        }
        return finish(change);
    }

    /** {@code DeleteAlarms}: all of them, or none when one does not exist. */
    public CompletionStage<Void> delete(String account, String region, Collection<String> names) {
        Change change = new Change();
        synchronized (this) {
            Scope scope = scope(account, region);
            List<String> missing = names.stream().filter(n -> !scope.alarms.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                throw new AlarmRefusal(AlarmRefusal.Reason.ALARM_NOT_FOUND,
                        missing.size() == 1 ? "Alarm " + missing.get(0) + " not found" : "Alarms " + missing + " not found");
            }
            for (String name : Set.copyOf(names)) {
                Alarm alarm = scope.alarms.get(name);
                change.record(new AlarmRecords.AlarmDeleted(account, region, name));
                history(change, alarm, "ConfigurationUpdate", AlarmHistoryData.deletedSummary(alarm),
                        AlarmHistoryData.deleted(alarm));
            }
        }
        return change.append();
    }

    /** {@code EnableAlarmActions} and {@code DisableAlarmActions}; names of no alarm are passed over, as on AWS. */
    public CompletionStage<Void> actionsEnabled(String account, String region, Collection<String> names, boolean enabled) {
        Change change = new Change();
        synchronized (this) {
            Scope scope = scope(account, region);
            for (String name : names) {
                Alarm alarm = scope.alarms.get(name);
                if (alarm != null && alarm.actionsEnabled() != enabled) {
                    change.record(alarm.withActionsEnabled(enabled));
                }
            }
        }
        return change.append();
    }

    // ---- tags --------------------------------------------------------------------------------------

    private Alarm byArn(String account, String region, String resourceArn) {
        Alarm alarm = resourceArn.startsWith(arn(account, region, ""))
                ? scope(account, region).alarms.get(resourceArn.substring(arn(account, region, "").length())) : null;
        if (alarm == null) {
            throw new AlarmRefusal(AlarmRefusal.Reason.RESOURCE_NOT_FOUND, "Resource " + resourceArn + " not found");
        }
        return alarm;
    }

    public synchronized Map<String, String> tags(String account, String region, String resourceArn) {
        return byArn(account, region, resourceArn).tags();
    }

    public CompletionStage<Void> tag(String account, String region, String resourceArn, Map<String, String> tags) {
        Change change = new Change();
        synchronized (this) {
            Alarm alarm = byArn(account, region, resourceArn);
            Map<String, String> merged = new LinkedHashMap<>(alarm.tags());
            merged.putAll(tags);
            if (merged.size() > AlarmValidation.MAX_TAGS) {
                throw AlarmValidation.invalid("The number of tags (" + merged.size() + ") exceeds the limit of "
                        + AlarmValidation.MAX_TAGS + ".");
            }
            change.record(alarm.withTags(merged));
        }
        return change.append();
    }

    public CompletionStage<Void> untag(String account, String region, String resourceArn, Collection<String> keys) {
        Change change = new Change();
        synchronized (this) {
            Alarm alarm = byArn(account, region, resourceArn);
            Map<String, String> kept = new LinkedHashMap<>(alarm.tags());
            kept.keySet().removeAll(keys);
            change.record(alarm.withTags(kept));
        }
        return change.append();
    }

    // ---- reading -------------------------------------------------------------------------------------

    /** {@code DescribeAlarms}: the alarms the filter selects, by name. */
    public synchronized List<Alarm> describe(String account, String region, AlarmFilter filter) {
        Scope scope = scope(account, region);
        Collection<Alarm> candidates = scope.alarms.values();
        if (filter.childrenOf() != null) {
            Alarm parent = scope.alarms.get(filter.childrenOf());
            List<Alarm> children = new ArrayList<>();
            if (parent instanceof CompositeAlarm c) {
                for (String ref : AlarmRule.parse(c.rule()).alarms()) {
                    Alarm child = find(scope, account, region, ref);
                    if (child != null && !children.contains(child)) {
                        children.add(child);
                    }
                }
            }
            candidates = children;
        } else if (filter.parentsOf() != null) {
            Alarm child = scope.alarms.get(filter.parentsOf());
            candidates = child == null ? List.of()
                    : new ArrayList<>(composites.parents(scope, child, ref -> find(scope, account, region, ref)));
        }
        List<Alarm> found = new ArrayList<>();
        for (Alarm a : candidates) {
            if (!filter.lists(a.type())
                    || (!filter.names().isEmpty() && !filter.names().contains(a.name()))
                    || (filter.namePrefix() != null && !a.name().startsWith(filter.namePrefix()))
                    || (filter.state() != null && a.status().value() != filter.state())
                    || (filter.actionPrefix() != null && !hasActionPrefix(a, filter.actionPrefix()))) {
                continue;
            }
            found.add(a);
        }
        found.sort(java.util.Comparator.comparing(Alarm::name));
        return found;
    }

    private static boolean hasActionPrefix(Alarm a, String prefix) {
        for (AlarmState s : AlarmState.values()) {
            for (String action : a.actionsFor(s)) {
                if (action.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code DescribeAlarmsForMetric}: the single-metric alarms on the metric, narrowed by what is given. */
    public synchronized List<MetricAlarm> forMetric(String account, String region, String namespace, String metricName,
                                                    String statistic, String extendedStatistic,
                                                    List<MetricStat.Dimension> dimensions, Integer period, String unit) {
        List<MetricAlarm> found = new ArrayList<>();
        for (Alarm a : scope(account, region).alarms.values()) {
            if (a instanceof MetricAlarm m && !m.onMetrics() && m.namespace().equals(namespace)
                    && m.metricName().equals(metricName)
                    && (statistic == null || statistic.equals(m.statistic()))
                    && (extendedStatistic == null || extendedStatistic.equals(m.extendedStatistic()))
                    && (dimensions.isEmpty() || Set.copyOf(dimensions).equals(Set.copyOf(m.dimensions())))
                    && (period == null || period.equals(m.period()))
                    && (unit == null || unit.equals(m.unit()))) {
                found.add(m);
            }
        }
        return found;
    }

    /**
     * {@code DescribeAlarmHistory}: items of one alarm or all, of the alarm types asked for (metric alarms when
     * none), of one item type or all, from {@code start} up to {@code end}, newest first unless {@code ascending}.
     */
    public synchronized List<AlarmHistoryItem> history(String account, String region, String alarmName,
                                                       Set<String> types, String itemType, Instant start, Instant end,
                                                       boolean ascending) {
        List<AlarmHistoryItem> items = new ArrayList<>();
        Instant oldest = now().minus(HISTORY_RETENTION);
        for (AlarmHistoryItem h : scope(account, region).history.values()) {
            if ((alarmName == null || alarmName.equals(h.alarmName()))
                    && (types.isEmpty() ? h.alarmType().equals("MetricAlarm") : types.contains(h.alarmType()))
                    && (itemType == null || itemType.equals(h.itemType()))
                    && (start == null || !h.timestamp().isBefore(start))
                    && (end == null || !h.timestamp().isAfter(end))
                    && !h.timestamp().isBefore(oldest)) {
                items.add(h);
            }
        }
        if (!ascending) {
            java.util.Collections.reverse(items);
        }
        return items;
    }

    /** Whether any alarm evaluates more often than once a minute (a 10- or 30-second period). */
    synchronized boolean anyHighResolution() {
        return highResolutionAlarms > 0;
    }

    synchronized boolean anyMetricAlarm() {
        return metricAlarms > 0;
    }

    // ---- evaluation and transitions --------------------------------------------------------------------

    /**
     * Evaluates the metric alarms due at {@code at}: every alarm at each minute, alarms with a 10- or 30-second
     * period at each of their periods too.
     */
    public CompletionStage<Void> evaluate(Instant at) {
        Change change = new Change();
        synchronized (this) {
            long second = at.getEpochSecond();
            for (Scope scope : scopes.values()) {
                for (Alarm a : List.copyOf(scope.alarms.values())) {
                    Alarm current = scope.alarms.get(a.name());
                    if (!(current instanceof MetricAlarm m)) {
                        continue;
                    }
                    int step = Math.min(m.evaluatedPeriod(), 60);
                    if (second % step != 0) {
                        continue;
                    }
                    AlarmEvaluation.Outcome outcome;
                    try {
                        outcome = AlarmEvaluation.evaluate(m, at, metrics);
                    } catch (RuntimeException e) {
                        // data that cannot be read leaves this alarm as it is; the others are still evaluated
                        continue;
                    }
                    if (outcome != null && outcome.state() != m.status().value()) {
                        transition(change, scope, m, outcome.state(), outcome.reason(), outcome.reasonData(), 0);
                    } else if (outcome != null && second % 60 == 0) {
                        repeatScalingActions(change, m);
                    }
                }
            }
        }
        return finish(change);
    }

    private void transition(Change change, Scope scope, Alarm alarm, AlarmState state, String reason,
                            String reasonData, int depth) {
        Instant now = now();
        AlarmStatus old = alarm.status();
        boolean changesState = old.value() != state;
        AlarmStatus status = new AlarmStatus(state, reason, reasonData, now, changesState ? now : old.transitioned());
        Alarm updated = alarm.withStatus(status);
        if (!changesState) {
            change.record(updated);
            return;
        }
        if (updated instanceof CompositeAlarm c) {
            updated = composites.suppression(c, scope, ref -> find(scope, c.account(), c.region(), ref), now);
        }
        change.record(updated);
        history(change, updated, "StateUpdate", AlarmHistoryData.stateSummary(old.value(), state),
                AlarmHistoryData.state(old, status));
        boolean suppressed = updated instanceof CompositeAlarm c && c.actionsSuppressedBy() != null;
        if (updated.actionsEnabled() && !suppressed) {
            for (String action : updated.actionsFor(state)) {
                change.actions.add(new Pending(updated, old.value(), action));
            }
        }
        if (updated instanceof CompositeAlarm c && "WaitPeriod".equals(c.actionsSuppressedBy())) {
            Alarm waiting = updated;
            timers.after(Duration.ofSeconds(c.actionsSuppressorWaitPeriod()), () -> endOfWait(waiting, old.value()));
        }
        if (depth < MAX_COMPOSITE_DEPTH) {
            for (CompositeAlarm parent : composites.parents(scope, updated,
                    ref -> find(scope, alarm.account(), alarm.region(), ref))) {
                evaluateComposite(change, scope, parent, updated, depth + 1);
            }
        }
    }

    /**
     * Alarms invoke their actions when they change state, except Auto Scaling actions: while the alarm stays in
     * the state, CloudWatch invokes those again once a minute (AWS's alarm actions documentation), which is how a
     * target tracking or step policy keeps scaling while the metric stays beyond its threshold.
     */
    private void repeatScalingActions(Change change, MetricAlarm alarm) {
        if (!alarm.actionsEnabled()) {
            return;
        }
        AlarmState state = alarm.status().value();
        for (String action : alarm.actionsFor(state)) {
            if (AlarmActionRunner.isScalingAction(action)) {
                change.actions.add(new Pending(alarm, state, action));
            }
        }
    }

    private void evaluateComposite(Change change, Scope scope, CompositeAlarm alarm, Alarm trigger, int depth) {
        CompositeAlarm current = (CompositeAlarm) scope.alarms.get(alarm.name());
        CompositeRules.Outcome outcome = composites.evaluate(current, trigger,
                ref -> find(scope, alarm.account(), alarm.region(), ref));
        if (outcome.state() != current.status().value()) {
            transition(change, scope, current, outcome.state(), outcome.reason(), outcome.reasonData(), depth);
        }
    }

    /** A composite alarm's wait for its suppressor ended: its actions run unless the suppressor went into ALARM. */
    private void endOfWait(Alarm waiting, AlarmState oldState) {
        Change change = new Change();
        synchronized (this) {
            Scope scope = scope(waiting.account(), waiting.region());
            if (!(scope.alarms.get(waiting.name()) instanceof CompositeAlarm c)
                    || !"WaitPeriod".equals(c.actionsSuppressedBy()) || c.status().value() != AlarmState.ALARM) {
                return;
            }
            Alarm suppressor = find(scope, c.account(), c.region(), c.actionsSuppressor());
            boolean suppressed = suppressor != null && suppressor.status().value() == AlarmState.ALARM;
            CompositeAlarm updated = suppressed
                    ? c.withSuppression("Alarm", "Alarm " + c.actionsSuppressor() + " is in ALARM state.")
                    : c.withSuppression(null, null);
            change.record(updated);
            if (!suppressed && updated.actionsEnabled()) {
                for (String action : updated.alarmActions()) {
                    change.actions.add(new Pending(updated, oldState, action));
                }
            }
        }
        finish(change);
    }

    /** Appends the change's records, then runs its actions and records what they came to. */
    private CompletionStage<Void> finish(Change change) {
        CompletionStage<Void> durable = change.append();
        if (change.actions.isEmpty()) {
            return durable;
        }
        Change results = new Change();
        for (Pending p : change.actions) {
            AlarmActionRunner.Result result = runner.run(p.alarm(), p.oldState(), p.action());
            synchronized (this) {
                history(results, p.alarm(), "Action", result.summary(), result.data());
            }
        }
        CompletionStage<Void> recorded = results.append();
        return durable.thenCombine(recorded, (a, b) -> null);
    }
}
