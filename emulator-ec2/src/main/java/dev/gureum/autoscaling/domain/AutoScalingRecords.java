package dev.gureum.autoscaling.domain;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Auto Scaling's journal ({@code autoscaling}): groups, their instances, launch configurations and activities,
 * each set whole by its key, and one removal record each. Tags 1–29 are these; 30–49 belong to the records of
 * scaling policies and scheduled actions, given as extensions (records that are
 * {@link AutoScalingStore.Extension}s).
 */
public final class AutoScalingRecords implements DurableState {

    static final List<RecordType<?>> CORE = List.of(
            RecordType.of(1, AutoScalingGroup.class, 1, AutoScalingRecords::writeGroup, (in, v) -> readGroup(in)),
            RecordType.of(2, AutoScalingStore.GroupDeleted.class, 1, (r, out) -> out.writeString(r.key()),
                    (in, v) -> new AutoScalingStore.GroupDeleted(in.readString())),
            RecordType.of(3, GroupInstance.class, 1, AutoScalingRecords::writeInstance, (in, v) -> readInstance(in)),
            RecordType.of(4, AutoScalingStore.InstanceRemoved.class, 1, (r, out) -> out.writeString(r.key()),
                    (in, v) -> new AutoScalingStore.InstanceRemoved(in.readString())),
            RecordType.of(5, LaunchConfiguration.class, 1, AutoScalingRecords::writeConfiguration,
                    (in, v) -> readConfiguration(in)),
            RecordType.of(6, AutoScalingStore.LaunchConfigurationDeleted.class, 1, (r, out) -> out.writeString(r.key()),
                    (in, v) -> new AutoScalingStore.LaunchConfigurationDeleted(in.readString())),
            RecordType.of(7, Activity.class, 1, AutoScalingRecords::writeActivity, (in, v) -> readActivity(in)),
            RecordType.of(8, AutoScalingStore.ExtensionRemoved.class, 1, (r, out) -> out.writeString(r.key()),
                    (in, v) -> new AutoScalingStore.ExtensionRemoved(in.readString())),
            RecordType.of(9, LifecycleHook.class, 1, (h, out) -> {
                out.writeString(h.account());
                out.writeString(h.region());
                out.writeString(h.groupName());
                out.writeString(h.name());
                out.writeString(h.transition());
                out.writeString(h.notificationTargetArn());
                out.writeString(h.roleArn());
                out.writeString(h.notificationMetadata());
                out.writeInt(h.heartbeatTimeout());
                out.writeString(h.defaultResult());
            }, (in, v) -> new LifecycleHook(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readString(), in.readString(), in.readInt(), in.readString())),
            RecordType.of(10, LifecycleAction.class, 1, (a, out) -> {
                out.writeString(a.account());
                out.writeString(a.region());
                out.writeString(a.groupName());
                out.writeString(a.hookName());
                out.writeString(a.instanceId());
                out.writeString(a.token());
                out.writeString(a.transition());
                out.writeInstant(a.timeoutAt());
                out.writeInstant(a.globalTimeoutAt());
            }, (in, v) -> new LifecycleAction(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readString(), in.readInstant(), in.readInstant())),
            RecordType.of(11, NotificationConfiguration.class, 1, (n, out) -> {
                out.writeString(n.account());
                out.writeString(n.region());
                out.writeString(n.groupName());
                out.writeString(n.topicArn());
                out.writeStringList(n.types());
            }, (in, v) -> new NotificationConfiguration(in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readStringList())));

    private final AutoScalingStore store;
    private final RecordTypes types;

    public AutoScalingRecords(AutoScalingStore store) {
        this(store, List.of());
    }

    /** With the record types of scaling policies and scheduled actions (tags 30–49). */
    public AutoScalingRecords(AutoScalingStore store, List<RecordType<?>> extensions) {
        this.store = store;
        for (RecordType<?> t : extensions) {
            if (t.tag() < 30) {
                throw new IllegalArgumentException("Tags below 30 are Auto Scaling's own: " + t.name());
            }
        }
        List<RecordType<?>> all = new ArrayList<>(CORE);
        all.addAll(extensions);
        this.types = RecordTypes.of(all);
    }

