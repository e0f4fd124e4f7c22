package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.AutoScalingGroup;
import dev.gureum.autoscaling.domain.AutoScalingStore;
import dev.gureum.autoscaling.domain.GroupInstance;
import dev.gureum.autoscaling.domain.GroupTag;
import dev.gureum.autoscaling.domain.LaunchConfiguration;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;

import java.util.List;
import java.util.Map;

/**
 * What each Auto Scaling operation needs under {@code --enforce-iam}: {@code autoscaling:<Operation>} on the group
 * it acts on ({@code arn:aws:autoscaling:<region>:<account>:autoScalingGroup:<uuid>:autoScalingGroupName/<name>}),
 * or the launch configuration ({@code launchConfiguration:<uuid>:launchConfigurationName/<name>}), as the Service
 * Authorization Reference lists them. A group or launch configuration that does not exist yet (the one a
 * {@code Create} call makes) has {@code *} for its uuid; the group of {@code TerminateInstanceInAutoScalingGroup} and
 * {@code SetInstanceHealth} is the instance's. The {@code Describe} operations, the tag operations and the rest are
 * judged on {@code *}. The group's tags are the condition keys {@code autoscaling:ResourceTag/<key>} and
 * {@code aws:ResourceTag/<key>}.
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
            """;

    private static final String GROUP_NAME = ":autoScalingGroupName/";

    private AutoScalingAccess() {
    }

    public static AccessRules<ActionRequest> rules(AutoScalingStore store) {
        return AccessRules.<ActionRequest>builder("autoscaling").table(TABLE)
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
                .build();
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
