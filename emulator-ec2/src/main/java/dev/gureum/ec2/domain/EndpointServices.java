package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS services a VPC endpoint can reach in a region, and the prefix lists AWS manages for the two
 * that have gateway endpoints (S3 and DynamoDB). The prefix lists have their real ids and addresses in
 * us-east-1; in other regions their ids are derived from the region, and they list no addresses.
 */
public final class EndpointServices {

    /** A service: its short name and the endpoint types it offers. */
    public record Service(String name, String serviceName, List<String> types, String region) {
        public String serviceId() {
            return "vpce-svc-" + String.format("%017x", (long) serviceName.hashCode() & 0xffffffffL)
                    .substring(0, 17);
        }

        public String privateDnsName() {
            return name.equals("s3") ? "*.s3." + region + ".amazonaws.com" : name + "." + region + ".amazonaws.com";
        }
    }

    /** An AWS-managed prefix list: the addresses of a service in a region. */
    public record PrefixList(String id, String name, List<String> cidrs) {
    }

    /** Services with gateway endpoints, then those with interface endpoints only, as Gureum serves them. */
    private static final List<String> GATEWAY_SERVICES = List.of("s3", "dynamodb");
    private static final List<String> INTERFACE_SERVICES = List.of("ec2", "lambda", "logs", "monitoring", "sns",
            "sqs", "sts");

    private EndpointServices() {
    }

    public static List<Service> services(String region) {
        List<Service> out = new ArrayList<>();
        for (String s : GATEWAY_SERVICES) {
            out.add(new Service(s, "com.amazonaws." + region + "." + s, List.of("Gateway", "Interface"), region));
        }
        for (String s : INTERFACE_SERVICES) {
            out.add(new Service(s, "com.amazonaws." + region + "." + s, List.of("Interface"), region));
        }
        return out;
    }

    public static Service service(String region, String serviceName) {
        return services(region).stream().filter(s -> s.serviceName().equals(serviceName)).findFirst()
                .orElseThrow(() -> new AwsException(NetworkError.INVALID_SERVICE_NAME,
                        "The Vpc Endpoint Service '" + serviceName + "' does not exist"));
    }

    public static List<PrefixList> prefixLists(String region) {
        boolean virginia = region.equals("us-east-1");
        return List.of(
                new PrefixList(virginia ? "pl-63a5400a" : derivedId(region, "s3"), "com.amazonaws." + region + ".s3",
                        virginia ? List.of("3.5.0.0/19", "16.182.0.0/16", "18.34.0.0/19", "18.34.232.0/21",
                                "52.216.0.0/15", "54.231.0.0/16") : List.of()),
                new PrefixList(virginia ? "pl-02cd2c6b" : derivedId(region, "dynamodb"),
                        "com.amazonaws." + region + ".dynamodb",
                        virginia ? List.of("3.218.180.0/22", "52.94.0.0/22", "52.119.224.0/20") : List.of()));
    }

    private static String derivedId(String region, String service) {
        return "pl-" + String.format("%08x", (region + "/" + service).hashCode());
    }

    public static PrefixList prefixList(String region, String serviceName) {
        return prefixLists(region).stream().filter(p -> p.name().equals(serviceName)).findFirst().orElse(null);
    }

    // ---- endpoints ------------------------------------------------------------------------------

    /**
     * Creates an endpoint: a gateway endpoint routes the service's prefix list from each of its tables
     * and is available at once; an interface endpoint is pending for a moment first.
     */
    public static VpcEndpoint create(Ec2Scope scope, VpcEndpoint.Spec spec, List<String> routeTableIds,
                                     List<String> subnetIds, List<String> groupIds, String policy, Instant now,
                                     Duration buildTime) {
        Service service = service(scope.region().name(), spec.serviceName());
        if (!service.types().contains(spec.type())) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "The Vpc Endpoint Service '"
                    + spec.serviceName() + "' does not support " + spec.type() + " endpoints.");
        }
        VpcEndpoint e = new VpcEndpoint(Ids.ec2("vpce"), scope.accountId(), spec, now);
        e.policyDocument(policy != null ? policy : fullAccess());
        if (spec.type().equals("Gateway")) {
            e.state("available", null);
            addRouteTables(scope, e, routeTableIds);
        } else {
            e.state("pending", now.plus(buildTime));
            for (String subnetId : subnetIds) {
                Subnet s = scope.subnets.get(subnetId);
                if (s == null) {
                    throw new AwsException(Ec2Error.INVALID_SUBNET_ID_NOT_FOUND,
                            "The subnet ID '" + subnetId + "' does not exist");
                }
                e.subnetIds().add(subnetId);
            }
            List<String> groups = groupIds.isEmpty() && scope.defaultGroup(spec.vpcId()) != null
                    ? List.of(scope.defaultGroup(spec.vpcId()).id()) : groupIds;
            for (String g : groups) {
                if (!scope.securityGroups.containsKey(g)) {
                    throw new AwsException(Ec2Error.INVALID_GROUP_NOT_FOUND,
                            "The security group '" + g + "' does not exist");
                }
                e.groupIds().add(g);
            }
        }
        scope.network.endpoints.put(e.id(), e);
        return e;
    }

    /** The policy an endpoint has unless it is given one: everything allowed. */
    public static String fullAccess() {
        return "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
    }

    public static void addRouteTables(Ec2Scope scope, VpcEndpoint e, List<String> routeTableIds) {
        PrefixList pl = prefixList(scope.region().name(), e.serviceName());
        for (String id : routeTableIds) {
            RouteTable t = scope.network.routeTables.get(id);
            if (t == null || !t.vpcId().equals(e.vpcId())) {
                throw new AwsException(NetworkError.INVALID_ROUTE_TABLE_ID_NOT_FOUND,
                        "The routeTable ID '" + id + "' does not exist");
            }
            if (e.routeTableIds().contains(id)) {
                continue;
            }
            if (t.route(pl.id()) != null) {
                throw new AwsException(NetworkError.ROUTE_ALREADY_EXISTS, "route table " + id
                        + " already has a route with destination-prefix-list-id " + pl.id());
            }
            t.routes().add(new RouteTable.Route(null, null, pl.id(), RouteTable.Target.GATEWAY, e.id(),
                    "CreateRoute"));
            e.routeTableIds().add(id);
        }
    }

    public static void removeRouteTables(Ec2Scope scope, VpcEndpoint e, List<String> routeTableIds) {
        for (String id : routeTableIds) {
            RouteTable t = scope.network.routeTables.get(id);
            if (t != null) {
                t.routes().removeIf(r -> e.id().equals(r.targetId()));
            }
            e.routeTableIds().remove(id);
        }
    }

    public static void delete(Ec2Scope scope, VpcEndpoint e) {
        removeRouteTables(scope, e, new ArrayList<>(e.routeTableIds()));
        scope.network.endpoints.remove(e.id());
    }
}
