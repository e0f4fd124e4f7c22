package dev.gureum.autoscaling.domain;

import dev.gureum.core.id.Arn;
import dev.gureum.core.time.Timers;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scheduled actions: kept in the store, each waiting on a timer of the server clock for its next run, when it
 * sets the group's minimum, maximum and desired capacity with AWS's cause text. A one-time action, or a recurring
 * one past its end time, is deleted once it has run, as on AWS.
 */
public final class ScheduledActions {

    /** AWS's limit of scheduled actions per group. */
    static final int MAX_PER_GROUP = 125;

    private final AutoScaling domain;
    private final Timers timers;
    private final Map<String, Timers.Timer> waiting = new ConcurrentHashMap<>();

    public ScheduledActions(AutoScaling domain, Timers timers) {
        this.domain = domain;
        this.timers = timers;
        domain.onGroupDeleted((group, changes) -> {
            for (ScheduledAction a : of(group.account(), group.region(), group.name())) {
                changes.add(new AutoScalingStore.ExtensionRemoved(a.key()));
                cancel(a.key());
            }
        });
    }

    /** Sets the timers of the actions in the store (after the journal's replay). */
    public void start() {
        domain.store().extensions(ScheduledAction.class).forEach(this::schedule);
    }

    /** Cancels every timer (the server stops, or its state is reset). */
    public void stop() {
        waiting.values().forEach(Timers.Timer::cancel);
        waiting.clear();
    }

    public List<ScheduledAction> of(String account, String region, String groupName) {
        return all(account, region).stream().filter(a -> a.groupName().equals(groupName)).toList();
    }

    /** The account's actions in the region, by group, next run and name. */
    public List<ScheduledAction> all(String account, String region) {
        return domain.store().extensions(ScheduledAction.class).stream()
                .filter(a -> a.account().equals(account) && a.region().equals(region))
                .sorted(Comparator.comparing(ScheduledAction::groupName)
                        .thenComparing(ScheduledAction::nextRun, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(ScheduledAction::name)).toList();
    }

    /**
     * {@code PutScheduledUpdateGroupAction}: creates the action or replaces the one of that name. {@code spec}'s
     * ARN and next run are ignored.
     */
    public ScheduledAction put(String account, String region, ScheduledAction spec) {
        return put(account, region, List.of(spec)).get(0);
    }

    /** Puts several actions of one group in one change, all or none. */
    public List<ScheduledAction> put(String account, String region, List<ScheduledAction> specs) {
        AutoScaling.Written<List<ScheduledAction>> written = domain.write(changes -> {
            List<ScheduledAction> put = new ArrayList<>();
            for (ScheduledAction spec : specs) {
                put.add(putOne(account, region, spec, changes));
            }
            return put;
        });
        written.durable().toCompletableFuture().join();
        written.value().forEach(this::schedule);
        return written.value();
    }

    private ScheduledAction putOne(String account, String region, ScheduledAction spec, Changes changes) {
        AutoScalingGroup g = domain.groups().get(account, region, spec.groupName());
        if (spec.minSize() == null && spec.maxSize() == null && spec.desiredCapacity() == null) {
            throw AutoScalingRefusal.validation("At least one of MinSize, MaxSize or DesiredCapacity must be specified.");
        }
        Instant now = domain.now();
        if (spec.startTime() != null && spec.recurrence() == null && spec.startTime().isBefore(now)) {
            throw AutoScalingRefusal.validation("Given start time is in the past");
        }
        if (spec.endTime() != null && spec.endTime().isBefore(now)) {
            throw AutoScalingRefusal.validation("Given end time is in the past");
        }
        if (spec.startTime() != null && spec.endTime() != null && !spec.startTime().isBefore(spec.endTime())) {
            throw AutoScalingRefusal.validation("Start time should be before end time");
        }
        if (spec.startTime() == null && spec.recurrence() == null) {
            throw AutoScalingRefusal.validation("Either StartTime or Recurrence must be specified.");
        }
        if (spec.timeZone() != null && spec.recurrence() == null) {
            throw AutoScalingRefusal.validation("TimeZone can only be specified with Recurrence.");
        }
        ZoneId zone = zone(spec.timeZone());
        Instant next = spec.startTime();
        if (spec.recurrence() != null) {
            Recurrence recurrence;
            try {
                recurrence = Recurrence.parse(spec.recurrence());
            } catch (RuntimeException e) {
                throw AutoScalingRefusal.validation("Given recurrence string is invalid: " + spec.recurrence());
            }
            Instant from = spec.startTime() != null && spec.startTime().isAfter(now) ? spec.startTime() : now;
            next = recurrence.next(from.minusSeconds(60), zone);
            if (next != null && next.isBefore(from)) {
                next = recurrence.next(from, zone);
            }
        }
        String key = ScheduledAction.key(account, region, g.name(), spec.name());
        ScheduledAction existing = (ScheduledAction) domain.store().extension(key);
        if (existing == null && of(account, region, g.name()).size() >= MAX_PER_GROUP) {
            throw new AutoScalingRefusal(AutoScalingRefusal.Reason.LIMIT_EXCEEDED, "You have reached the maximum "
                    + "number of scheduled actions (" + MAX_PER_GROUP + ") for this group.");
        }
        String arn = existing != null ? existing.arn() : Arn.of("autoscaling", region, account,
                "scheduledUpdateGroupAction:" + UUID.randomUUID() + ":autoScalingGroupName/" + g.name()
                        + ":scheduledActionName/" + spec.name()).toString();
        ScheduledAction action = new ScheduledAction(arn, account, region, g.name(), spec.name(), spec.startTime(),
                spec.endTime(), spec.recurrence(), spec.minSize(), spec.maxSize(), spec.desiredCapacity(),
                spec.timeZone(), next);
        changes.add(action);
        return action;
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw AutoScalingRefusal.validation("Invalid time zone: " + timeZone);
        }
    }

