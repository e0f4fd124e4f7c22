package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.AutoScalingGroup;
import dev.gureum.autoscaling.domain.AutoScalingStore;
import dev.gureum.autoscaling.domain.Fleet;
import dev.gureum.autoscaling.domain.GroupInstance;
import dev.gureum.autoscaling.domain.GroupTag;
import dev.gureum.autoscaling.domain.LaunchConfiguration;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.spi.IamRoles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What each Auto Scaling operation needs under {@code --enforce-iam}: {@code autoscaling:<Operation>} on the group
 * it acts on ({@code arn:aws:autoscaling:<region>:<account>:autoScalingGroup:<uuid>:autoScalingGroupName/<name>}),
 * or the launch configuration ({@code launchConfiguration:<uuid>:launchConfigurationName/<name>}), as the Service
 * Authorization Reference lists them. A group or launch configuration that does not exist yet (the one a
 * {@code Create} call makes) has {@code *} for its uuid; the group of {@code TerminateInstanceInAutoScalingGroup} and
 * {@code SetInstanceHealth} is the instance's; {@code CreateOrUpdateTags} and {@code DeleteTags} act on each group
 * they tag. The {@code Describe} operations and the rest are judged on {@code *}.
 *
 * <p>Condition keys: the group's tags ({@code autoscaling:ResourceTag/<key>}, {@code aws:ResourceTag/<key>}), and
 * those of the request ({@link AutoScalingKeys}). Giving instances or the service a role needs {@code iam:PassRole}
 * on it, as AWS documents: the role of a launch configuration's instance profile and of a group's launch template's
 * ({@code iam:PassedToService} {@code ec2.amazonaws.com}), a group's {@code ServiceLinkedRoleARN} and a lifecycle
 * hook's {@code RoleARN} ({@code autoscaling.amazonaws.com}); and a group made or changed with a launch template
 * needs {@code ec2:RunInstances} on the template. A refusal of those about a launch template is AWS's
 * {@code ValidationError}, "You are not authorized to use launch template: ...".
 */
public final class AutoScalingAccess {

    private static final String TABLE = """
            CreateAutoScalingGroup            =  group
            UpdateAutoScalingGroup            =  group
            DeleteAutoScalingGroup            =  group
            SetDesiredCapacity                =  group
            AttachInstances                   =  group
            DetachInstances                   =  group
            EnterStandby                      =  group
            ExitStandby                       =  group
            SetInstanceProtection             =  group
            SuspendProcesses                  =  group
            ResumeProcesses                   =  group
            EnableMetricsCollection           =  group
            DisableMetricsCollection          =  group
            PutScalingPolicy                  =  group
            DeletePolicy                      =  group
            ExecutePolicy                     =  group
            PutScheduledUpdateGroupAction     =  group
            BatchPutScheduledUpdateGroupAction  =  group
            DeleteScheduledAction             =  group
            BatchDeleteScheduledAction        =  group
            PutLifecycleHook                  =  group
            DeleteLifecycleHook               =  group
            CompleteLifecycleAction           =  group
            RecordLifecycleActionHeartbeat    =  group
            PutNotificationConfiguration      =  group
            DeleteNotificationConfiguration   =  group
            AttachLoadBalancers               =  group
            DetachLoadBalancers               =  group
            AttachLoadBalancerTargetGroups    =  group
            DetachLoadBalancerTargetGroups    =  group
            AttachTrafficSources              =  group
            DetachTrafficSources              =  group
            StartInstanceRefresh              =  group
            CancelInstanceRefresh             =  group
            TerminateInstanceInAutoScalingGroup  =  instanceGroup
            SetInstanceHealth                 =  instanceGroup
            CreateLaunchConfiguration         =  launchConfiguration
            DeleteLaunchConfiguration         =  launchConfiguration
            CreateOrUpdateTags                =  taggedGroups
            DeleteTags                        =  taggedGroups
            CreateLaunchConfiguration         iam:PassRole     configurationRole?
            CreateAutoScalingGroup            iam:PassRole     serviceLinkedRole?
            CreateAutoScalingGroup            iam:PassRole     hookRoles?
            CreateAutoScalingGroup            iam:PassRole     templateRole?
            CreateAutoScalingGroup            ec2:RunInstances template?
            UpdateAutoScalingGroup            iam:PassRole     serviceLinkedRole?
            UpdateAutoScalingGroup            iam:PassRole     templateRole?
            UpdateAutoScalingGroup            ec2:RunInstances template?
            PutLifecycleHook                  iam:PassRole     hookRole?
            """;

    private static final String GROUP_NAME = ":autoScalingGroupName/";

    private AutoScalingAccess() {
    }

    public static AccessRules<ActionRequest> rules(AutoScalingStore store) {
        return rules(store, null, Optional::empty);
    }

