package dev.gureum.ec2.domain;

import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.state.Scope;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The records of launch templates and of instances' metadata options and instance profiles (tags 50 and
 * 51, version 1), how they are taken from the world and set back.
 */
final class LaunchTemplateRecords {

    private LaunchTemplateRecords() {
    }

    /** A launch template with every version it still has. */
    record LaunchTemplateRecord(String account, String region, String id, String name, Instant createTime,
                                String createdBy, long defaultVersion, long latestVersion,
                                List<LaunchTemplateVersion> versions, Map<String, String> tags,
                                Map<String, String> clientTokens)
            implements Ec2Records.Keyed {
        LaunchTemplateRecord {
            versions = List.copyOf(versions);
            tags = Map.copyOf(tags);
            clientTokens = Map.copyOf(clientTokens);
        }

        @Override
        public String key() {
            return Ec2Records.key("launch-template", account, region, id);
        }
    }

    /** What an instance runs with beyond its launch record: metadata options set, its instance profile. */
    record InstanceOptionsRecord(String account, String region, String instanceId, InstanceMetadataOptions metadata,
                                 InstanceProfile profile) implements Ec2Records.Keyed {
        @Override
        public String key() {
            return Ec2Records.key("instance-options", account, region, instanceId);
        }
    }

    static List<RecordType<?>> types() {
        return List.of(
                RecordType.of(50, LaunchTemplateRecord.class, 1, LaunchTemplateRecords::write, (in, v) -> read(in)),
                RecordType.of(51, InstanceOptionsRecord.class, 1, LaunchTemplateRecords::writeOptions,
                        (in, v) -> readOptions(in)));
    }

    static void of(Ec2Scope scope, List<Ec2Records.Keyed> out) {
        String account = scope.accountId();
        String region = scope.region().name();
        for (LaunchTemplate t : scope.launchTemplates.values()) {
            out.add(new LaunchTemplateRecord(account, region, t.id(), t.name(), t.createTime(), t.createdBy(),
                    t.defaultVersion(), t.latestVersion(), t.versions(), t.tags(), tokens(t.clientTokens())));
        }
        List<Instance> all = new ArrayList<>(scope.instances.values());
        all.addAll(scope.retired);
        for (Instance i : all) {
            if (i.metadataOptionsSet() != null || i.instanceProfile() != null) {
                out.add(new InstanceOptionsRecord(account, region, i.id(), i.metadataOptionsSet(), i.instanceProfile()));
            }
        }
    }

    /** Sets a record of these kinds back; {@code false} when it is of another kind. */
    static boolean set(Ec2World world, Ec2Records.Keyed record) {
        if (record instanceof LaunchTemplateRecord r) {
            Ec2Scope scope = scope(world, r.account(), r.region());
            LaunchTemplate t = new LaunchTemplate(r.id(), r.name(), r.createTime(), r.createdBy());
            Map<String, Long> tokens = new java.util.LinkedHashMap<>();
            r.clientTokens().forEach((token, version) -> tokens.put(token, Long.parseLong(version)));
            t.restore(r.defaultVersion(), r.latestVersion(), r.versions(), tokens);
            t.tags().putAll(r.tags());
            scope.launchTemplates.put(t.id(), t);
            return true;
        }
        if (record instanceof InstanceOptionsRecord r) {
            Instance i = instance(world, r.account(), r.region(), r.instanceId());
            if (i != null) {
                i.metadataOptions(r.metadata());
                i.instanceProfile(r.profile());
            }
            return true;
        }
        return false;
    }

    /** Removes what a key of these kinds names; {@code false} when it is of another kind. */
    static boolean remove(Ec2World world, String kind, String account, String region, String id) {
        switch (kind) {
            case "launch-template" -> {
                Ec2Scope scope = world.scopeMap().get(new Scope(account, region));
                if (scope != null) {
                    scope.launchTemplates.remove(id);
                }
                return true;
            }
            case "instance-options" -> {
                Instance i = instance(world, account, region, id);
                if (i != null) {
                    i.metadataOptions(null);
                    i.instanceProfile(null);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Carries the options of an instance over to the object that replaces it when its record is set again. */
    static void carryOver(Instance from, Instance to) {
        if (from != null) {
            to.metadataOptions(from.metadataOptionsSet());
            to.instanceProfile(from.instanceProfile());
        }
    }

    private static Map<String, String> tokens(Map<String, Long> tokens) {
        Map<String, String> out = new java.util.TreeMap<>();
        tokens.forEach((token, version) -> out.put(token, String.valueOf(version)));
        return out;
    }

    private static Ec2Scope scope(Ec2World world, String account, String region) {
        return world.scopeMap().computeIfAbsent(new Scope(account, region), s -> new Ec2Scope(account,
                world.regions().find(region).orElseThrow(), dev.gureum.core.id.Ids.ec2("dopt"), null));
    }

    private static Instance instance(Ec2World world, String account, String region, String id) {
        Ec2Scope scope = world.scopeMap().get(new Scope(account, region));
        if (scope == null) {
            return null;
        }
        Instance i = scope.instances.get(id);
        if (i != null) {
            return i;
        }
        return scope.retired.stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
    }

    private static void write(LaunchTemplateRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.id());
        out.writeString(r.name());
        out.writeInstant(r.createTime());
        out.writeString(r.createdBy());
        out.writeLong(r.defaultVersion());
        out.writeLong(r.latestVersion());
        Ec2RecordTypes.writeList(r.versions(), out, (v, o) -> {
            o.writeLong(v.number());
            o.writeString(v.description());
            o.writeInstant(v.createTime());
            o.writeString(v.createdBy());
            o.writeStringMap(v.data());
        });
        out.writeStringMap(r.tags());
        out.writeStringMap(r.clientTokens());
    }

    private static LaunchTemplateRecord read(RecordInput in) throws IOException {
        return new LaunchTemplateRecord(in.readString(), in.readString(), in.readString(), in.readString(),
                in.readInstant(), in.readString(), in.readLong(), in.readLong(),
                Ec2RecordTypes.readList(in, i -> new LaunchTemplateVersion(i.readLong(), i.readString(),
                        i.readInstant(), i.readString(), i.readStringMap())), in.readStringMap(), in.readStringMap());
    }

    private static void writeOptions(InstanceOptionsRecord r, RecordOutput out) throws IOException {
        out.writeString(r.account());
        out.writeString(r.region());
        out.writeString(r.instanceId());
        InstanceMetadataOptions m = r.metadata();
        out.writeBoolean(m != null);
        if (m != null) {
            out.writeString(m.httpTokens());
            out.writeInt(m.httpPutResponseHopLimit());
            out.writeString(m.httpEndpoint());
            out.writeString(m.httpProtocolIpv6());
            out.writeString(m.instanceMetadataTags());
        }
        InstanceProfile p = r.profile();
        out.writeBoolean(p != null);
        if (p != null) {
            out.writeString(p.arn());
            out.writeString(p.id());
            out.writeString(p.role());
        }
    }

    private static InstanceOptionsRecord readOptions(RecordInput in) throws IOException {
        String account = in.readString();
        String region = in.readString();
        String id = in.readString();
        InstanceMetadataOptions m = in.readBoolean() ? new InstanceMetadataOptions(in.readString(), in.readInt(),
                in.readString(), in.readString(), in.readString()) : null;
        InstanceProfile p = in.readBoolean() ? new InstanceProfile(in.readString(), in.readString(), in.readString())
                : null;
        return new InstanceOptionsRecord(account, region, id, m, p);
    }
}
