package dev.gureum.autoscaling.domain;

import dev.gureum.core.persist.StateJournal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Auto Scaling's domain: its store, its view of EC2, and the one lock every change takes. Changes are made
 * through {@link #write}, which applies their records, keeps them in the journal, and answers once they are durable.
 * This is also the API other parts of Auto Scaling (scaling policies, scheduled actions) build on.
 */
public final class AutoScaling {

    /** An operation's result, and when what it changed is durable. */
    public record Written<T>(T value, CompletionStage<Void> durable) {
    }

    private final AutoScalingStore store;
    private final Clock clock;
    private final Fleet fleet;
    private final Groups groups;
    private final Capacity capacity;
    private final List<BiConsumer<AutoScalingGroup, Changes>> groupDeleted = new CopyOnWriteArrayList<>();
    private volatile StateJournal journal;
    private volatile TargetGroupAttachments targetGroups;
    private final LifecycleHooks lifecycleHooks;
    private final Notifications notifications;
    private volatile Notifier notifier = Notifier.NONE;

    public AutoScaling(AutoScalingStore store, Clock clock, Fleet fleet) {
        this.store = store;
        this.clock = clock;
        this.fleet = fleet;
        this.capacity = new Capacity(this);
        this.groups = new Groups(this);
        this.lifecycleHooks = new LifecycleHooks(this);
        this.notifications = new Notifications(this);
        capacity.watch(lifecycleHooks);
        loadBalancing(LoadBalancing.NONE);
        onGroupDeleted(lifecycleHooks::groupDeleted);
        onGroupDeleted(notifications::groupDeleted);
    }

    /** Where lifecycle hooks and notifications send their messages. */
    public void notifier(Notifier notifier) {
        this.notifier = notifier;
    }

    public Notifier notifier() {
        return notifier;
    }

    public LifecycleHooks lifecycleHooks() {
        return lifecycleHooks;
    }

    public Notifications notifications() {
        return notifications;
    }

    /** Where groups register their instances as targets. */
    public void loadBalancing(LoadBalancing elb) {
        TargetGroupAttachments attachments = new TargetGroupAttachments(this, elb);
        capacity.unwatch(targetGroups);
        capacity.watch(attachments);
        targetGroups = attachments;
    }

    public TargetGroupAttachments targetGroups() {
        return targetGroups;
    }

    /** The journal, opened once the state has been replayed into the store. */
    public void journal(StateJournal journal) {
        this.journal = journal;
    }

    /** Runs a change under the lock; its records are applied at once and durable when {@code durable} completes. */
    public <T> Written<T> write(Function<Changes, T> operation) {
        Changes changes = new Changes(store);
        T value;
        CompletionStage<Void> durable;
        synchronized (this) {
            try {
                value = operation.apply(changes);
            } finally {
                durable = commit(changes);
            }
        }
        return new Written<>(value, durable);
    }

    private CompletionStage<Void> commit(Changes changes) {
        StateJournal j = journal;
        CompletionStage<Void> stage = CompletableFuture.completedFuture(null);
        if (j != null) {
            for (Object record : changes.records()) {
                stage = j.append(record);
            }
        }
        return stage;
    }

    // ---- the API scaling policies and scheduled actions use ----

    /** A group with its instances, or empty. */
    public Optional<GroupState> group(String account, String region, String name) {
        AutoScalingGroup g = store.group(account, region, name);
        return g == null ? Optional.empty() : Optional.of(new GroupState(g, store.instances(g)));
    }

    /**
     * Changes a group's desired capacity for a policy or a schedule, and launches or terminates to meet it.
     * {@code cause} is the first part of AWS's cause text ({@code At 2026-01-01T00:00:00Z a monitor alarm X in
     * state ALARM triggered policy Y}); this adds {@code changing the desired capacity from 2 to 4.} The new
     * capacity is kept within the group's minimum and maximum.
     *
     * @param honorCooldown refuse with {@code ScalingActivityInProgress} while the group is in its cooldown
     * @return the activities started (none when the capacity does not change)
     */
    public Written<List<Activity>> changeDesiredCapacity(String account, String region, String groupName,
                                                        int newDesired, String cause, boolean honorCooldown) {
        return write(changes -> groups.changeDesired(account, region, groupName, newDesired, cause, honorCooldown,
                true, changes));
    }

    /**
     * Registers what to remove with a group (its policies, scheduled actions...) when it is deleted; the hook
     * adds its removals to the same changes.
     */
    public void onGroupDeleted(BiConsumer<AutoScalingGroup, Changes> hook) {
        groupDeleted.add(hook);
    }

    /** {@code At 2026-01-01T00:00:00Z}, the start of AWS's cause texts. */
    public String at() {
        return "At " + now().truncatedTo(ChronoUnit.SECONDS) + " ";
    }

    public Instant now() {
        return clock.instant();
    }

    // ---- for the rest of the domain and the protocol ----

    public AutoScalingStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public Fleet fleet() {
        return fleet;
    }

    public Groups groups() {
        return groups;
    }

    public Capacity capacity() {
        return capacity;
    }

    void deleted(AutoScalingGroup group, Changes changes) {
        groupDeleted.forEach(h -> h.accept(group, changes));
    }

    /** Looks at every group: instances' health and state, capacity to meet (the periodic tick). */
    public void tick() {
        write(changes -> {
            lifecycleHooks.timeouts(changes);
            return null;
        });
        for (AutoScalingGroup g : store.allGroups()) {
            write(changes -> {
                AutoScalingGroup now = store.group(g.account(), g.region(), g.name());
                if (now != null) {
                    capacity.reconcile(now, null, changes);
                }
                return null;
            });
        }
    }

    /** Clears everything (reset). */
    public CompletionStage<Void> reset() {
        StateJournal j = journal;
        if (j != null) {
            return j.reset();
        }
        synchronized (this) {
            store.clear();
        }
        return CompletableFuture.completedFuture(null);
    }
}
