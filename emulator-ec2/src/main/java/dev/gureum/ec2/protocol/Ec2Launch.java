package dev.gureum.ec2.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.LaunchTemplate;
import dev.gureum.ec2.domain.LaunchTemplateVersion;
import dev.gureum.ec2.domain.LaunchTemplates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@code RunInstances} call launches, for its authorization: the call's members, over the launch template's
 * when it names one (as the launch itself merges them), the template's ARN, and which members came from the
 * template alone (the resources AWS calls launch template resources, {@code ec2:IsLaunchTemplateResource}).
 *
 * @param params       the members the launch is made of
 * @param templateArn  {@code arn:aws:ec2:<region>:<account>:launch-template/lt-...}, or {@code null}
 * @param overridden   the members the call gave over a template's
 */
record Ec2Launch(Params params, String templateArn, Set<String> overridden) {

    /** The launch of a request; a template that does not exist is left to the launch to refuse. */
    static Ec2Launch of(Ec2World world, RequestContext ctx, ActionRequest r) {
        Params p = r.params();
        if (!p.has("LaunchTemplate")) {
            return new Ec2Launch(p, null, Set.of());
        }
        Params template = p.object("LaunchTemplate");
        Map<String, String> call = LaunchTemplateData.flatten(p.node());
        call.keySet().removeIf(k -> k.startsWith("LaunchTemplate.") || k.equals("Action") || k.equals("Version"));
        try {
            return world.apply(ctx.accountId(), ctx.region(), scope -> {
                LaunchTemplate t = LaunchTemplates.find(scope, template.string("LaunchTemplateId"),
                        template.string("LaunchTemplateName"));
                LaunchTemplateVersion v = LaunchTemplates.version(t, template.string("Version"));
                Map<String, String> given = LaunchTemplateData.toRunInstances(v.data());
                Map<String, String> merged = TemplateLaunches.merge(given, call);
                Map<String, List<String>> form = new LinkedHashMap<>();
                merged.forEach((k, value) -> form.put(k, List.of(value)));
                Set<String> overridden = new java.util.HashSet<>(merged.keySet());
                overridden.removeIf(k -> given.containsKey(k) && given.get(k).equals(merged.get(k)));
                return new Ec2Launch(Params.fromForm(form), Ec2Access.arn(ctx, "launch-template", t.id()),
                        Set.copyOf(overridden));
            });
        } catch (AwsException e) {
            return new Ec2Launch(p, null, Set.of());
        }
    }

    /**
     * Whether the members of a resource (those starting with one of {@code prefixes}) all came from the template:
     * none given by the call, as AWS judges a resource the call does not override.
     */
    boolean templateResource(String... prefixes) {
        if (templateArn == null) {
            return false;
        }
        for (String key : overridden) {
            for (String prefix : prefixes) {
                if (key.startsWith(prefix)) {
                    return false;
                }
            }
        }
        return true;
    }
}