    @Override
    public String name() {
        return "autoscaling";
    }

    @Override
    public RecordTypes recordTypes() {
        return types;
    }

    @Override
    public void apply(Object record) {
        store.apply(record);
    }

    @Override
    public Iterable<?> records() {
        return store.records();
    }

    @Override
    public void clear() {
        store.clear();
    }

    private static void writeTemplate(LaunchTemplateSpec t, RecordOutput out) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeString(t.id());
            out.writeString(t.name());
            out.writeString(t.version());
        }
    }

    private static LaunchTemplateSpec readTemplate(RecordInput in) throws IOException {
        return in.readBoolean() ? new LaunchTemplateSpec(in.readString(), in.readString(), in.readString()) : null;
    }

    private static void writeInteger(Integer value, RecordOutput out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static Integer readInteger(RecordInput in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    private static void writeGroup(AutoScalingGroup g, RecordOutput out) throws IOException {
        out.writeString(g.arn());
        out.writeString(g.account());
        out.writeString(g.region());
        out.writeString(g.name());
        out.writeString(g.launchConfigurationName());
        writeTemplate(g.launchTemplate(), out);
        MixedInstances m = g.mixedInstances();
        out.writeBoolean(m != null);
        if (m != null) {
            writeTemplate(m.template(), out);
            List<String> overrides = new ArrayList<>();
            m.overrides().forEach(o -> overrides.add(o.instanceType() + " " + (o.weightedCapacity() == null ? ""
                    : o.weightedCapacity())));
            out.writeStringList(overrides);
            out.writeInt(m.onDemandBaseCapacity());
            out.writeInt(m.onDemandPercentageAboveBase());
            out.writeString(m.onDemandAllocationStrategy());
            out.writeString(m.spotAllocationStrategy());
            writeInteger(m.spotInstancePools(), out);
            out.writeString(m.spotMaxPrice());
        }
        out.writeInt(g.minSize());
        out.writeInt(g.maxSize());
        out.writeInt(g.desiredCapacity());
        out.writeInt(g.defaultCooldown());
        out.writeStringList(g.zones());
        out.writeStringList(g.subnets());
        out.writeString(g.healthCheckType());
        out.writeInt(g.healthCheckGracePeriod());
        out.writeStringList(g.targetGroupArns());
        out.writeStringList(g.terminationPolicies());
        out.writeBoolean(g.newInstancesProtectedFromScaleIn());
        out.writeInstant(g.createdTime());
        out.writeStringMap(g.suspendedProcesses());
        out.writeStringList(g.enabledMetrics());
        out.writeInt(g.tags().size());
        for (GroupTag t : g.tags()) {
            out.writeString(t.key());
            out.writeString(t.value());
            out.writeBoolean(t.propagateAtLaunch());
        }
        out.writeString(g.status());
        out.writeInstant(g.cooldownUntil());
        out.writeBoolean(g.capacityRebalance());
        writeInteger(g.maxInstanceLifetime(), out);
        writeInteger(g.defaultInstanceWarmup(), out);
        out.writeString(g.serviceLinkedRoleArn());
    }

    private static AutoScalingGroup readGroup(RecordInput in) throws IOException {
        String arn = in.readString();
        String account = in.readString();
        String region = in.readString();
        String name = in.readString();
        String config = in.readString();
        LaunchTemplateSpec template = readTemplate(in);
        MixedInstances mixed = null;
        if (in.readBoolean()) {
            LaunchTemplateSpec t = readTemplate(in);
            List<MixedInstances.Override> overrides = new ArrayList<>();
            for (String o : in.readStringList()) {
                int space = o.indexOf(' ');
                String weight = o.substring(space + 1);
                overrides.add(new MixedInstances.Override(o.substring(0, space), weight.isEmpty() ? null : weight));
            }
            mixed = new MixedInstances(t, overrides, in.readInt(), in.readInt(), in.readString(), in.readString(),
                    readInteger(in), in.readString());
        }
        int min = in.readInt();
        int max = in.readInt();
        int desired = in.readInt();
        int cooldown = in.readInt();
        List<String> zones = in.readStringList();
        List<String> subnets = in.readStringList();
        String healthCheckType = in.readString();
        int grace = in.readInt();
        List<String> targetGroups = in.readStringList();
        List<String> policies = in.readStringList();
        boolean protectedNew = in.readBoolean();
        var created = in.readInstant();
        Map<String, String> suspended = new LinkedHashMap<>(in.readStringMap());
        List<String> metrics = in.readStringList();
        int tagCount = in.readInt();
        List<GroupTag> tags = new ArrayList<>();
        for (int i = 0; i < tagCount; i++) {
            tags.add(new GroupTag(in.readString(), in.readString(), in.readBoolean()));
        }
        return new AutoScalingGroup(arn, account, region, name, config, template, mixed, min, max, desired, cooldown,
                zones, subnets, healthCheckType, grace, targetGroups, policies, protectedNew, created, suspended, metrics,
                tags, in.readString(), in.readInstant(), in.readBoolean(), readInteger(in), readInteger(in),
                in.readString());
    }

    private static void writeInstance(GroupInstance i, RecordOutput out) throws IOException {
        out.writeString(i.account());
        out.writeString(i.region());
        out.writeString(i.groupName());
        out.writeString(i.instanceId());
        out.writeString(i.zone());
        out.writeString(i.instanceType());
        out.writeString(i.lifecycleState());
        out.writeString(i.healthStatus());
        out.writeString(i.launchConfigurationName());
        writeTemplate(i.launchTemplate(), out);
        out.writeString(i.imageId());
        out.writeBoolean(i.protectedFromScaleIn());
        out.writeBoolean(i.spot());
        out.writeInstant(i.launchedAt());
        out.writeString(i.activityId());
    }

    private static GroupInstance readInstance(RecordInput in) throws IOException {
        return new GroupInstance(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString(), in.readString(), in.readString(), readTemplate(in), in.readString(),
                in.readBoolean(), in.readBoolean(), in.readInstant(), in.readString());
    }

    private static void writeConfiguration(LaunchConfiguration c, RecordOutput out) throws IOException {
        out.writeString(c.arn());
        out.writeString(c.account());
        out.writeString(c.region());
        out.writeString(c.name());
        out.writeString(c.imageId());
        out.writeString(c.instanceType());
        out.writeString(c.keyName());
        out.writeStringList(c.securityGroups());
        out.writeString(c.userData());
        out.writeString(c.spotPrice());
        out.writeString(c.iamInstanceProfile());
        out.writeString(c.associatePublicIpAddress() == null ? null : c.associatePublicIpAddress().toString());
        out.writeBoolean(c.instanceMonitoring());
        out.writeBoolean(c.ebsOptimized());
        out.writeString(c.placementTenancy());
        out.writeInstant(c.createdTime());
    }

    private static LaunchConfiguration readConfiguration(RecordInput in) throws IOException {
        String arn = in.readString();
        String account = in.readString();
        String region = in.readString();
        String name = in.readString();
        String image = in.readString();
        String type = in.readString();
        String key = in.readString();
        List<String> groups = in.readStringList();
        String userData = in.readString();
        String spot = in.readString();
        String profile = in.readString();
        String publicIp = in.readString();
        return new LaunchConfiguration(arn, account, region, name, image, type, key, groups, userData, spot, profile,
                publicIp == null ? null : Boolean.valueOf(publicIp), in.readBoolean(), in.readBoolean(), in.readString(),
                in.readInstant());
    }

    private static void writeActivity(Activity a, RecordOutput out) throws IOException {
        out.writeString(a.id());
        out.writeString(a.account());
        out.writeString(a.region());
        out.writeString(a.groupName());
        out.writeString(a.groupArn());
        out.writeString(a.description());
        out.writeString(a.cause());
        out.writeInstant(a.startTime());
        out.writeInstant(a.endTime());
        out.writeString(a.statusCode());
        out.writeString(a.statusMessage());
        out.writeInt(a.progress());
        out.writeString(a.details());
    }

    private static Activity readActivity(RecordInput in) throws IOException {
        return new Activity(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readString(), in.readInstant(), in.readInstant(), in.readString(), in.readString(),
                in.readInt(), in.readString());
    }
}
