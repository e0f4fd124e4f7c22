package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.AutoScalingRefusal;
import dev.gureum.autoscaling.domain.ScheduledAction;
import dev.gureum.autoscaling.domain.ScheduledActions;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.gureum.autoscaling.protocol.AutoScalingService.account;
import static dev.gureum.autoscaling.protocol.AutoScalingService.region;

/** Scheduled actions: put (one or a batch), describe, delete (one or a batch). */
public final class ScheduledActionOperations {

    private final AutoScalingService service;
    private final ScheduledActions actions;

    public ScheduledActionOperations(AutoScalingService service, ScheduledActions actions) {
        this.service = service;
        this.actions = actions;
    }

    public void register() {
        service.operation("PutScheduledUpdateGroupAction", this::put);
        service.operation("BatchPutScheduledUpdateGroupAction", this::batchPut);
        service.operation("DescribeScheduledActions", this::describe);
        service.operation("DeleteScheduledAction", this::delete);
        service.operation("BatchDeleteScheduledAction", this::batchDelete);
    }

    /** A timestamp of the query protocol: ISO 8601, or seconds since the epoch. */
    static Instant time(Params p, String member) {
        String text = p.string(member);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochMilli((long) (Double.parseDouble(text) * 1000));
            } catch (NumberFormatException n) {
                throw AutoScalingRefusal.validation("Invalid timestamp for " + member + ": " + text);
            }
        }
    }

    private static ScheduledAction spec(Params p, String group, boolean withTime) {
        Instant start = time(p, "StartTime");
        if (start == null && withTime) {
            start = time(p, "Time");
        }
        return new ScheduledAction(null, null, null, group, p.requireString("ScheduledActionName"), start,
                time(p, "EndTime"), p.string("Recurrence"), p.integer("MinSize"), p.integer("MaxSize"),
                p.integer("DesiredCapacity"), p.string("TimeZone"), null);
    }

    private Object put(ActionRequest r) {
        actions.put(account(r), region(r), spec(r.params(), r.params().requireString("AutoScalingGroupName"), true));
        return Struct.of();
    }

    /** Each action is put on its own; those refused are listed with their error, as AWS answers. */
    private Object batchPut(ActionRequest r) {
        String group = r.params().requireString("AutoScalingGroupName");
        List<Params> requests = r.params().list("ScheduledUpdateGroupActions");
        service.domain().groups().get(account(r), region(r), group);
        List<Struct> failed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Params p : requests) {
            String name = p.requireString("ScheduledActionName");
            if (!seen.add(name)) {
                failed.add(failure(name, "AlreadyExists", "Scheduled action " + name + " is given more than once."));
                continue;
            }
            try {
                actions.put(account(r), region(r), spec(p, group, false));
            } catch (AutoScalingRefusal refusal) {
                failed.add(failure(name, AutoScalingError.of(refusal).error().code(), refusal.getMessage()));
            }
        }
        return Struct.of().list("FailedScheduledUpdateGroupActions", failed);
    }

    private static Struct failure(String name, String code, String message) {
        return Struct.of().put("ScheduledActionName", name).put("ErrorCode", code).put("ErrorMessage", message);
    }

    private Object describe(ActionRequest r) {
        Params p = r.params();
        String group = p.string("AutoScalingGroupName");
        List<String> names = p.stringList("ScheduledActionNames");
        Instant from = time(p, "StartTime");
        Instant to = time(p, "EndTime");
        if (group != null) {
            service.domain().groups().get(account(r), region(r), group);
        }
        List<ScheduledAction> found = actions.all(account(r), region(r)).stream()
                .filter(a -> group == null || a.groupName().equals(group))
                .filter(a -> names.isEmpty() || names.contains(a.name()))
                .filter(a -> from == null || a.nextRun() != null && !a.nextRun().isBefore(from))
                .filter(a -> to == null || a.nextRun() != null && !a.nextRun().isAfter(to))
                .toList();
        return AutoScalingService.page(Struct.of(), "ScheduledUpdateGroupActions", found, r, 100,
                ScheduledActionOperations::action);
    }

    private Object delete(ActionRequest r) {
        String group = r.params().requireString("AutoScalingGroupName");
        String name = r.params().requireString("ScheduledActionName");
        if (!actions.delete(account(r), region(r), group, List.of(name)).isEmpty()) {
            throw AutoScalingRefusal.validation("Scheduled action name not found - Could not find scheduled action: "
                    + name);
        }
        return Struct.of();
    }

    private Object batchDelete(ActionRequest r) {
        String group = r.params().requireString("AutoScalingGroupName");
        List<String> names = r.params().stringList("ScheduledActionNames");
        List<String> missing = actions.delete(account(r), region(r), group, names);
        return Struct.of().list("FailedScheduledActions", missing, name -> failure(name, "ValidationError",
                "Could not find scheduled action: " + name));
    }

    static Struct action(ScheduledAction a) {
        return Struct.of()
                .put("AutoScalingGroupName", a.groupName())
                .put("ScheduledActionName", a.name())
                .put("ScheduledActionARN", a.arn())
                .put("Time", a.nextRun())
                .put("StartTime", a.nextRun())
                .put("EndTime", a.endTime())
                .put("Recurrence", a.recurrence())
                .put("MinSize", a.minSize())
                .put("MaxSize", a.maxSize())
                .put("DesiredCapacity", a.desiredCapacity())
                .put("TimeZone", a.timeZone());
    }
}
