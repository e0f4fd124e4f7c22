package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.DhcpOptions;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.NetworkError;
import dev.gureum.ec2.domain.Vpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** DHCP options sets: create, describe, associate with VPCs ({@code default} for none), delete. */
final class DhcpOptionsOperations {

    /** The options a set may carry. */
    private static final Set<String> KEYS = Set.of("domain-name", "domain-name-servers", "ntp-servers",
            "netbios-name-servers", "netbios-node-type", "ipv6-address-preferred-lease-time");

    private static final Filters<DhcpOptions> FILTERS = new Filters<DhcpOptions>()
            .add("dhcp-options-id", DhcpOptions::id)
            .add("key", d -> new ArrayList<>(d.configurations().keySet()))
            .add("value", d -> d.configurations().values().stream().flatMap(List::stream).toList())
            .add("owner-id", DhcpOptions::ownerId)
            .tags(DhcpOptions::tags);

    private final Ec2World world;

    DhcpOptionsOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateDhcpOptions", this::createDhcpOptions);
        op.accept("DescribeDhcpOptions", this::describeDhcpOptions);
        op.accept("AssociateDhcpOptions", this::associateDhcpOptions);
        op.accept("DeleteDhcpOptions", this::deleteDhcpOptions);
    }

    private Struct createDhcpOptions(ActionRequest r) {
        Params p = r.params();
        Map<String, List<String>> config = new LinkedHashMap<>();
        for (Params c : p.list("DhcpConfiguration")) {
            String key = c.string("Key");
            if (key == null || !KEYS.contains(key)) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value (" + key + ") for parameter dhcpConfiguration is invalid. Unrecognized option: " + key);
            }
            List<String> values = c.stringList("Value");
            if (values.isEmpty()) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                        "Value for parameter " + key + " is invalid. It must have at least one value.");
            }
            config.put(key, values);
        }
        if (config.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter dhcpConfiguration");
        }
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            DhcpOptions d = new DhcpOptions(scope.accountId(), config);
            d.tags().putAll(tags.getOrDefault("dhcp-options", Map.of()));
            scope.network().dhcpOptions().put(d.id(), d);
            return Struct.of().put("dhcpOptions", options(d));
        });
    }

    private static Struct options(DhcpOptions d) {
        List<Struct> config = new ArrayList<>();
        d.configurations().forEach((key, values) -> config.add(Struct.of().put("key", key)
                .list("valueSet", values, v -> Struct.of().put("value", v))));
        return Struct.of()
                .list("dhcpConfigurationSet", config)
                .put("dhcpOptionsId", d.id())
                .put("ownerId", d.ownerId())
                .list("tagSet", Render.tagSet(d.tags()));
    }

    private static DhcpOptions optionsOf(Ec2Scope scope, String id) {
        DhcpOptions d = scope.network().dhcpOptions().get(id);
        if (d == null) {
            throw new AwsException(NetworkError.INVALID_DHCP_OPTIONS_ID_NOT_FOUND,
                    "The dhcpOption ID '" + id + "' does not exist");
        }
        return d;
    }

    private Struct describeDhcpOptions(ActionRequest r) {
        Params p = r.params();
        List<String> ids = Requests.ids(p, "DhcpOptionsId", "dopt", NetworkError.INVALID_DHCP_OPTIONS_ID_MALFORMED);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<DhcpOptions> all = new ArrayList<>();
            if (ids.isEmpty()) {
                all.addAll(scope.network().dhcpOptions().values());
            } else {
                ids.forEach(id -> all.add(optionsOf(scope, id)));
            }
            PageTokens.Page<DhcpOptions> page = Requests.page(FILTERS.apply(all, f), p, 5, 1000, 0);
            return Struct.of().list("dhcpOptionsSet", page.items(), DhcpOptionsOperations::options)
                    .put("nextToken", page.nextToken());
        });
    }

    private Struct associateDhcpOptions(ActionRequest r) {
        Params p = r.params();
        String id = Requests.require(p, "DhcpOptionsId");
        if (!id.equals("default")) {
            Requests.checkId(id, "dopt", NetworkError.INVALID_DHCP_OPTIONS_ID_MALFORMED);
        }
        String vpcId = Requests.checkId(Requests.require(p, "VpcId"), "vpc", Ec2Error.INVALID_VPC_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            if (!id.equals("default")) {
                optionsOf(scope, id);
            }
            VpcOperations.vpcOf(scope, vpcId).dhcpOptionsId(id);
            return Struct.of().put("return", true);
        });
    }

    private Struct deleteDhcpOptions(ActionRequest r) {
        String id = Requests.checkId(Requests.require(r.params(), "DhcpOptionsId"), "dopt",
                NetworkError.INVALID_DHCP_OPTIONS_ID_MALFORMED);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            optionsOf(scope, id);
            for (Vpc vpc : scope.vpcs().values()) {
                if (id.equals(vpc.dhcpOptionsId())) {
                    throw new AwsException(Ec2Error.DEPENDENCY_VIOLATION,
                            "The dhcpOptions '" + id + "' has dependencies and cannot be deleted.");
                }
            }
            scope.network().dhcpOptions().remove(id);
            return Struct.of().put("return", true);
        });
    }
}
