package dev.gureum.ec2.protocol;

import dev.gureum.core.datacenter.Host;
import dev.gureum.core.datacenter.Tenancy;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.ConsoleLog;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.InstanceLifecycle;
import dev.gureum.ec2.domain.InstanceLifecycle.StateChange;
import dev.gureum.ec2.domain.InstanceState;
import dev.gureum.ec2.domain.LaunchSpec;
import dev.gureum.ec2.domain.Reservation;
import dev.gureum.ec2.domain.SecurityGroup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Instances: RunInstances, DescribeInstances, the state changes, attributes and the console. */
final class InstanceOperations {

    private static final int USER_DATA_LIMIT = 16 * 1024;

    private final Ec2World world;
    private final java.util.function.Supplier<dev.gureum.core.auth.Authorizer> authorizer;
    private final Filters<Instance> filters;

    InstanceOperations(Ec2World world, java.util.function.Supplier<dev.gureum.core.auth.Authorizer> authorizer) {
        this.world = world;
        this.authorizer = authorizer;
        this.filters = NetworkInterfaceOperations.instanceFilters(instanceFilters(), world);
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("RunInstances", this::runInstances);
        op.accept("DescribeInstances", this::describeInstances);
        op.accept("DescribeInstanceStatus", this::describeInstanceStatus);
        op.accept("StartInstances", this::startInstances);
        op.accept("StopInstances", this::stopInstances);
        op.accept("RebootInstances", this::rebootInstances);
        op.accept("TerminateInstances", this::terminateInstances);
        op.accept("ModifyInstanceAttribute", this::modifyInstanceAttribute);
        op.accept("DescribeInstanceAttribute", this::describeInstanceAttribute);
        op.accept("GetConsoleOutput", this::getConsoleOutput);
        op.accept("MonitorInstances", r -> monitoring(r, true));
        op.accept("UnmonitorInstances", r -> monitoring(r, false));
    }