    /**
     * @param fleet EC2, for the launch templates groups name ({@code null}: none known)
     * @param iam   IAM's roles, for the role an instance profile holds
     */
    public static AccessRules<ActionRequest> rules(AutoScalingStore store, Fleet fleet,
                                                   Supplier<Optional<IamRoles>> iam) {
        return AccessRules.<ActionRequest>builder("autoscaling").table(TABLE)
                .keys((r, keys) -> AutoScalingKeys.of(fleet, r, keys))
                .resourceKeys((ctx, arn, keys) -> groupTags(store, ctx, arn, keys))
                .single("group", (ctx, r) -> groupArn(store, ctx, r.params().string("AutoScalingGroupName")))
                .single("instanceGroup", (ctx, r) -> {
                    GroupInstance i = store.instance(ctx.accountId(), ctx.region(), r.params().string("InstanceId"));
                    return i == null ? null : groupArn(store, ctx, i.groupName());
                })
                .single("launchConfiguration", (ctx, r) -> {
                    String name = r.params().string("LaunchConfigurationName");
                    if (name == null) {
                        return null;
                    }
                    LaunchConfiguration c = store.launchConfiguration(ctx.accountId(), ctx.region(), name);
                    return c != null ? c.arn() : arn(ctx, "launchConfiguration:*:launchConfigurationName/" + name);
                })
                .resource("taggedGroups", (ctx, r) -> {
                    List<String> arns = new ArrayList<>();
                    for (Params tag : r.params().list("Tags")) {
                        String group = groupArn(store, ctx, tag.string("ResourceId"));
                        if (group != null && !arns.contains(group)) {
                            arns.add(group);
                        }
                    }
                    return arns;
                })
                .targets("configurationRole", (ctx, r) -> passed(profileRole(iam, ctx,
                        r.params().string("IamInstanceProfile")), EC2))
                .targets("templateRole", (ctx, r) -> {
                    Map<String, String> data = AutoScalingKeys.templateData(fleet, r);
                    String profile = data.getOrDefault("IamInstanceProfile.Arn", data.get("IamInstanceProfile.Name"));
                    return passed(profileRole(iam, ctx, profile), EC2);
                })
                .targets("serviceLinkedRole", (ctx, r) -> passed(r.params().string("ServiceLinkedRoleARN"),
                        AUTOSCALING))
                .targets("hookRole", (ctx, r) -> passed(r.params().string("RoleARN"), AUTOSCALING))
                .targets("hookRoles", (ctx, r) -> {
                    List<AccessRules.Target> out = new ArrayList<>();
                    for (Params hook : r.params().list("LifecycleHookSpecificationList")) {
                        List<AccessRules.Target> one = passed(hook.string("RoleARN"), AUTOSCALING);
                        if (one != null) {
                            out.addAll(one);
                        }
                    }
                    return out;
                })
                .single("template", (ctx, r) -> {
                    Params spec = AutoScalingKeys.templateSpec(r.params());
                    if (fleet == null || !spec.isPresent()) {
                        return null;
                    }
                    return fleet.template(ctx.accountId(), ctx.region(), spec.string("LaunchTemplateId"),
                                    spec.string("LaunchTemplateName"))
                            .map(t -> Arn.of("ec2", ctx.region(), ctx.accountId(), "launch-template/" + t.id())
                                    .toString()).orElse(null);
                })
                .denied("templateRole", AutoScalingAccess::refusedTemplate)
                .denied("template", AutoScalingAccess::refusedTemplate)
                .build();
    }

    private static final String EC2 = "ec2.amazonaws.com";
    private static final String AUTOSCALING = "autoscaling.amazonaws.com";

    /** The role given to a service, with {@code iam:PassedToService}; none for no role. */
    private static List<AccessRules.Target> passed(String roleArn, String service) {
        return roleArn == null ? null
                : List.of(new AccessRules.Target(roleArn, Map.of("iam:PassedToService", List.of(service))));
    }

    /** The role an instance profile (by name or ARN) holds, from IAM; {@code null} for none or one IAM lacks. */
    private static String profileRole(Supplier<Optional<IamRoles>> iam, RequestContext ctx, String profile) {
        if (profile == null) {
            return null;
        }
        return iam.get().flatMap(roles -> roles.instanceProfile(ctx.accountId(), profile))
                .map(p -> p.role() == null ? null : p.role().arn()).orElse(null);
    }

    /** AWS names the template a refused caller may not use (as the request names it), with no more detail. */
    private static AwsException refusedTemplate(ActionRequest r, String message) {
        Params spec = AutoScalingKeys.templateSpec(r.params());
        return new AwsException(AutoScalingError.VALIDATION_ERROR, "You are not authorized to use launch template: "
                + spec.string("LaunchTemplateName", spec.string("LaunchTemplateId")));
    }

    /** {@code autoscaling:ResourceTag/<key>} and {@code aws:ResourceTag/<key>} of the existing group an ARN names. */
    private static void groupTags(AutoScalingStore store, RequestContext ctx, String arn,
                                  Map<String, List<String>> keys) {
        int name = arn.indexOf(GROUP_NAME);
        AutoScalingGroup g = name < 0 ? null
                : store.group(ctx.accountId(), ctx.region(), arn.substring(name + GROUP_NAME.length()));
        if (g == null || !g.arn().equals(arn)) {
            return;
        }
        for (GroupTag tag : g.tags()) {
            keys.put("autoscaling:ResourceTag/" + tag.key(), List.of(tag.value() == null ? "" : tag.value()));
            keys.put("aws:ResourceTag/" + tag.key(), List.of(tag.value() == null ? "" : tag.value()));
        }
    }

    private static String groupArn(AutoScalingStore store, RequestContext ctx, String name) {
        if (name == null) {
            return null;
        }
        AutoScalingGroup g = store.group(ctx.accountId(), ctx.region(), name);
        return g != null ? g.arn() : arn(ctx, "autoScalingGroup:*:autoScalingGroupName/" + name);
    }

    private static String arn(RequestContext ctx, String resource) {
        return Arn.of("autoscaling", ctx.region(), ctx.accountId(), resource).toString();
    }
}
