package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.domain.AutoScalingStore;
import dev.gureum.autoscaling.domain.Fleet;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.auth.AccessRules.Access;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.spi.IamRoles;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The accesses each Auto Scaling operation needs and the condition keys each has, as a table. */
class AutoScalingAccessTest {

    private static final RequestContext CTX = new RequestContext("r", Clock.systemUTC()).accountId("123456789012")
            .region("eu-west-1");
    private static final String GROUP = "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:*:"
            + "autoScalingGroupName/";
    private static final String ROLE = "arn:aws:iam::123456789012:role/app";

    /** EC2 with one launch template, {@code web-lt} ({@code lt-0123456789abcdef0}), of type t3.small. */
    private static final Fleet FLEET = (Fleet) Proxy.newProxyInstance(Fleet.class.getClassLoader(),
            new Class<?>[]{Fleet.class}, (proxy, method, args) -> switch (method.getName()) {
                case "templateData" -> "web-lt".equals(args[3]) ? Map.of("InstanceType", "t3.small",
                        "IamInstanceProfile.Name", "app-profile") : Map.of();
                case "template" -> "web-lt".equals(args[3]) ? Optional.of(new Fleet.TemplateFacts(
                        "lt-0123456789abcdef0", "web-lt", 1, 1)) : Optional.empty();
                default -> throw new UnsupportedOperationException(method.getName());
            });

    /** IAM with one instance profile, {@code app-profile}, holding the role {@code app}. */
    private static final IamRoles IAM = (IamRoles) Proxy.newProxyInstance(IamRoles.class.getClassLoader(),
            new Class<?>[]{IamRoles.class}, (proxy, method, args) -> {
                if (method.getName().equals("instanceProfile") && "app-profile".equals(args[1])) {
                    return Optional.of(new IamRoles.InstanceProfile("arn:aws:iam::123456789012:instance-profile/"
                            + "app-profile", "AIPA", "app-profile", new IamRoles.Role(ROLE, "AROA", "app", 3600)));
                }
                return method.getReturnType() == Optional.class ? Optional.empty() : null;
            });

    private final AccessRules<ActionRequest> rules = AutoScalingAccess.rules(new AutoScalingStore(), FLEET,
            () -> Optional.of(IAM));

    private record Row(String action, String resource, Map<String, List<String>> keys) {
    }

    private List<Row> rows(String operation, String... form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < form.length; i += 2) {
            params.put(form[i], List.of(form[i + 1]));
        }
        ActionRequest r = new ActionRequest(CTX, operation, Params.fromForm(params), "/");
        List<Row> out = new ArrayList<>();
        for (Access a : rules.accesses(operation, CTX, r)) {
            out.add(new Row(a.action(), a.resource(), rules.keysOf(CTX, r, a)));
        }
        return out;
    }

    @Test
    void aGroupMadeFromALaunchTemplate() {
        List<Row> rows = rows("CreateAutoScalingGroup", "AutoScalingGroupName", "web", "MinSize", "1", "MaxSize", "4",
                "LaunchTemplate.LaunchTemplateName", "web-lt", "VPCZoneIdentifier", "subnet-1,subnet-2",
                "Tags.member.1.Key", "team", "Tags.member.1.Value", "blue",
                "ServiceLinkedRoleARN", "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/"
                        + "AWSServiceRoleForAutoScaling_web");
        assertThat(rows).extracting(r -> r.action + " " + r.resource).containsExactly(
                "autoscaling:CreateAutoScalingGroup " + GROUP + "web",
                "iam:PassRole arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/"
                        + "AWSServiceRoleForAutoScaling_web",
                "iam:PassRole " + ROLE,
                "ec2:RunInstances arn:aws:ec2:eu-west-1:123456789012:launch-template/lt-0123456789abcdef0");
        Map<String, List<String>> keys = rows.get(0).keys;
        assertThat(keys).containsEntry("autoscaling:MinSize", List.of("1"))
                .containsEntry("autoscaling:MaxSize", List.of("4"))
                .containsEntry("autoscaling:InstanceTypes", List.of("t3.small"))
                .containsEntry("autoscaling:LaunchTemplateVersionSpecified", List.of("false"))
                .containsEntry("autoscaling:VPCZoneIdentifiers", List.of("subnet-1", "subnet-2"))
                .containsEntry("aws:RequestTag/team", List.of("blue"))
                .containsEntry("aws:TagKeys", List.of("team"))
                .doesNotContainKey("autoscaling:LaunchConfigurationName");
        assertThat(rows.get(1).keys).containsEntry("iam:PassedToService", List.of("autoscaling.amazonaws.com"));
        assertThat(rows.get(2).keys).containsEntry("iam:PassedToService", List.of("ec2.amazonaws.com"));
    }

    @Test
    void launchConfigurationsHooksAndTags() {
        List<Row> config = rows("CreateLaunchConfiguration", "LaunchConfigurationName", "lc", "ImageId", "ami-1",
                "InstanceType", "t3.micro", "IamInstanceProfile", "app-profile", "MetadataOptions.HttpTokens",
                "required", "SpotPrice", "0.05");
        assertThat(config).extracting(r -> r.action + " " + r.resource).containsExactly(
                "autoscaling:CreateLaunchConfiguration arn:aws:autoscaling:eu-west-1:123456789012:"
                        + "launchConfiguration:*:launchConfigurationName/lc", "iam:PassRole " + ROLE);
        assertThat(config.get(0).keys).containsEntry("autoscaling:ImageId", List.of("ami-1"))
                .containsEntry("autoscaling:InstanceType", List.of("t3.micro"))
                .containsEntry("autoscaling:MetadataHttpTokens", List.of("required"))
                .containsEntry("autoscaling:SpotPrice", List.of("0.05"));
        // a profile IAM does not have passes no role
        assertThat(rows("CreateLaunchConfiguration", "LaunchConfigurationName", "lc", "IamInstanceProfile", "nope"))
                .hasSize(1);

        assertThat(rows("PutLifecycleHook", "AutoScalingGroupName", "web", "LifecycleHookName", "h", "RoleARN",
                ROLE)).extracting(r -> r.action + " " + r.resource)
                .containsExactly("autoscaling:PutLifecycleHook " + GROUP + "web", "iam:PassRole " + ROLE);

        List<Row> tags = rows("CreateOrUpdateTags", "Tags.member.1.ResourceId", "web", "Tags.member.1.Key", "env",
                "Tags.member.1.Value", "prod", "Tags.member.2.ResourceId", "batch", "Tags.member.2.Key", "env",
                "Tags.member.2.Value", "prod");
        assertThat(tags).extracting(Row::resource).containsExactly(GROUP + "web", GROUP + "batch");
        assertThat(tags.get(0).keys).containsEntry("aws:RequestTag/env", List.of("prod"))
                .containsEntry("aws:TagKeys", List.of("env"));
        assertThat(rows("DeleteTags", "Tags.member.1.ResourceId", "web", "Tags.member.1.Key", "env").get(0).keys)
                .containsEntry("aws:TagKeys", List.of("env")).doesNotContainKey("aws:RequestTag/env");
        assertThat(rows("AttachLoadBalancerTargetGroups", "AutoScalingGroupName", "web", "TargetGroupARNs.member.1",
                "arn:tg").get(0).keys).containsEntry("autoscaling:TargetGroupARNs", List.of("arn:tg"));
    }
}
