package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.AutoScalingGroup;
import dev.gureum.autoscaling.domain.AutoScalingRefusal;
import dev.gureum.autoscaling.domain.GroupSettings;
import dev.gureum.autoscaling.domain.GroupTag;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.util.ArrayList;
import java.util.List;

import static dev.gureum.autoscaling.protocol.AutoScalingService.account;
import static dev.gureum.autoscaling.protocol.AutoScalingService.region;

/** A group's processes, tags and metrics collection. */
final class SettingsOperations {

    private final AutoScalingService service;
    private final GroupSettings settings;

    SettingsOperations(AutoScalingService service) {
        this.service = service;
        this.settings = new GroupSettings(service.domain());
    }

    void register() {
        service.operation("SuspendProcesses", r -> unit(r, c -> settings.suspend(account(r), region(r),
                group(r), r.params().stringList("ScalingProcesses"), c)));
        service.operation("ResumeProcesses", r -> unit(r, c -> settings.resume(account(r), region(r),
                group(r), r.params().stringList("ScalingProcesses"), c)));
        service.operation("CreateOrUpdateTags", r -> unit(r, c -> settings.putTags(account(r), region(r),
                tags(r.params()), c)));
        service.operation("DeleteTags", r -> unit(r, c -> settings.deleteTags(account(r), region(r),
                tags(r.params()), c)));
        service.operation("DescribeTags", this::describeTags);
        service.operation("EnableMetricsCollection", r -> unit(r, c -> settings.enableMetrics(account(r), region(r),
                group(r), r.params().stringList("Metrics"), r.params().string("Granularity"), c)));
        service.operation("DisableMetricsCollection", r -> unit(r, c -> settings.disableMetrics(account(r),
                region(r), group(r), r.params().stringList("Metrics"), c)));
    }

    private Object unit(ActionRequest r, java.util.function.Consumer<dev.gureum.autoscaling.domain.Changes> change) {
        return service.change(c -> {
            change.accept(c);
            return null;
        }, v -> Struct.of());
    }

    private static String group(ActionRequest r) {
        return r.params().requireString("AutoScalingGroupName");
    }

    private static List<GroupSettings.TagChange> tags(Params p) {
        List<GroupSettings.TagChange> out = new ArrayList<>();
        for (Params t : p.list("Tags")) {
            out.add(new GroupSettings.TagChange(t.string("ResourceId"), t.string("ResourceType"),
                    new GroupTag(t.string("Key"), t.string("Value"), t.bool("PropagateAtLaunch", false))));
        }
        return out;
    }

    /** Filters {@code auto-scaling-group}, {@code key}, {@code value}, {@code propagate-at-launch}. */
    private Object describeTags(ActionRequest r) {
        List<Params> filters = r.params().list("Filters");
        List<Struct> found = new ArrayList<>();
        for (AutoScalingGroup g : service.domain().store().groups(account(r), region(r))) {
            for (GroupTag t : g.tags()) {
                if (matches(g, t, filters)) {
                    found.add(AutoScalingShapes.tag(g.name(), t));
                }
            }
        }
        return AutoScalingService.page(Struct.of(), "Tags", found, r, 100, s -> s);
    }

    private static boolean matches(AutoScalingGroup g, GroupTag t, List<Params> filters) {
        for (Params f : filters) {
            List<String> values = f.stringList("Values");
            String name = f.string("Name", "");
            boolean match = switch (name) {
                case "auto-scaling-group" -> values.contains(g.name());
                case "key" -> values.contains(t.key());
                case "value" -> values.contains(t.value());
                case "propagate-at-launch" -> values.contains(String.valueOf(t.propagateAtLaunch()));
                default -> throw AutoScalingRefusal.validation("Filter type " + name + " is not correct. Allowed "
                        + "Filter types are: auto-scaling-group key value propagate-at-launch");
            };
            if (!match) {
                return false;
            }
        }
        return true;
    }
}
