package dev.gureum.ec2.protocol;

import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.InstanceLauncher.LaunchResult;
import dev.gureum.ec2.domain.LaunchSpec;
import dev.gureum.ec2.domain.LaunchTemplate;
import dev.gureum.ec2.domain.LaunchTemplateVersion;
import dev.gureum.ec2.domain.LaunchTemplates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Launches from a launch template: the template version's data becomes RunInstances' members of the same
 * names, and what the call gives itself overrides them, so the launch is parsed as any RunInstances call.
 * Instances are tagged {@code aws:ec2launchtemplate:id} and {@code aws:ec2launchtemplate:version} as on AWS.
 */
final class TemplateLaunches {

    private final Ec2World world;

    private java.util.function.Consumer<String> passRole = role -> { };

    TemplateLaunches(Ec2World world) {
        this.world = world;
    }

    /** What to do with the role of the instance profile a launch gives instances, before they launch. */
    TemplateLaunches passRole(java.util.function.Consumer<String> check) {
        this.passRole = check;
        return this;
    }

    /** RunInstances with {@code LaunchTemplate}. */
    Struct run(ActionRequest r) {
        Params p = r.params();
        Params template = p.object("LaunchTemplate");
        Map<String, String> call = LaunchTemplateData.flatten(p.node());
        call.keySet().removeIf(k -> k.startsWith("LaunchTemplate.") || k.equals("Action") || k.equals("Version"));
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            LaunchResult result = launch(scope, template.string("LaunchTemplateId"),
                    template.string("LaunchTemplateName"), template.string("Version"), call);
            return InstanceView.reservation(result.reservation(), result.instances(), scope);
        });
    }

    /**
     * Launches {@code count} instances from a template version (the default one when {@code version} is
     * {@code null}), in a subnet and of a type other than the template's when given. Called under the
     * world's lock.
     */
    LaunchResult launch(Ec2Scope scope, String templateId, String templateName, String version, String subnetId,
                        String instanceType, int minCount, int maxCount) {
        Map<String, String> call = new TreeMap<>();
        call.put("MinCount", String.valueOf(minCount));
        call.put("MaxCount", String.valueOf(maxCount));
        if (subnetId != null) {
            call.put("SubnetId", subnetId);
        }
        if (instanceType != null) {
            call.put("InstanceType", instanceType);
        }
        return launch(scope, templateId, templateName, version, call);
    }

    /** RunInstances with these members, from no template (an Auto Scaling launch configuration). */
    LaunchResult runMembers(Ec2Scope scope, Map<String, String> call) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        call.forEach((k, value) -> form.put(k, List.of(value)));
        Params params = Params.fromForm(form);
        LaunchSpec spec = InstanceOperations.launchSpec(params);
        InstanceLaunchOptions options = InstanceLaunchOptions.of(params);
        dev.gureum.ec2.domain.InstanceProfile profile = options.profile(world, scope.accountId());
        LaunchResult result = world.launcher().run(scope, spec, world.now());
        options.applyTo(result.instances(), profile);
        return result;
    }

    LaunchResult launch(Ec2Scope scope, String id, String name, String version, Map<String, String> call) {
        LaunchTemplate t = LaunchTemplates.find(scope, id, name);
        LaunchTemplateVersion v = LaunchTemplates.version(t, version);
        Map<String, String> merged = merge(LaunchTemplateData.toRunInstances(v.data()), call);
        Map<String, List<String>> form = new LinkedHashMap<>();
        merged.forEach((k, value) -> form.put(k, List.of(value)));
        Params params = Params.fromForm(form);
        LaunchSpec spec = InstanceOperations.launchSpec(params);
        InstanceLaunchOptions options = InstanceLaunchOptions.of(params);
        dev.gureum.ec2.domain.InstanceProfile profile = options.profile(world, scope.accountId(), passRole);
        LaunchResult result = world.launcher().run(scope, spec, world.now());
        LaunchTemplates.tagLaunched(result.instances(), t, v);
        options.applyTo(result.instances(), profile);
        return result;
    }

    /**
     * The call's members over the template's, parameter by parameter. Tag specifications merge by resource
     * type (the call's win for a type both give), and a subnet the call names goes into the template's
     * primary network interface, where AWS looks for it when the template has interfaces.
     */
    static Map<String, String> merge(Map<String, String> template, Map<String, String> call) {
        Map<String, String> merged = LaunchTemplateVersion.overlay(without(template, "TagSpecification"),
                without(call, "TagSpecification"));
        List<Map<String, String>> specs = new ArrayList<>(specifications(call).values());
        Set<String> types = new java.util.HashSet<>();
        specs.forEach(s -> types.add(s.get("ResourceType")));
        for (Map<String, String> s : specifications(template).values()) {
            if (!types.contains(s.get("ResourceType"))) {
                specs.add(s);
            }
        }
        for (int i = 0; i < specs.size(); i++) {
            int n = i + 1;
            specs.get(i).forEach((k, v) -> merged.put("TagSpecification." + n + "." + k, v));
        }
        String subnet = call.get("SubnetId");
        String primary = primaryInterface(merged);
        if (subnet != null && primary != null) {
            merged.remove("SubnetId");
            merged.put("NetworkInterface." + primary + ".SubnetId", subnet);
        }
        return merged;
    }

    private static Map<String, String> without(Map<String, String> data, String parameter) {
        Map<String, String> out = new TreeMap<>(data);
        out.keySet().removeIf(k -> LaunchTemplateVersion.parameter(k).equals(parameter));
        return out;
    }

    /** {@code TagSpecification.N.*} by N, each as its members below N. */
    private static Map<Integer, Map<String, String>> specifications(Map<String, String> data) {
        Map<Integer, Map<String, String>> out = new TreeMap<>();
        data.forEach((k, v) -> {
            String[] parts = k.split("\\.", 3);
            if (parts.length == 3 && parts[0].equals("TagSpecification")) {
                try {
                    out.computeIfAbsent(Integer.parseInt(parts[1]), n -> new TreeMap<>()).put(parts[2], v);
                } catch (NumberFormatException e) {
                    // not an index: not a tag specification
                }
            }
        });
        return out;
    }

    /** The index of the network interface at device index 0, or of the only one. */
    private static String primaryInterface(Map<String, String> data) {
        Set<String> indices = new java.util.TreeSet<>();
        for (String k : data.keySet()) {
            String[] parts = k.split("\\.", 3);
            if (parts.length == 3 && parts[0].equals("NetworkInterface")) {
                indices.add(parts[1]);
                if (parts[2].equals("DeviceIndex") && "0".equals(data.get(k))) {
                    return parts[1];
                }
            }
        }
        return indices.size() == 1 ? indices.iterator().next() : null;
    }
}
