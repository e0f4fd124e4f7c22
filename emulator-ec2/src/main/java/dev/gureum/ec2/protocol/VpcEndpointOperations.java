package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.EndpointServices;
import dev.gureum.ec2.domain.EndpointServices.PrefixList;
import dev.gureum.ec2.domain.EndpointServices.Service;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.NetworkError;
import dev.gureum.ec2.domain.SecurityGroup;
import dev.gureum.ec2.domain.VpcEndpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** VPC endpoints, the services they reach, and the AWS-managed prefix lists of S3 and DynamoDB. */
final class VpcEndpointOperations {

    private static final Filters<VpcEndpoint> FILTERS = new Filters<VpcEndpoint>()
            .add("ip-address-type", e -> e.spec().ipAddressType())
            .add("service-name", VpcEndpoint::serviceName)
            .add("service-region", e -> e.serviceName().split("\\.")[2])
            .add("vpc-id", VpcEndpoint::vpcId)
            .add("vpc-endpoint-id", VpcEndpoint::id)
            .add("vpc-endpoint-state", VpcEndpoint::state)
            .add("vpc-endpoint-type", VpcEndpoint::type)
            .tags(VpcEndpoint::tags);

    private static final Filters<Service> SERVICE_FILTERS = new Filters<Service>()
            .add("owner", s -> "amazon")
            .add("service-name", Service::serviceName)
            .add("service-region", Service::region)
            .add("service-type", Service::types)
            .add("supported-ip-address-types", s -> "ipv4");

    private static final Filters<PrefixList> PREFIX_LIST_FILTERS = new Filters<PrefixList>()
            .add("owner-id", pl -> "AWS")
            .add("prefix-list-id", PrefixList::id)
            .add("prefix-list-name", PrefixList::name);

    private final Ec2World world;

    VpcEndpointOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateVpcEndpoint", this::createVpcEndpoint);
        op.accept("DescribeVpcEndpoints", this::describeVpcEndpoints);
        op.accept("ModifyVpcEndpoint", this::modifyVpcEndpoint);
        op.accept("DeleteVpcEndpoints", this::deleteVpcEndpoints);
        op.accept("DescribeVpcEndpointServices", this::describeVpcEndpointServices);
        op.accept("DescribePrefixLists", this::describePrefixLists);
        op.accept("DescribeManagedPrefixLists", this::describeManagedPrefixLists);
        op.accept("GetManagedPrefixListEntries", this::getManagedPrefixListEntries);
    }

    private Struct createVpcEndpoint(ActionRequest r) {
        Params p = r.params();
        String vpcId = Requests.checkId(Requests.require(p, "VpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        String serviceName = Requests.require(p, "ServiceName");
        String type = p.string("VpcEndpointType", "Gateway");
        if (!type.equals("Gateway") && !type.equals("Interface")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + type
                    + ") for parameter VpcEndpointType is invalid. Gureum's EC2 makes Gateway and Interface endpoints.");
        }
        boolean privateDns = p.bool("PrivateDnsEnabled", type.equals("Interface"));
        VpcEndpoint.Spec spec = new VpcEndpoint.Spec(type, vpcId, serviceName, privateDns,
                p.string("IpAddressType", "ipv4"));
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            VpcOperations.vpcOf(scope, vpcId);
            VpcEndpoint e = EndpointServices.create(scope, spec, p.stringList("RouteTableId"), p.stringList("SubnetId"),
                    p.stringList("SecurityGroupId"), p.string("PolicyDocument"), world.now(),
                    world.settings().bootTime());
            e.tags().putAll(tags.getOrDefault("vpc-endpoint", Map.of()));
            return Struct.of().put("vpcEndpoint", endpoint(e, scope)).put("clientToken", p.string("ClientToken"));
        });
    }

    private static Struct endpoint(VpcEndpoint e, Ec2Scope scope) {
        boolean isInterface = e.type().equals("Interface");
        String service = e.serviceName().substring(e.serviceName().lastIndexOf('.') + 1);
        String region = scope.region().name();
        List<Struct> groups = new ArrayList<>();
        for (String g : e.groupIds()) {
            SecurityGroup group = scope.securityGroups().get(g);
            groups.add(Struct.of().put("groupId", g).put("groupName", group == null ? null : group.name()));
        }
        List<Struct> dns = new ArrayList<>();
        if (isInterface) {
            dns.add(Struct.of().put("dnsName", e.id() + "." + service + "." + region + ".vpce.amazonaws.com"));
            if (e.spec().privateDnsEnabled()) {
                dns.add(Struct.of().put("dnsName", service + "." + region + ".amazonaws.com"));
            }
        }
        return Struct.of()
                .put("vpcEndpointId", e.id())
                .put("vpcEndpointType", e.type())
                .put("vpcId", e.vpcId())
                .put("serviceName", e.serviceName())
                .put("state", e.state())
                .put("policyDocument", e.policyDocument())
                .list("routeTableIdSet", e.routeTableIds())
                .list("subnetIdSet", e.subnetIds())
                .list("groupSet", groups)
                .put("ipAddressType", e.spec().ipAddressType())
                .put("dnsOptions", isInterface ? Struct.of().put("dnsRecordIpType", "ipv4") : null)
                .put("privateDnsEnabled", e.spec().privateDnsEnabled())
                .put("requesterManaged", false)
                .list("networkInterfaceIdSet", List.of())
                .list("dnsEntrySet", dns)
                .put("creationTimestamp", e.creationTimestamp())
                .list("tagSet", Render.tagSet(e.tags()))
                .put("ownerId", e.ownerId());
    }

    private static VpcEndpoint endpointOf(Ec2Scope scope, String id) {
        VpcEndpoint e = scope.network().endpoints().get(id);
        if (e == null) {
            throw new AwsException(NetworkError.INVALID_VPC_ENDPOINT_ID_NOT_FOUND,
                    "The Vpc Endpoint Id '" + id + "' does not exist");
        }
        return e;
    }

    private Struct describeVpcEndpoints(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "VpcEndpointId", "vpce", NetworkError.INVALID_VPC_ENDPOINT_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<VpcEndpoint> all = new ArrayList<>();
            if (ids.isEmpty()) {
                all.addAll(scope.network().endpoints().values());
            } else {
                ids.forEach(id -> all.add(endpointOf(scope, id)));
            }
            PageTokens.Page<VpcEndpoint> page = Requests.page(FILTERS.apply(all, f), p, 5, 1000, 0);
            return Struct.of().list("vpcEndpointSet", page.items(), e -> endpoint(e, scope))
                    .put("nextToken", page.nextToken());
        });
    }

    private Struct modifyVpcEndpoint(ActionRequest r) {
        Params p = r.params();
        String id = Requests.checkId(Requests.require(p, "VpcEndpointId"), "vpce",
                NetworkError.INVALID_VPC_ENDPOINT_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            VpcEndpoint e = endpointOf(scope, id);
            if (e.type().equals("Gateway")) {
                EndpointServices.addRouteTables(scope, e, p.stringList("AddRouteTableId"));
                EndpointServices.removeRouteTables(scope, e, p.stringList("RemoveRouteTableId"));
            }
            for (String s : p.stringList("AddSubnetId")) {
                VpcOperations.subnetOf(scope, s);
                if (!e.subnetIds().contains(s)) {
                    e.subnetIds().add(s);
                }
            }
            e.subnetIds().removeAll(p.stringList("RemoveSubnetId"));
            for (String g : p.stringList("AddSecurityGroupId")) {
                if (!e.groupIds().contains(g)) {
                    e.groupIds().add(g);
                }
            }
            e.groupIds().removeAll(p.stringList("RemoveSecurityGroupId"));
            if (p.bool("ResetPolicy", false)) {
                e.policyDocument(EndpointServices.fullAccess());
            } else if (p.string("PolicyDocument") != null) {
                e.policyDocument(p.string("PolicyDocument"));
            }
            return Struct.of().put("return", true);
        });
    }

    private Struct deleteVpcEndpoints(ActionRequest r) {
        List<String> ids = Requests.ids(r.params(), "VpcEndpointId", "vpce", NetworkError.INVALID_VPC_ENDPOINT_ID_MALFORMED);
        if (ids.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter VpcEndpointId");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<Struct> unsuccessful = new ArrayList<>();
            for (String id : ids) {
                VpcEndpoint e = scope.network().endpoints().get(id);
                if (e == null) {
                    unsuccessful.add(Struct.of().put("error", Struct.of()
                                    .put("code", NetworkError.INVALID_VPC_ENDPOINT_ID_NOT_FOUND.code())
                                    .put("message", "The Vpc Endpoint Id '" + id + "' does not exist"))
                            .put("resourceId", id));
                } else {
                    EndpointServices.delete(scope, e);
                }
            }
            return Struct.of().list("unsuccessful", unsuccessful);
        });
    }

    private Struct describeVpcEndpointServices(ActionRequest r) {
        Params p = r.params();
        List<String> names = p.stringList("ServiceName");
        List<Filter> f = Requests.filters(p);
        String region = Requests.region(r);
        List<String> zones = world.regions().find(region).orElseThrow(() -> new AwsException(Ec2Error.UNSUPPORTED,
                "The region '" + region + "' is not one Gureum's EC2 simulates.")).zones().stream()
                .map(z -> z.name()).toList();
        List<Service> services = new ArrayList<>();
        for (Service s : EndpointServices.services(region)) {
            if (names.isEmpty() || names.contains(s.serviceName())) {
                services.add(s);
            }
        }
        for (String name : names) {
            EndpointServices.service(region, name);
        }
        PageTokens.Page<Service> page = Requests.page(SERVICE_FILTERS.apply(services, f), p, 5, 1000, 0);
        List<Struct> details = new ArrayList<>();
        for (Service s : page.items()) {
            for (String type : s.types()) {
                details.add(Struct.of()
                        .put("serviceName", s.serviceName())
                        .put("serviceId", s.serviceId())
                        .list("serviceType", List.of(Struct.of().put("serviceType", type)))
                        .put("serviceRegion", region)
                        .list("availabilityZoneSet", zones)
                        .put("owner", "amazon")
                        .list("baseEndpointDnsNameSet", List.of(s.name() + "." + region + ".vpce.amazonaws.com"))
                        .put("privateDnsName", type.equals("Interface") ? s.privateDnsName() : null)
                        .put("vpcEndpointPolicySupported", true)
                        .put("acceptanceRequired", false)
                        .put("managesVpcEndpoints", false)
                        .put("privateDnsNameVerificationState", type.equals("Interface") ? "verified" : null)
                        .list("supportedIpAddressTypeSet", List.of("ipv4")));
            }
        }
        return Struct.of().list("serviceNameSet", page.items().stream().map(Service::serviceName).toList())
                .list("serviceDetailSet", details).put("nextToken", page.nextToken());
    }

    private List<PrefixList> prefixLists(ActionRequest r, List<String> ids) {
        List<PrefixList> all = EndpointServices.prefixLists(Requests.region(r));
        for (String id : ids) {
            if (all.stream().noneMatch(pl -> pl.id().equals(id))) {
                throw new AwsException(NetworkError.INVALID_PREFIX_LIST_ID_NOT_FOUND,
                        "The prefix list ID '" + id + "' does not exist");
            }
        }
        return ids.isEmpty() ? all : all.stream().filter(pl -> ids.contains(pl.id())).toList();
    }

    private Struct describePrefixLists(ActionRequest r) {
        Params p = r.params();
        List<PrefixList> lists = prefixLists(r, p.stringList("PrefixListId"));
        PageTokens.Page<PrefixList> page = Requests.page(PREFIX_LIST_FILTERS.apply(lists, Requests.filters(p)), p, 5,
                1000, 0);
        return Struct.of().list("prefixListSet", page.items(), pl -> Struct.of()
                        .list("cidrSet", pl.cidrs())
                        .put("prefixListId", pl.id())
                        .put("prefixListName", pl.name()))
                .put("nextToken", page.nextToken());
    }

    private Struct describeManagedPrefixLists(ActionRequest r) {
        Params p = r.params();
        String region = Requests.region(r);
        List<PrefixList> lists = prefixLists(r, p.stringList("PrefixListId"));
        PageTokens.Page<PrefixList> page = Requests.page(PREFIX_LIST_FILTERS.apply(lists, Requests.filters(p)), p, 1,
                100, 0);
        return Struct.of().list("prefixListSet", page.items(), pl -> Struct.of()
                        .put("prefixListId", pl.id())
                        .put("addressFamily", "IPv4")
                        .put("state", "create-complete")
                        .put("prefixListArn", Arn.of("ec2", region, "aws", "prefix-list/" + pl.id()).toString())
                        .put("prefixListName", pl.name())
                        .put("ownerId", "AWS"))
                .put("nextToken", page.nextToken());
    }

    private Struct getManagedPrefixListEntries(ActionRequest r) {
        Params p = r.params();
        String id = Requests.require(p, "PrefixListId");
        PrefixList pl = prefixLists(r, List.of(id)).get(0);
        PageTokens.Page<String> page = Requests.page(pl.cidrs(), p, 1, 100, 0);
        return Struct.of().list("entrySet", page.items(), c -> Struct.of().put("cidr", c))
                .put("nextToken", page.nextToken());
    }
}
