package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.protocol.Values;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.InstanceLifecycle;
import dev.gureum.ec2.domain.LaunchTemplate;
import dev.gureum.ec2.domain.LaunchTemplateVersion;
import dev.gureum.ec2.domain.LaunchTemplates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Launch templates and their versions, and GetLaunchTemplateData. */
final class LaunchTemplateOperations {

    private final Ec2World world;
    private final Filters<LaunchTemplate> templateFilters = new Filters<LaunchTemplate>()
            .add("create-time", t -> Values.iso(t.createTime()))
            .add("launch-template-name", LaunchTemplate::name)
            .add("launch-template-id", LaunchTemplate::id)
            .tags(LaunchTemplate::tags);

    /** A version with its template, for the version filters. */
    private record Versioned(LaunchTemplate template, LaunchTemplateVersion version) {
        String get(String member) {
            return version.data().get(member);
        }
    }

    private final Filters<Versioned> versionFilters = new Filters<Versioned>()
            .add("create-time", v -> Values.iso(v.version().createTime()))
            .add("ebs-optimized", v -> v.get("EbsOptimized"))
            .add("http-endpoint", v -> v.get("MetadataOptions.HttpEndpoint"))
            .add("http-protocol-ipv4", v -> null)
            .add("http-protocol-ipv6", v -> v.get("MetadataOptions.HttpProtocolIpv6"))
            .add("http-put-response-hop-limit", v -> v.get("MetadataOptions.HttpPutResponseHopLimit"))
            .add("http-tokens", v -> v.get("MetadataOptions.HttpTokens"))
            .add("host-resource-group-arn", v -> v.get("Placement.HostResourceGroupArn"))
            .add("iam-instance-profile", v -> v.get("IamInstanceProfile.Arn") != null
                    ? v.get("IamInstanceProfile.Arn") : v.get("IamInstanceProfile.Name"))
            .add("image-id", v -> v.get("ImageId"))
            .add("instance-type", v -> v.get("InstanceType"))
            .add("is-default-version", v -> String.valueOf(v.version().number() == v.template().defaultVersion()))
            .add("kernel-id", v -> v.get("KernelId"))
            .add("license-configuration-arn", v -> v.get("LicenseSpecification.1.LicenseConfigurationArn"))
            .add("network-card-index", v -> v.get("NetworkInterface.1.NetworkCardIndex"))
            .add("ram-disk-id", v -> v.get("RamDiskId"));

    LaunchTemplateOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateLaunchTemplate", this::create);
        op.accept("CreateLaunchTemplateVersion", this::createVersion);
        op.accept("DescribeLaunchTemplates", this::describe);
        op.accept("DescribeLaunchTemplateVersions", this::describeVersions);
        op.accept("ModifyLaunchTemplate", this::modify);
        op.accept("DeleteLaunchTemplate", this::delete);
        op.accept("DeleteLaunchTemplateVersions", this::deleteVersions);
        op.accept("GetLaunchTemplateData", this::getData);
    }

    private static Map<String, String> data(Params p) {
        Params data = p.object("LaunchTemplateData");
        if (!data.isPresent()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter LaunchTemplateData");
        }
        Map<String, String> flat = LaunchTemplateData.fromRequest(data);
        String userData = flat.get("UserData");
        if (userData != null) {
            InstanceOperations.userData(userData);
        }
        return flat;
    }

    private Struct create(ActionRequest r) {
        Params p = r.params();
        Map<String, String> data = data(p);
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        for (String type : tags.keySet()) {
            if (!type.equals("launch-template")) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "'" + type + "' is not a valid taggable "
                        + "resource type for this operation.");
            }
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            LaunchTemplate t = LaunchTemplates.create(scope, p.string("LaunchTemplateName"),
                    p.string("VersionDescription"), data, tags.getOrDefault("launch-template", Map.of()),
                    p.string("ClientToken"), world.now());
            return Struct.of().put("launchTemplate", template(t));
        });
    }

    private Struct createVersion(ActionRequest r) {
        Params p = r.params();
        Map<String, String> data = data(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            LaunchTemplate t = find(scope, p);
            LaunchTemplateVersion v = LaunchTemplates.createVersion(scope, t, p.string("SourceVersion"),
                    p.string("VersionDescription"), data, p.string("ClientToken"), world.now());
            return Struct.of().put("launchTemplateVersion", version(t, v));
        });
    }

    private static LaunchTemplate find(Ec2Scope scope, Params p) {
        return LaunchTemplates.find(scope, p.string("LaunchTemplateId"), p.string("LaunchTemplateName"));
    }

    private Struct describe(ActionRequest r) {
        Params p = r.params();
        List<String> ids = p.stringList("LaunchTemplateId");
        List<String> names = p.stringList("LaunchTemplateName");
        List<Filter> f = Requests.filters(p);
        templateFilters.validate(f);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<LaunchTemplate> templates;
            if (ids.isEmpty() && names.isEmpty()) {
                templates = LaunchTemplates.all(scope);
            } else {
                templates = new ArrayList<>();
                for (String id : ids) {
                    templates.add(LaunchTemplates.find(scope, id, null));
                }
                for (String name : names) {
                    templates.add(LaunchTemplates.find(scope, null, name));
                }
            }
            PageTokens.Page<LaunchTemplate> page = Requests.page(templateFilters.apply(templates, f), p, 1, 200, 0);
            return Struct.of().list("launchTemplates", page.items(), LaunchTemplateOperations::template)
                    .put("nextToken", page.nextToken());
        });
    }

    private Struct describeVersions(ActionRequest r) {
        Params p = r.params();
        List<String> versions = p.stringList("LaunchTemplateVersion");
        String min = p.string("MinVersion");
        String max = p.string("MaxVersion");
        List<Filter> f = Requests.filters(p);
        versionFilters.validate(f);
        boolean oneTemplate = p.string("LaunchTemplateId") != null || p.string("LaunchTemplateName") != null;
        if (!oneTemplate && (versions.isEmpty() || versions.stream().anyMatch(v -> !v.startsWith("$")))) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter "
                    + "launchTemplateName or launchTemplateId, or only the $Latest and $Default versions");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<LaunchTemplate> templates = oneTemplate ? List.of(find(scope, p)) : LaunchTemplates.all(scope);
            List<Versioned> found = new ArrayList<>();
            for (LaunchTemplate t : templates) {
                if (!versions.isEmpty()) {
                    for (String v : versions) {
                        LaunchTemplateVersion version = LaunchTemplates.version(t, v);
                        if (found.stream().noneMatch(x -> x.version() == version)) {
                            found.add(new Versioned(t, version));
                        }
                    }
                    continue;
                }
                long low = min == null ? Long.MIN_VALUE : LaunchTemplates.version(t, min).number();
                long high = max == null ? Long.MAX_VALUE : LaunchTemplates.version(t, max).number();
                for (LaunchTemplateVersion v : t.versions()) {
                    if (v.number() >= low && v.number() <= high) {
                        found.add(new Versioned(t, v));
                    }
                }
            }
            // the newest versions first, as AWS lists them
            if (versions.isEmpty()) {
                java.util.Collections.reverse(found);
            }
            PageTokens.Page<Versioned> page = Requests.page(versionFilters.apply(found, f), p, 1, 200, 0);
            return Struct.of().list("launchTemplateVersionSet", page.items(), v -> version(v.template(), v.version()))
                    .put("nextToken", page.nextToken());
        });
    }

    private Struct modify(ActionRequest r) {
        Params p = r.params();
        String version = p.string("SetDefaultVersion");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            LaunchTemplate t = find(scope, p);
            if (version != null) {
                LaunchTemplates.setDefault(t, version);
            }
            return Struct.of().put("launchTemplate", template(t));
        });
    }

    private Struct delete(ActionRequest r) {
        Params p = r.params();
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            LaunchTemplate t = find(scope, p);
            LaunchTemplates.delete(scope, t);
            return Struct.of().put("launchTemplate", template(t));
        });
    }

    private Struct deleteVersions(ActionRequest r) {
        Params p = r.params();
        List<String> versions = p.stringList("LaunchTemplateVersion");
        if (versions.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter LaunchTemplateVersion");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            LaunchTemplate t = find(scope, p);
            List<Struct> done = new ArrayList<>();
            List<Struct> failed = new ArrayList<>();
            for (LaunchTemplates.VersionDeletion d : LaunchTemplates.deleteVersions(t, versions)) {
                Struct item = Struct.of().put("launchTemplateId", t.id()).put("launchTemplateName", t.name())
                        .put("versionNumber", d.number());
                if (d.errorCode() == null) {
                    done.add(item);
                } else {
                    failed.add(item.put("responseError", Struct.of().put("code", d.errorCode())
                            .put("message", d.errorMessage())));
                }
            }
            return Struct.of().list("successfullyDeletedLaunchTemplateVersionSet", done)
                    .list("unsuccessfullyDeletedLaunchTemplateVersionSet", failed);
        });
    }

    private Struct getData(ActionRequest r) {
        String id = Requests.checkId(Requests.require(r.params(), "InstanceId"), "i",
                Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Instance i = InstanceLifecycle.find(scope, List.of(id)).get(0);
            return Struct.of().put("launchTemplateData", LaunchTemplateData.render(InstanceLaunchData.of(i)));
        });
    }

    static Struct template(LaunchTemplate t) {
        return Struct.of()
                .put("launchTemplateId", t.id())
                .put("launchTemplateName", t.name())
                .put("createTime", t.createTime())
                .put("createdBy", t.createdBy())
                .put("defaultVersionNumber", t.defaultVersion())
                .put("latestVersionNumber", t.versions().isEmpty() ? t.latestVersion()
                        : t.versions().get(t.versions().size() - 1).number())
                .list("tagSet", Render.tagSet(t.tags()));
    }

    static Struct version(LaunchTemplate t, LaunchTemplateVersion v) {
        return Struct.of()
                .put("launchTemplateId", t.id())
                .put("launchTemplateName", t.name())
                .put("versionNumber", v.number())
                .put("versionDescription", v.description())
                .put("createTime", v.createTime())
                .put("createdBy", v.createdBy())
                .put("defaultVersion", v.number() == t.defaultVersion())
                .put("launchTemplateData", LaunchTemplateData.render(v.data()));
    }
}