    /**
     * Detailed monitoring (metrics every minute) on or off. EC2 answers while the change is under way
     * ({@code pending}, {@code disabling}); here it is done at once, as DescribeInstances then shows.
     */
    private Struct monitoring(ActionRequest r, boolean detailed) {
        List<String> ids = requiredIds(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<Struct> items = new ArrayList<>();
            for (Instance i : InstanceLifecycle.find(scope, ids)) {
                i.monitoring(detailed);
                items.add(Struct.of().put("instanceId", i.id())
                        .put("monitoring", Struct.of().put("state", detailed ? "pending" : "disabling")));
            }
            return Struct.of().list("instancesSet", items);
        });
    }

    // ---- RunInstances ---------------------------------------------------------------------------

    private Struct runInstances(ActionRequest r) {
        if (r.params().has("LaunchTemplate")) {
            return new TemplateLaunches(world).passRole(role -> passRole(r, role)).run(r);
        }
        LaunchSpec spec = launchSpec(r.params());
        InstanceLaunchOptions options = InstanceLaunchOptions.of(r.params());
        dev.gureum.ec2.domain.InstanceProfile profile = options.profile(world, Requests.account(r),
                role -> passRole(r, role));
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            dev.gureum.ec2.domain.InstanceLauncher.LaunchResult result = world.launcher().run(scope, spec, world.now());
            options.applyTo(result.instances(), profile);
            return InstanceView.reservation(result.reservation(), result.instances(), scope);
        });
    }

    /**
     * An instance profile gives its role to EC2: under {@code --enforce-iam} the caller needs {@code iam:PassRole} on
     * it ({@code iam:PassedToService} {@code ec2.amazonaws.com}), or gets {@code UnauthorizedOperation}.
     */
    private void passRole(ActionRequest r, String roleArn) {
        dev.gureum.core.auth.Authorizer a = authorizer.get();
        String refusal = a == null ? null : a.passRoleRefusal(r.context(), roleArn, "ec2.amazonaws.com");
        if (refusal != null) {
            throw new dev.gureum.core.error.AwsException(dev.gureum.ec2.domain.Ec2Error.UNAUTHORIZED_OPERATION,
                    "You are not authorized to perform this operation. " + refusal);
        }
    }

    static LaunchSpec launchSpec(Params p) {
        if (p.has("LaunchTemplate")) {
            throw new AwsException(CommonError.NOT_IMPLEMENTED, "Launch templates are not supported by Gureum's EC2.");
        }
        Integer min = p.integer("MinCount");
        Integer max = p.integer("MaxCount");
        if (min == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter MinCount");
        }
        if (max == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter MaxCount");
        }
        Params placement = p.object("Placement");
        String tenancyName = placement.string("Tenancy");
        Tenancy tenancy = null;
        if (tenancyName != null) {
            tenancy = Tenancy.of(tenancyName);
            if (tenancy == null) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + tenancyName + ") for parameter tenancy is invalid.");
            }
        }
        String subnetId = p.string("SubnetId");
        List<String> groupIds = new ArrayList<>(p.stringList("SecurityGroupId"));
        String privateIp = p.string("PrivateIpAddress");
        if (subnetId != null) {
            Requests.checkId(subnetId, "subnet", Ec2Error.INVALID_SUBNET_ID_MALFORMED);
        }
        for (String g : groupIds) {
            Requests.checkId(g, "sg", Ec2Error.INVALID_GROUP_ID_MALFORMED);
        }
        LaunchSpec.SpotOptions spot = null;
        Params market = p.object("InstanceMarketOptions");
        if (market.isPresent() && market.has("MarketType")) {
            String type = market.string("MarketType");
            if (!type.equals("spot")) {
                throw new AwsException(CommonError.NOT_IMPLEMENTED,
                        "The market type " + type + " is not supported by Gureum's EC2.");
            }
            Params options = market.object("SpotOptions");
            spot = new LaunchSpec.SpotOptions(options.doubleValue("MaxPrice"),
                    "persistent".equals(options.string("SpotInstanceType")), null);
        }
        String shutdown = p.string("InstanceInitiatedShutdownBehavior");
        if (shutdown != null && !shutdown.equals("stop") && !shutdown.equals("terminate")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + shutdown + ") for parameter instanceInitiatedShutdownBehavior is invalid.");
        }
        return new LaunchSpec(p.string("ImageId"), p.string("InstanceType"), min, max, p.string("KeyName"),
                groupIds, p.stringList("SecurityGroup"), subnetId, placement.string("AvailabilityZone"), tenancy,
                placement.string("HostId"), privateIp, userData(p.string("UserData")), Requests.tagSpecifications(p),
                spot, p.string("ClientToken"), p.bool("DisableApiTermination", false), p.bool("DisableApiStop", false),
                shutdown, p.bool("EbsOptimized", false), p.object("Monitoring").bool("Enabled", false),
                NetworkInterfaceSpecs.of(p), BlockDeviceMappings.parse(p, "BlockDeviceMapping"));
    }

    /** User data arrives base64-encoded and may hold 16 KB once decoded. */
    static byte[] userData(String base64) {
        if (base64 == null) {
            return null;
        }
        byte[] data;
        try {
            data = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Invalid BASE64 encoding of user data.");
        }
        if (data.length > USER_DATA_LIMIT) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "User data is limited to 16384 bytes");
        }
        return data;
    }

    // ---- DescribeInstances ----------------------------------------------------------------------

    private Struct describeInstances(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "InstanceId", "i", Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        if (!ids.isEmpty() && p.has("MaxResults")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        filters.validate(f);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<Instance> instances = ids.isEmpty() ? new ArrayList<>(scope.instances().values())
                    : InstanceLifecycle.find(scope, ids);
            List<Instance> matching = filters.apply(instances, f);
            PageTokens.Page<Instance> page = Requests.page(matching, p, 5, 1000, 0);
            Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
            for (Instance i : page.items()) {
                byReservation.computeIfAbsent(i.reservationId(), k -> new ArrayList<>()).add(i);
            }
            List<Struct> reservations = new ArrayList<>();
            byReservation.forEach((id, list) -> {
                Reservation res = scope.reservations().get(id);
                reservations.add(InstanceView.reservation(res, list, scope));
            });
            return Struct.of().list("reservationSet", reservations).put("nextToken", page.nextToken());
        });
    }

    private Filters<Instance> instanceFilters() {
        return new Filters<Instance>()
                .add("architecture", i -> i.image().architecture())
                .add("availability-zone", i -> i.zone().name())
                .add("availability-zone-id", i -> i.zone().zoneId())
                .add("block-device-mapping.attach-time", i -> attached(i, a -> dev.gureum.core.protocol.Values.iso(a.attachTime())))
                .add("block-device-mapping.delete-on-termination", i -> attached(i, a -> a.deleteOnTermination()))
                .add("block-device-mapping.device-name", i -> attached(i, a -> a.device()))
                .add("block-device-mapping.status", i -> attached(i, a -> a.state()))
                .add("block-device-mapping.volume-id", i -> attached(i, null))
                .add("client-token", Instance::clientToken)
                .add("dns-name", Instance::publicDnsName)
                .add("group-id", Instance::securityGroupIds)
                .add("instance.group-id", Instance::securityGroupIds)
                .add("host-id", Instance::hostId)
                .add("hypervisor", i -> "xen")
                .add("image-id", i -> i.image().id())
                .add("instance-id", Instance::id)
                .add("instance-lifecycle", i -> i.isSpot() ? "spot" : null)
                .add("instance-state-code", i -> i.state().code())
                .add("instance-state-name", i -> i.state().wireName())
                .add("instance-type", i -> i.type().name())
                .add("ip-address", Instance::publicIp)
                .add("key-name", Instance::keyName)
                .add("launch-index", Instance::launchIndex)
                .add("launch-time", i -> dev.gureum.core.protocol.Values.iso(i.launchTime()))
                .add("monitoring-state", i -> i.monitoring() ? "enabled" : "disabled")
                .add("network-interface.network-interface-id", Instance::networkInterfaceId)
                .add("network-interface.subnet-id", i -> i.subnet().id())
                .add("network-interface.vpc-id", i -> i.subnet().vpcId())
                .add("network-interface.mac-address", Instance::macAddress)
                .add("owner-id", Instance::ownerId)
                .add("placement-group-name", i -> null)
                .add("platform", i -> i.image().isWindows() ? "windows" : null)
                .add("platform-details", i -> i.image().platform().details())
                .add("private-dns-name", Instance::privateDnsName)
                .add("private-ip-address", Instance::privateIp)
                .add("reason", Instance::stateTransitionReason)
                .add("reservation-id", Instance::reservationId)
                .add("root-device-name", i -> i.image().rootDeviceName())
                .add("root-device-type", i -> "ebs")
                .add("source-dest-check", Instance::sourceDestCheck)
                .add("spot-instance-request-id", i -> i.isSpot() ? i.spot().requestId() : null)
                .add("state-reason-code", i -> i.stateReason() == null ? null : i.stateReason().code())
                .add("state-reason-message", i -> i.stateReason() == null ? null : i.stateReason().message())
                .add("subnet-id", i -> i.subnet().id())
                .add("tenancy", i -> i.tenancy().value())
                .add("usage-operation", i -> i.image().platform().usageOperation())
                .add("virtualization-type", i -> "hvm")
                .add("vpc-id", i -> i.subnet().vpcId())
                .add("iam-instance-profile.arn", i -> i.instanceProfile() == null ? null : i.instanceProfile().arn())
                .add("iam-instance-profile.id", i -> i.instanceProfile() == null ? null : i.instanceProfile().id())
                .add("metadata-options.http-tokens", i -> i.metadataOptions().httpTokens())
                .add("metadata-options.http-put-response-hop-limit", i -> i.metadataOptions().httpPutResponseHopLimit())
                .add("metadata-options.http-endpoint", i -> i.metadataOptions().httpEndpoint())
                .add("metadata-options.http-protocol-ipv6", i -> i.metadataOptions().httpProtocolIpv6())
                .add("metadata-options.instance-metadata-tags", i -> i.metadataOptions().instanceMetadataTags())
                .tags(Instance::tags);
    }

    /** A value of each volume attached to an instance (its id when {@code value} is null), for the filters. */
    private List<Object> attached(Instance i, java.util.function.Function<dev.gureum.ec2.domain.Volume.Attachment,
            Object> value) {
        List<Object> out = new ArrayList<>();
        for (dev.gureum.ec2.domain.Volume v : dev.gureum.ec2.domain.Volumes.attachedTo(world, i.id())) {
            out.add(value == null ? v.id() : value.apply(v.attachment()));
        }
        return out;
    }

    // ---- DescribeInstanceStatus -----------------------------------------------------------------

    private Struct describeInstanceStatus(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "InstanceId", "i", Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        boolean all = p.bool("IncludeAllInstances", false);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Instant now = world.now();
            Filters<Instance> statusFilters = new Filters<Instance>()
                    .add("availability-zone", i -> i.zone().name())
                    .add("instance-state-name", i -> i.state().wireName())
                    .add("instance-state-code", i -> i.state().code())
                    .add("instance-status.status", i -> checkStatus(i, now))
                    .add("instance-status.reachability", i -> reachability(i, now))
                    .add("system-status.status", i -> checkStatus(i, now))
                    .add("system-status.reachability", i -> reachability(i, now))
                    .add("event.code", i -> null);
            List<Instance> instances = ids.isEmpty() ? new ArrayList<>(scope.instances().values())
                    : InstanceLifecycle.find(scope, ids);
            List<Instance> shown = new ArrayList<>();
            for (Instance i : statusFilters.apply(instances, f)) {
                if (all || i.state() == InstanceState.RUNNING) {
                    shown.add(i);
                }
            }
            PageTokens.Page<Instance> page = Requests.page(shown, p, 5, 1000, 0);
            List<Struct> out = new ArrayList<>();
            for (Instance i : page.items()) {
                String status = checkStatus(i, now);
                String reach = reachability(i, now);
                List<Struct> details = reach == null ? List.of()
                        : List.of(Struct.of().put("name", "reachability").put("status", reach));
                out.add(Struct.of()
                        .put("instanceId", i.id())
                        .put("availabilityZone", i.zone().name())
                        .put("availabilityZoneId", i.zone().zoneId())
                        .list("eventsSet", List.of())
                        .put("instanceState", Render.state(i.state()))
                        .put("instanceStatus", Struct.of().list("details", details).put("status", status))
                        .put("systemStatus", Struct.of().list("details", details).put("status", status))
                        .put("attachedEbsStatus", Struct.of().list("details", details).put("status", status)));
            }
            return Struct.of().list("instanceStatusSet", out).put("nextToken", page.nextToken());
        });
    }

    /** Status checks run once an instance is up: initializing for a boot's length, then ok. */
    private String checkStatus(Instance i, Instant now) {
        if (i.state() != InstanceState.RUNNING) {
            return "not-applicable";
        }
        return now.isBefore(i.stateSince().plus(world.settings().bootTime())) ? "initializing" : "ok";
    }

    private String reachability(Instance i, Instant now) {
        String status = checkStatus(i, now);
        return switch (status) {
            case "ok" -> "passed";
            case "initializing" -> "initializing";
            default -> null;
        };
    }

    // ---- state changes --------------------------------------------------------------------------

    private Struct startInstances(ActionRequest r) {
        List<String> ids = requiredIds(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> stateChanges(
                world.lifecycle().start(scope, InstanceLifecycle.find(scope, ids), world.now())));
    }

    private Struct stopInstances(ActionRequest r) {
        List<String> ids = requiredIds(r.params());
        boolean force = r.params().bool("Force", false);
        if (r.params().bool("Hibernate", false)) {
            throw new AwsException(Ec2Error.UNSUPPORTED_OPERATION, "Hibernation is not enabled for these instances.");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> stateChanges(
                world.lifecycle().stop(scope, InstanceLifecycle.find(scope, ids), force, world.now())));
    }

    private Struct terminateInstances(ActionRequest r) {
        List<String> ids = requiredIds(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> stateChanges(
                world.lifecycle().terminate(scope, InstanceLifecycle.find(scope, ids), world.now())));
    }

    private Struct rebootInstances(ActionRequest r) {
        List<String> ids = requiredIds(r.params());
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            world.lifecycle().reboot(InstanceLifecycle.find(scope, ids));
            return null;
        });
    }

    private static List<String> requiredIds(Params p) {
        List<String> ids = Requests.ids(p, "InstanceId", "i", Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        if (ids.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter InstanceId");
        }
        return ids;
    }

    private static Struct stateChanges(List<StateChange> changes) {
        List<Struct> items = new ArrayList<>();
        for (StateChange c : changes) {
            items.add(Struct.of()
                    .put("instanceId", c.instanceId())
                    .put("currentState", Render.state(c.current()))
                    .put("previousState", Render.state(c.previous())));
        }
        return Struct.of().list("instancesSet", items);
    }

    // ---- attributes -----------------------------------------------------------------------------

    private Struct modifyInstanceAttribute(ActionRequest r) {
        Params p = r.params();
        String id = Requests.checkId(Requests.require(p, "InstanceId"), "i", Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        Map<String, String> changes = new LinkedHashMap<>();
        String attribute = p.string("Attribute");
        if (attribute != null) {
            changes.put(attribute, p.string("Value"));
        }
        for (String member : List.of("InstanceType", "UserData", "DisableApiTermination", "DisableApiStop",
                "InstanceInitiatedShutdownBehavior", "SourceDestCheck", "EbsOptimized", "Kernel", "Ramdisk",
                "SriovNetSupport", "EnaSupport")) {
            String value = Requests.attributeValue(p, member);
            if (value != null) {
                changes.put(Character.toLowerCase(member.charAt(0)) + member.substring(1), value);
            }
        }
        List<String> groups = p.stringList("GroupId");
        if (changes.isEmpty() && groups.isEmpty() && p.list("BlockDeviceMapping").isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter attribute");
        }
        List<dev.gureum.ec2.domain.BlockDeviceSpec> devices = BlockDeviceMappings.parse(p, "BlockDeviceMapping");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Instance i = InstanceLifecycle.find(scope, List.of(id)).get(0);
            for (dev.gureum.ec2.domain.BlockDeviceSpec d : devices) {
                if (d.ebs() == null || d.ebs().deleteOnTermination() == null) {
                    throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION, "Only the DeleteOnTermination "
                            + "of an instance's attached volumes can be modified.");
                }
                dev.gureum.ec2.domain.Volumes.deleteOnTermination(scope, i, d.deviceName(), d.ebs().deleteOnTermination());
            }
            if (!groups.isEmpty()) {
                for (String g : groups) {
                    SecurityGroup group = scope.securityGroups().get(g);
                    if (group == null) {
                        throw new AwsException(Ec2Error.INVALID_GROUP_NOT_FOUND, "The security group '" + g + "' does not exist");
                    }
                    if (!group.vpcId().equals(i.subnet().vpcId())) {
                        throw new AwsException(Ec2Error.INVALID_PARAMETER, "Security group " + g
                                + " and the instance belong to different networks.");
                    }
                }
                i.securityGroupIds().clear();
                i.securityGroupIds().addAll(groups);
            }
            for (Map.Entry<String, String> e : changes.entrySet()) {
                modify(i, e.getKey(), e.getValue());
            }
            return null;
        });
    }

    private void modify(Instance i, String attribute, String value) {
        switch (attribute) {
            case "instanceType" -> world.lifecycle().changeType(i, value);
            case "userData" -> {
                if (i.state() != InstanceState.STOPPED) {
                    throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                            "The instance '" + i.id() + "' is not in the 'stopped' state.");
                }
                i.userData(userData(value));
            }
            case "disableApiTermination" -> i.disableApiTermination(bool(value, attribute));
            case "disableApiStop" -> i.disableApiStop(bool(value, attribute));
            case "sourceDestCheck" -> i.sourceDestCheck(bool(value, attribute));
            case "ebsOptimized" -> {
                if (i.state() != InstanceState.STOPPED) {
                    throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                            "The instance '" + i.id() + "' is not in the 'stopped' state.");
                }
                i.ebsOptimized(bool(value, attribute));
            }
            case "instanceInitiatedShutdownBehavior" -> {
                if (!"stop".equals(value) && !"terminate".equals(value)) {
                    throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                            "Value (" + value + ") for parameter instanceInitiatedShutdownBehavior is invalid.");
                }
                i.shutdownBehavior(value);
            }
            case "kernel", "ramdisk", "sriovNetSupport", "enaSupport" -> throw new AwsException(
                    Ec2Error.UNSUPPORTED_OPERATION, "Gureum's EC2 does not let the " + attribute + " attribute change.");
            default -> throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
        }
    }

    private static boolean bool(String value, String attribute) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                "Value (" + value + ") for parameter " + attribute + " is invalid. Expected a boolean.");
    }

    private Struct describeInstanceAttribute(ActionRequest r) {
        Params p = r.params();
        String id = Requests.checkId(Requests.require(p, "InstanceId"), "i", Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        String attribute = Requests.require(p, "Attribute");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Instance i = InstanceLifecycle.find(scope, List.of(id)).get(0);
            Struct out = Struct.of().put("instanceId", i.id());
            switch (attribute) {
                case "instanceType" -> out.put("instanceType", value(i.type().name()));
                case "kernel" -> out.put("kernel", Struct.of());
                case "ramdisk" -> out.put("ramdisk", Struct.of());
                case "userData" -> out.put("userData", i.userData() == null ? Struct.of()
                        : value(Base64.getEncoder().encodeToString(i.userData())));
                case "disableApiTermination" -> out.put("disableApiTermination", value(i.disableApiTermination()));
                case "disableApiStop" -> out.put("disableApiStop", value(i.disableApiStop()));
                case "instanceInitiatedShutdownBehavior" ->
                        out.put("instanceInitiatedShutdownBehavior", value(i.shutdownBehavior()));
                case "rootDeviceName" -> out.put("rootDeviceName", value(i.image().rootDeviceName()));
                case "blockDeviceMapping" -> out.list("blockDeviceMapping", BlockDeviceMappings.ofInstance(i, scope));
                case "productCodes" -> out.list("productCodes", List.of());
                case "sourceDestCheck" -> out.put("sourceDestCheck", value(i.sourceDestCheck()));
                case "groupSet" -> out.list("groupSet", InstanceView.groups(i, scope));
                case "ebsOptimized" -> out.put("ebsOptimized", value(i.ebsOptimized()));
                case "sriovNetSupport" -> out.put("sriovNetSupport", value("simple"));
                case "enaSupport" -> out.put("enaSupport", value(true));
                case "enclaveOptions" -> out.put("enclaveOptions", Struct.of().put("enabled", false));
                default -> throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
            }
            return out;
        });
    }

    private static Struct value(Object v) {
        return Struct.of().put("value", v);
    }

    // ---- console --------------------------------------------------------------------------------

    private Struct getConsoleOutput(ActionRequest r) {
        String id = Requests.checkId(Requests.require(r.params(), "InstanceId"), "i", Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Instance i = InstanceLifecycle.find(scope, List.of(id)).get(0);
            Struct out = Struct.of().put("instanceId", i.id());
            boolean booted = i.state() == InstanceState.RUNNING || i.state() == InstanceState.STOPPING
                    || i.state() == InstanceState.STOPPED || i.state() == InstanceState.SHUTTING_DOWN
                    || i.state() == InstanceState.TERMINATED && !i.billing().isEmpty();
            if (!booted || i.billing().isEmpty()) {
                return out.put("timestamp", world.now());
            }
            Host host = i.hostId() == null ? null : world.dataCenter().host(i.hostId()).orElse(null);
            String log = ConsoleLog.of(i, host, i.launchTime()) + i.workloadOutput();
            return out.put("timestamp", i.launchTime().plus(world.settings().bootTime()))
                    .put("output", Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8)));
        });
    }
}
