package dev.gureum.monitoring.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.error.AwsError;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.json.Json;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.time.Timers;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.monitoring.alarms.Alarm;
import dev.gureum.monitoring.alarms.AlarmActionRunner;
import dev.gureum.monitoring.alarms.AlarmFilter;
import dev.gureum.monitoring.alarms.AlarmHistoryItem;
import dev.gureum.monitoring.alarms.AlarmRefusal;
import dev.gureum.monitoring.alarms.AlarmScheduler;
import dev.gureum.monitoring.alarms.AlarmState;
import dev.gureum.monitoring.alarms.Alarms;
import dev.gureum.monitoring.alarms.CompositeAlarm;
import dev.gureum.monitoring.alarms.MetricAlarm;
import dev.gureum.monitoring.alarms.ModelConstraints;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * CloudWatch's alarm operations: metric and composite alarms, their states, history, actions and tags. The
 * alarms themselves live in {@link Alarms}; this class reads requests and writes answers.
 */
public final class AlarmOperations {

    private static final List<String> ALARM_TYPES = List.of("CompositeAlarm", "MetricAlarm");
    private static final List<String> STATE_VALUES = List.of("OK", "ALARM", "INSUFFICIENT_DATA");
    private static final List<String> HISTORY_ITEM_TYPES = List.of("ConfigurationUpdate", "StateUpdate", "Action",
            "AlarmContributorStateUpdate", "AlarmContributorAction");

    private final Alarms alarms;
    private final AlarmScheduler scheduler;

    /** @param alarms the alarms, replayed from CloudWatch's journal */
    public AlarmOperations(Alarms alarms, Timers timers) {
        this.alarms = alarms;
        scheduler = new AlarmScheduler(alarms, timers);
        scheduler.arm();
    }

    /** The alarms, for the metric store to give them their data ({@link Alarms#metrics}). */
    public Alarms alarms() {
        return alarms;
    }

    /** Registers the alarm operations with the service. */
    public AlarmOperations register(CloudWatchService service) {
        register(service::operation);
        return this;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("PutMetricAlarm", guarded(this::putMetricAlarm));
        op.accept("PutCompositeAlarm", guarded(this::putCompositeAlarm));
        op.accept("DescribeAlarms", guarded(this::describeAlarms));
        op.accept("DescribeAlarmsForMetric", guarded(this::describeAlarmsForMetric));
        op.accept("DescribeAlarmHistory", guarded(this::describeAlarmHistory));
        op.accept("SetAlarmState", guarded(this::setAlarmState));
        op.accept("DeleteAlarms", guarded(this::deleteAlarms));
        op.accept("EnableAlarmActions", guarded(r -> actionsEnabled(r, true)));
        op.accept("DisableAlarmActions", guarded(r -> actionsEnabled(r, false)));
        op.accept("TagResource", guarded(this::tagResource));
        op.accept("UntagResource", guarded(this::untagResource));
        op.accept("ListTagsForResource", guarded(this::listTagsForResource));
    }

    /** Stops evaluating alarms. */
    public void close() {
        scheduler.close();
    }

    private static ActionService.Operation guarded(ActionService.Operation operation) {
        return request -> {
            try {
                return operation.invoke(request);
            } catch (AlarmRefusal refusal) {
                throw new AwsException(error(refusal.reason()), refusal.getMessage());
            } catch (PageTokens.InvalidTokenException e) {
                throw new AwsException(AlarmError.INVALID_NEXT_TOKEN, "The service couldn't process the NextToken.");
            }
        };
    }

    /** The one mapping of alarm refusals to CloudWatch's errors. */
    static AwsError error(AlarmRefusal.Reason reason) {
        return switch (reason) {
            case VALIDATION -> CommonError.VALIDATION_ERROR;
            case INVALID_PARAMETER_VALUE -> CommonError.INVALID_PARAMETER_VALUE;
            case INVALID_PARAMETER_COMBINATION -> CommonError.INVALID_PARAMETER_COMBINATION;
            case MISSING_PARAMETER -> CommonError.MISSING_PARAMETER;
            case LIMIT_EXCEEDED -> AlarmError.LIMIT_EXCEEDED;
            case ALARM_NOT_FOUND -> AlarmError.RESOURCE_NOT_FOUND;
            case RESOURCE_NOT_FOUND -> AlarmError.RESOURCE_NOT_FOUND_EXCEPTION;
            case INVALID_FORMAT -> AlarmError.INVALID_FORMAT;
            case INVALID_NEXT_TOKEN -> AlarmError.INVALID_NEXT_TOKEN;
        };
    }

