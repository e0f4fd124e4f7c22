package dev.gureum.monitoring.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * What each CloudWatch operation needs under {@code --enforce-iam}: {@code cloudwatch:<Operation>}, on the alarms an
 * alarm operation names ({@code arn:aws:cloudwatch:<region>:<account>:alarm:<name>}) and on {@code *} for metrics
 * and listings, which support no resource-level permissions. A refusal is {@code AccessDenied}.
 */
public final class CloudWatchAccess {

    private static final String TABLE = """
            PutMetricAlarm         =  alarm
            PutCompositeAlarm      =  alarm
            SetAlarmState          =  alarm
            DescribeAlarmHistory   =  alarm
            DeleteAlarms           =  alarms
            EnableAlarmActions     =  alarms
            DisableAlarmActions    =  alarms
            """;

    private CloudWatchAccess() {
    }

    public static AccessRules<ActionRequest> rules() {
        return AccessRules.<ActionRequest>builder("cloudwatch")
                .table(TABLE)
                .single("alarm", (ctx, r) -> {
                    String name = r.params().string("AlarmName");
                    return name == null ? null : alarm(ctx, name);
                })
                .resource("alarms", (ctx, r) -> {
                    List<String> arns = new ArrayList<>();
                    for (String name : r.params().stringList("AlarmNames")) {
                        arns.add(alarm(ctx, name));
                    }
                    return arns;
                })
                .build();
    }

    private static String alarm(RequestContext ctx, String name) {
        return Arn.of("cloudwatch", ctx.region(), ctx.accountId(), "alarm:" + name).toString();
    }
}