    /**
     * {@code DeleteScheduledAction} and {@code BatchDeleteScheduledAction}.
     *
     * @return the names of no action of the group
     */
    public List<String> delete(String account, String region, String groupName, List<String> names) {
        AutoScaling.Written<List<String>> written = domain.write(changes -> {
            domain.groups().get(account, region, groupName);
            List<String> missing = new ArrayList<>();
            for (String name : names) {
                String key = ScheduledAction.key(account, region, groupName, name);
                if (domain.store().extension(key) instanceof ScheduledAction) {
                    changes.add(new AutoScalingStore.ExtensionRemoved(key));
                    cancel(key);
                } else {
                    missing.add(name);
                }
            }
            return missing;
        });
        written.durable().toCompletableFuture().join();
        return written.value();
    }

    private void schedule(ScheduledAction a) {
        cancel(a.key());
        if (a.nextRun() != null) {
            waiting.put(a.key(), timers.at(a.nextRun(), () -> run(a.key())));
        }
    }

    private void cancel(String key) {
        Timers.Timer t = waiting.remove(key);
        if (t != null) {
            t.cancel();
        }
    }

    /** Runs the action of {@code key} if it is still due, then waits for its next time or deletes it. */
    void run(String key) {
        AutoScaling.Written<ScheduledAction> written = domain.write(changes -> {
            if (!(domain.store().extension(key) instanceof ScheduledAction a) || a.nextRun() == null
                    || domain.now().isBefore(a.nextRun())) {
                return null;
            }
            waiting.remove(key);
            AutoScalingGroup g = domain.store().group(a.account(), a.region(), a.groupName());
            if (g != null && !g.deleting() && !g.suspended("ScheduledActions")) {
                apply(a, g, changes);
            }
            Instant next = null;
            if (a.recurrence() != null) {
                next = Recurrence.parse(a.recurrence()).next(domain.now(), zone(a.timeZone()));
                if (next != null && a.endTime() != null && next.isAfter(a.endTime())) {
                    next = null;
                }
            }
            if (next == null) {
                changes.add(new AutoScalingStore.ExtensionRemoved(key));
                return null;
            }
            ScheduledAction updated = a.withNextRun(next);
            changes.add(updated);
            return updated;
        });
        if (written.value() != null) {
            schedule(written.value());
        }
    }

    private void apply(ScheduledAction a, AutoScalingGroup g, Changes changes) {
        int min = a.minSize() != null ? a.minSize() : g.minSize();
        int max = a.maxSize() != null ? a.maxSize() : g.maxSize();
        if (min > max) {
            return;
        }
        int desired = a.desiredCapacity() != null ? a.desiredCapacity() : g.desiredCapacity();
        desired = Math.max(min, Math.min(max, desired));
        if (min != g.minSize() || max != g.maxSize()) {
            AutoScalingGroup.Builder b = g.toBuilder();
            b.minSize = min;
            b.maxSize = max;
            changes.add(b.build());
        }
        domain.groups().changeDesired(a.account(), a.region(), a.groupName(), desired, domain.at()
                + "a scheduled action update of AutoScalingGroup constraints to min: " + min + ", max: " + max
                + ", desired: " + desired, false, true, changes);
    }
}
