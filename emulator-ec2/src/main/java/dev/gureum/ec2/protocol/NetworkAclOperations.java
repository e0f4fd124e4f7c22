package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.DefaultNetworkAcl;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.NetworkError;
import dev.gureum.ec2.domain.Subnet;
import dev.gureum.ec2.domain.Vpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** DescribeNetworkAcls: each VPC's default network ACL, which tools such as Terraform read with the VPC. */
final class NetworkAclOperations {

    private static final Filters<DefaultNetworkAcl> FILTERS = new Filters<DefaultNetworkAcl>()
            .add("association.association-id", a -> a.associations().stream().map(DefaultNetworkAcl.Association::id).toList())
            .add("association.network-acl-id", a -> a.associations().isEmpty() ? null : a.id())
            .add("association.subnet-id", a -> a.associations().stream()
                    .map(DefaultNetworkAcl.Association::subnetId).toList())
            .add("default", a -> true)
            .add("entry.cidr", a -> "0.0.0.0/0")
            .add("entry.protocol", a -> "-1")
            .add("entry.rule-action", a -> List.of("allow", "deny"))
            .add("entry.egress", a -> List.of(true, false))
            .add("entry.rule-number", a -> List.of(100, 32767))
            .add("network-acl-id", DefaultNetworkAcl::id)
            .add("owner-id", DefaultNetworkAcl::ownerId)
            .add("vpc-id", DefaultNetworkAcl::vpcId)
            .tags(a -> Map.of());

    private final Ec2World world;

    NetworkAclOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("DescribeNetworkAcls", this::describeNetworkAcls);
    }

    private Struct describeNetworkAcls(ActionRequest r) {
        Params p = r.params();
        List<String> ids = p.stringList("NetworkAclId");
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<Subnet> subnets = new ArrayList<>(scope.subnets().values());
            List<DefaultNetworkAcl> all = new ArrayList<>();
            for (Vpc vpc : scope.vpcs().values()) {
                all.add(DefaultNetworkAcl.of(vpc, subnets));
            }
            for (String id : ids) {
                if (all.stream().noneMatch(a -> a.id().equals(id))) {
                    throw new AwsException(NetworkError.INVALID_NETWORK_ACL_ID_NOT_FOUND,
                            "The networkAcl ID '" + id + "' does not exist");
                }
            }
            List<DefaultNetworkAcl> chosen = ids.isEmpty() ? all : all.stream().filter(a -> ids.contains(a.id())).toList();
            PageTokens.Page<DefaultNetworkAcl> page = Requests.page(FILTERS.apply(chosen, f), p, 5, 1000, 0);
            return Struct.of().list("networkAclSet", page.items(), NetworkAclOperations::acl)
                    .put("nextToken", page.nextToken());
        });
    }

    private static Struct acl(DefaultNetworkAcl a) {
        return Struct.of()
                .list("associationSet", a.associations(), s -> Struct.of()
                        .put("networkAclAssociationId", s.id())
                        .put("networkAclId", a.id())
                        .put("subnetId", s.subnetId()))
                .list("entrySet", DefaultNetworkAcl.ENTRIES, e -> Struct.of()
                        .put("cidrBlock", "0.0.0.0/0")
                        .put("egress", e.egress())
                        .put("protocol", "-1")
                        .put("ruleAction", e.action())
                        .put("ruleNumber", e.ruleNumber()))
                .put("default", true)
                .put("networkAclId", a.id())
                .list("tagSet", null)
                .put("vpcId", a.vpcId())
                .put("ownerId", a.ownerId());
    }
}
