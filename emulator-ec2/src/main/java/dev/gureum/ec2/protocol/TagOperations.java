package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.NetworkError;
import dev.gureum.ec2.domain.Tagged;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Tags on any resource: CreateTags, DeleteTags, DescribeTags. */
final class TagOperations {

    /** A resource may carry at most 50 tags. */
    private static final int TAG_LIMIT = 50;

    /** The id prefixes of taggable resources, with the error an unknown id of that kind gets. */
    private static final Map<String, dev.gureum.core.error.AwsError> NOT_FOUND = new LinkedHashMap<>();

    static {
        NOT_FOUND.put("i", Ec2Error.INVALID_INSTANCE_ID_NOT_FOUND);
        NOT_FOUND.put("vpc", Ec2Error.INVALID_VPC_ID_NOT_FOUND);
        NOT_FOUND.put("subnet", Ec2Error.INVALID_SUBNET_ID_NOT_FOUND);
        NOT_FOUND.put("sg", Ec2Error.INVALID_GROUP_NOT_FOUND);
        NOT_FOUND.put("ami", Ec2Error.INVALID_AMI_ID_NOT_FOUND);
        NOT_FOUND.put("key", Ec2Error.INVALID_KEY_PAIR_NOT_FOUND);
        NOT_FOUND.put("eipalloc", Ec2Error.INVALID_ALLOCATION_ID_NOT_FOUND);
        NOT_FOUND.put("h", Ec2Error.INVALID_HOST_ID_NOT_FOUND);
        NOT_FOUND.put("sir", Ec2Error.INVALID_SPOT_REQUEST_ID_NOT_FOUND);
        NOT_FOUND.put("igw", NetworkError.INVALID_INTERNET_GATEWAY_ID_NOT_FOUND);
        NOT_FOUND.put("eigw", NetworkError.INVALID_EGRESS_ONLY_GATEWAY_ID_NOT_FOUND);
        NOT_FOUND.put("nat", NetworkError.NAT_GATEWAY_NOT_FOUND);
        NOT_FOUND.put("rtb", NetworkError.INVALID_ROUTE_TABLE_ID_NOT_FOUND);
        NOT_FOUND.put("dopt", NetworkError.INVALID_DHCP_OPTIONS_ID_NOT_FOUND);
        NOT_FOUND.put("vpce", NetworkError.INVALID_VPC_ENDPOINT_ID_NOT_FOUND);
        NOT_FOUND.put("pcx", NetworkError.INVALID_PEERING_ID_NOT_FOUND);
        NOT_FOUND.put("eni", Ec2Error.INVALID_NETWORK_INTERFACE_ID_NOT_FOUND);
        NOT_FOUND.put("vol", Ec2Error.INVALID_VOLUME_NOT_FOUND);
        NOT_FOUND.put("snap", Ec2Error.INVALID_SNAPSHOT_NOT_FOUND);
        NOT_FOUND.put("lt", dev.gureum.ec2.domain.LaunchTemplateError.ID_NOT_FOUND);
    }

    private static final Filters<TagRow> FILTERS = new Filters<TagRow>()
            .add("key", TagRow::key)
            .add("value", TagRow::value)
            .add("resource-id", TagRow::resourceId)
            .add("resource-type", TagRow::resourceType)
            .tags(TagRow::tags);

    private record TagRow(String resourceId, String resourceType, String key, String value, Map<String, String> tags) {
    }

    private final Ec2World world;

    TagOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateTags", this::createTags);
        op.accept("DeleteTags", this::deleteTags);
        op.accept("DescribeTags", this::describeTags);
    }

    private Struct createTags(ActionRequest r) {
        Params p = r.params();
        List<String> ids = resourceIds(p);
        Map<String, String> tags = Requests.tags(p, "Tag");
        if (tags.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter Tag");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<Tagged> resources = find(scope, ids);
            for (Tagged t : resources) {
                Map<String, String> merged = new LinkedHashMap<>(t.tags());
                merged.putAll(tags);
                if (merged.size() > TAG_LIMIT) {
                    throw new AwsException(Ec2Error.TAG_LIMIT_EXCEEDED,
                            "The maximum number of Tags for a resource has been reached.");
                }
            }
            resources.forEach(t -> t.tags().putAll(tags));
            return null;
        });
    }

    private Struct deleteTags(ActionRequest r) {
        Params p = r.params();
        List<String> ids = resourceIds(p);
        List<Params> tags = p.list("Tag");
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            for (Tagged t : find(scope, ids)) {
                if (tags.isEmpty()) {
                    t.tags().clear();
                    continue;
                }
                for (Params tag : tags) {
                    String key = tag.string("Key");
                    String value = tag.string("Value");
                    // with a value, only a tag that has that value goes
                    if (key != null && (value == null || value.equals(t.tags().get(key)))) {
                        t.tags().remove(key);
                    }
                }
            }
            return null;
        });
    }

    private Struct describeTags(ActionRequest r) {
        Params p = r.params();
        List<Filter> f = Requests.filters(p);
        FILTERS.validate(f);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<TagRow> rows = new ArrayList<>();
            for (Tagged t : scope.taggedResources()) {
                t.tags().forEach((k, v) -> rows.add(new TagRow(t.id(), t.resourceType(), k, v, t.tags())));
            }
            PageTokens.Page<TagRow> page = Requests.page(FILTERS.apply(rows, f), p, 5, 1000, 0);
            List<Struct> out = new ArrayList<>();
            for (TagRow row : page.items()) {
                out.add(Struct.of().put("key", row.key()).put("resourceId", row.resourceId())
                        .put("resourceType", row.resourceType()).put("value", row.value()));
            }
            return Struct.of().list("tagSet", out).put("nextToken", page.nextToken());
        });
    }

    private static List<String> resourceIds(Params p) {
        List<String> ids = p.stringList("ResourceId");
        if (ids.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter ResourceId");
        }
        for (String id : ids) {
            int dash = id.lastIndexOf('-');
            boolean reservation = id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            if (!reservation && (dash < 1 || !id.substring(dash + 1).matches("[0-9a-f]{8}|[0-9a-f]{17}"))) {
                throw new AwsException(Ec2Error.INVALID_ID, "The ID '" + id + "' is not valid");
            }
        }
        return ids;
    }

    static List<Tagged> find(Ec2Scope scope, List<String> ids) {
        List<Tagged> out = new ArrayList<>();
        for (String id : ids) {
            Tagged t = scope.tagged(id).orElse(null);
            if (t == null) {
                String prefix = id.substring(0, id.lastIndexOf('-'));
                dev.gureum.core.error.AwsError error = NOT_FOUND.getOrDefault(prefix, Ec2Error.INVALID_ID);
                throw new AwsException(error, error == Ec2Error.INVALID_ID
                        ? "The ID '" + id + "' is not valid" : "The ID '" + id + "' does not exist");
            }
            out.add(t);
        }
        return out;
    }
}
