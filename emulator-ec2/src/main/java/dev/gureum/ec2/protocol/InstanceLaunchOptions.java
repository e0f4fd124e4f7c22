package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Instance;
import dev.gureum.ec2.domain.InstanceLifecycle;
import dev.gureum.ec2.domain.InstanceMetadataOptions;
import dev.gureum.ec2.domain.InstanceProfile;
import dev.gureum.ec2.domain.InstanceState;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * RunInstances' {@code MetadataOptions} and {@code IamInstanceProfile}, and ModifyInstanceMetadataOptions.
 *
 * @param tokens   {@code HttpTokens}, or {@code null} for the image's default
 * @param profile  {@code IamInstanceProfile.Arn} or {@code .Name}, or {@code null}
 */
record InstanceLaunchOptions(String tokens, Integer hopLimit, String endpoint, String ipv6, String tags,
                             String profile) {

    private static final InstanceMetadataOptions ANY = new InstanceMetadataOptions("optional", 1, "enabled",
            "disabled", "disabled");

    /** The options of a RunInstances call, checked before anything launches. */
    static InstanceLaunchOptions of(Params p) {
        Params m = p.object("MetadataOptions");
        InstanceLaunchOptions o = new InstanceLaunchOptions(m.string("HttpTokens"), m.integer("HttpPutResponseHopLimit"),
                m.string("HttpEndpoint"), m.string("HttpProtocolIpv6"), m.string("InstanceMetadataTags"),
                p.object("IamInstanceProfile").string("Arn", p.object("IamInstanceProfile").string("Name")));
        ANY.with(o.tokens, o.hopLimit, o.endpoint, o.ipv6, o.tags);
        return o;
    }

    /**
     * The instance profile the launch names, checked before anything launches: with IAM in the server it must
     * exist in the account, and carries IAM's id and role; without IAM it is taken as named.
     */
    InstanceProfile profile(Ec2World world, String account) {
        return profile(world, account, role -> { });
    }

    /** As {@link #profile(Ec2World, String)}, giving the ARN of the role the profile holds to {@code passRole} first. */
    InstanceProfile profile(Ec2World world, String account, java.util.function.Consumer<String> passRole) {
        if (profile == null) {
            return null;
        }
        java.util.Optional<dev.gureum.core.spi.IamRoles> iam = world.iamRoles();
        if (iam.isEmpty()) {
            return profileOf(account, profile);
        }
        boolean byArn = profile.startsWith("arn:");
        dev.gureum.core.spi.IamRoles.InstanceProfile found = iam.get().instanceProfile(account, profile).orElseThrow(() ->
                new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + profile + ") for parameter iamInstanceProfile."
                        + (byArn ? "arn" : "name") + " is invalid. Invalid IAM Instance Profile " + (byArn ? "ARN" : "name")));
        if (found.role() != null) {
            passRole.accept(found.role().arn());
        }
        return new InstanceProfile(found.arn(), found.id(), found.role() == null ? null : found.role().name());
    }

    /** Gives launched instances these options; instances keep their image's defaults where none is given. */
    void applyTo(List<Instance> instances, InstanceProfile resolved) {
        boolean metadata = tokens != null || hopLimit != null || endpoint != null || ipv6 != null || tags != null;
        for (Instance i : instances) {
            if (metadata && i.metadataOptionsSet() == null) {
                i.metadataOptions(i.metadataOptions().with(tokens, hopLimit, endpoint, ipv6, tags));
            }
            if (resolved != null && i.instanceProfile() == null) {
                i.instanceProfile(resolved);
            }
        }
    }

    private static InstanceProfile profileOf(String account, String arnOrName) {
        if (arnOrName.startsWith("arn:")) {
            Arn arn;
            try {
                arn = Arn.parse(arnOrName);
            } catch (IllegalArgumentException e) {
                throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + arnOrName
                        + ") for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN");
            }
            String resource = arn.resource();
            return new InstanceProfile(arnOrName, Ids.accessKeyId("AIPA"),
                    resource.substring(resource.lastIndexOf('/') + 1));
        }
        return new InstanceProfile(Arn.of("iam", "", account, "instance-profile/" + arnOrName).toString(),
                Ids.accessKeyId("AIPA"), arnOrName);
    }

    /** ModifyInstanceMetadataOptions: the options change at once, answered as {@code pending} as AWS does. */
    static void register(Ec2World world, BiConsumer<String, ActionService.Operation> op) {
        op.accept("ModifyInstanceMetadataOptions", r -> modify(world, r));
    }

    private static Struct modify(Ec2World world, ActionRequest r) {
        Params p = r.params();
        String id = Requests.checkId(Requests.require(p, "InstanceId"), "i", Ec2Error.INVALID_INSTANCE_ID_MALFORMED);
        String tokens = p.string("HttpTokens");
        Integer hopLimit = p.integer("HttpPutResponseHopLimit");
        String endpoint = p.string("HttpEndpoint");
        String ipv6 = p.string("HttpProtocolIpv6");
        String tags = p.string("InstanceMetadataTags");
        ANY.with(tokens, hopLimit, endpoint, ipv6, tags);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            Instance i = InstanceLifecycle.find(scope, List.of(id)).get(0);
            if (i.state() == InstanceState.TERMINATED || i.state() == InstanceState.SHUTTING_DOWN) {
                throw new AwsException(Ec2Error.INCORRECT_INSTANCE_STATE,
                        "The instance '" + i.id() + "' is not in a valid state for this operation.");
            }
            i.metadataOptions(i.metadataOptions().with(tokens, hopLimit, endpoint, ipv6, tags));
            return Struct.of().put("instanceId", i.id())
                    .put("instanceMetadataOptions", view(i.metadataOptions(), "pending"));
        });
    }

    static Struct view(InstanceMetadataOptions m, String state) {
        return Struct.of()
                .put("state", state)
                .put("httpTokens", m.httpTokens())
                .put("httpPutResponseHopLimit", m.httpPutResponseHopLimit())
                .put("httpEndpoint", m.httpEndpoint())
                .put("httpProtocolIpv6", m.httpProtocolIpv6())
                .put("instanceMetadataTags", m.instanceMetadataTags());
    }
}