    private static String account(ActionRequest r) {
        return r.context().accountId();
    }

    private static String region(ActionRequest r) {
        return r.context().region();
    }

    private static CompletionStage<Struct> answer(CompletionStage<Void> durable) {
        return durable.thenApply(done -> null);
    }

    private Object putMetricAlarm(ActionRequest r) {
        return answer(alarms.putMetricAlarm(account(r), region(r), AlarmShapes.metricAlarm(r.params())));
    }

    private Object putCompositeAlarm(ActionRequest r) {
        return answer(alarms.putCompositeAlarm(account(r), region(r), AlarmShapes.compositeAlarm(r.params())));
    }

    private Struct describeAlarms(ActionRequest r) {
        Params p = r.params();
        List<String> names = p.stringList("AlarmNames");
        List<String> types = p.stringList("AlarmTypes");
        String prefix = p.string("AlarmNamePrefix");
        String childrenOf = p.string("ChildrenOfAlarmName");
        String parentsOf = p.string("ParentsOfAlarmName");
        String state = p.string("StateValue");
        String actionPrefix = p.string("ActionPrefix");
        ModelConstraints v = new ModelConstraints();
        v.listSize("alarmNames", names, 100);
        v.length("alarmNamePrefix", prefix, 1, 255);
        v.length("childrenOfAlarmName", childrenOf, 1, 255);
        v.length("parentsOfAlarmName", parentsOf, 1, 255);
        v.length("actionPrefix", actionPrefix, 1, 1024);
        v.oneOf("stateValue", state, STATE_VALUES);
        for (int i = 0; i < types.size(); i++) {
            v.oneOf("alarmTypes." + (i + 1) + ".member", types.get(i), ALARM_TYPES);
        }
        int max = maxRecords(v, p, 50);
        v.check();
        if (!names.isEmpty() && prefix != null) {
            throw new AwsException(CommonError.INVALID_PARAMETER_COMBINATION,
                    "AlarmNamePrefix and AlarmNames cannot be specified together.");
        }
        if ((childrenOf != null || parentsOf != null) && (childrenOf != null && parentsOf != null
                || !names.isEmpty() || prefix != null || !types.isEmpty() || state != null || actionPrefix != null)) {
            throw new AwsException(CommonError.INVALID_PARAMETER_COMBINATION, "If " + (childrenOf != null
                    ? "ChildrenOfAlarmName" : "ParentsOfAlarmName") + " is specified, no other parameter can be "
                    + "specified except MaxRecords and NextToken.");
        }
        List<Alarm> found = alarms.describe(account(r), region(r), new AlarmFilter(names, prefix, Set.copyOf(types),
                childrenOf, parentsOf, AlarmState.of(state), actionPrefix));
        PageTokens.Page<Alarm> page = PageTokens.page(found, p.string("NextToken"), max);
        List<Struct> composites = new ArrayList<>();
        List<Struct> metrics = new ArrayList<>();
        for (Alarm a : page.items()) {
            if (a instanceof CompositeAlarm c) {
                composites.add(AlarmShapes.compositeAlarm(c));
            } else {
                metrics.add(AlarmShapes.metricAlarm((MetricAlarm) a));
            }
        }
        return Struct.of().list("CompositeAlarms", composites).list("MetricAlarms", metrics)
                .put("NextToken", page.nextToken());
    }

    private Struct describeAlarmsForMetric(ActionRequest r) {
        Params p = r.params();
        String namespace = p.requireString("Namespace");
        String metricName = p.requireString("MetricName");
        List<MetricAlarm> found = alarms.forMetric(account(r), region(r), namespace, metricName,
                p.string("Statistic"), p.string("ExtendedStatistic"), AlarmShapes.dimensions(p), p.integer("Period"),
                p.string("Unit"));
        return Struct.of().list("MetricAlarms", found, AlarmShapes::metricAlarm);
    }

    private Struct describeAlarmHistory(ActionRequest r) {
        Params p = r.params();
        List<String> types = p.stringList("AlarmTypes");
        String itemType = p.string("HistoryItemType");
        String scanBy = p.string("ScanBy");
        ModelConstraints v = new ModelConstraints();
        v.length("alarmName", p.string("AlarmName"), 1, 255);
        v.oneOf("historyItemType", itemType, HISTORY_ITEM_TYPES);
        v.oneOf("scanBy", scanBy, List.of("TimestampDescending", "TimestampAscending"));
        for (int i = 0; i < types.size(); i++) {
            v.oneOf("alarmTypes." + (i + 1) + ".member", types.get(i), ALARM_TYPES);
        }
        int max = maxRecords(v, p, 100);
        v.check();
        Instant start = AlarmShapes.instant(p, "StartDate");
        Instant end = AlarmShapes.instant(p, "EndDate");
        List<AlarmHistoryItem> items = alarms.history(account(r), region(r), p.string("AlarmName"),
                Set.copyOf(types), itemType, start, end, "TimestampAscending".equals(scanBy));
        PageTokens.Page<AlarmHistoryItem> page = PageTokens.page(items, p.string("NextToken"), max);
        return Struct.of().list("AlarmHistoryItems", page.items(), AlarmShapes::historyItem)
                .put("NextToken", page.nextToken());
    }

    private Object setAlarmState(ActionRequest r) {
        Params p = r.params();
        String name = p.requireString("AlarmName");
        String state = p.requireString("StateValue");
        String reason = p.requireString("StateReason");
        String reasonData = p.string("StateReasonData");
        ModelConstraints v = new ModelConstraints();
        v.length("alarmName", name, 1, 255);
        v.oneOf("stateValue", state, STATE_VALUES);
        v.length("stateReason", reason, 0, 1023);
        v.length("stateReasonData", reasonData, 0, 4000);
        v.check();
        if (reasonData != null && !reasonData.isEmpty()) {
            try {
                Json.mapper().readTree(reasonData);
            } catch (JsonProcessingException e) {
                throw new AwsException(AlarmError.INVALID_FORMAT, "StateReasonData is not valid JSON.");
            }
        }
        return answer(alarms.setState(account(r), region(r), name, AlarmState.of(state), reason, reasonData));
    }

    private static List<String> alarmNames(Params p) {
        if (!p.has("AlarmNames")) {
            throw AlarmShapes.missing("AlarmNames");
        }
        List<String> names = p.stringList("AlarmNames");
        ModelConstraints v = new ModelConstraints();
        v.listSize("alarmNames", names, 100);
        v.check();
        return names;
    }

    private Object deleteAlarms(ActionRequest r) {
        return answer(alarms.delete(account(r), region(r), new LinkedHashSet<>(alarmNames(r.params()))));
    }

    private Object actionsEnabled(ActionRequest r, boolean enabled) {
        return answer(alarms.actionsEnabled(account(r), region(r), alarmNames(r.params()), enabled));
    }

    private Object tagResource(ActionRequest r) {
        Params p = r.params();
        String arn = p.requireString("ResourceARN");
        if (!p.has("Tags")) {
            throw AlarmShapes.missing("Tags");
        }
        return answer(alarms.tag(account(r), region(r), arn, AlarmShapes.tags(p)));
    }

    private Object untagResource(ActionRequest r) {
        Params p = r.params();
        String arn = p.requireString("ResourceARN");
        if (!p.has("TagKeys")) {
            throw AlarmShapes.missing("TagKeys");
        }
        return answer(alarms.untag(account(r), region(r), arn, p.stringList("TagKeys")));
    }

    private Struct listTagsForResource(ActionRequest r) {
        String arn = r.params().requireString("ResourceARN");
        return AlarmShapes.tags(alarms.tags(account(r), region(r), arn));
    }

    private static int maxRecords(ModelConstraints v, Params p, int defaultValue) {
        Integer max = p.integer("MaxRecords");
        v.atLeast("maxRecords", max, 1);
        v.atMost("maxRecords", max, 100);
        return max == null ? defaultValue : max;
    }
}
