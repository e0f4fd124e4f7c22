package dev.gureum.ec2.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.ec2.domain.Ec2Error;

import java.util.ArrayList;
import java.util.List;

/**
 * What each EC2 operation needs under {@code --enforce-iam}: {@code ec2:<Operation>}, on the instances it names
 * ({@code arn:aws:ec2:<region>:<account>:instance/<id>}) for the instance actions AWS authorizes per instance, on
 * {@code instance/*} for {@code RunInstances}, and on {@code *} for the rest (the {@code Describe} actions support
 * no resource-level permissions). A refusal is EC2's {@code UnauthorizedOperation}.
 */
public final class Ec2Access {

    private static final String TABLE = """
            RunInstances                 =  launched
            StartInstances               =  instances
            StopInstances                =  instances
            RebootInstances              =  instances
            TerminateInstances           =  instances
            ModifyInstanceAttribute      =  instance
            ResetInstanceAttribute       =  instance
            GetConsoleOutput             =  instance
            MonitorInstances             =  instances
            UnmonitorInstances           =  instances
            """;

    private Ec2Access() {
    }

    public static AccessRules<ActionRequest> rules() {
        return AccessRules.<ActionRequest>builder("ec2")
                .table(TABLE)
                .single("launched", (ctx, r) -> instanceArn(ctx, "*"))
                .resource("instances", (ctx, r) -> {
                    List<String> arns = new ArrayList<>();
                    for (String id : r.params().stringList("InstanceId")) {
                        arns.add(instanceArn(ctx, id));
                    }
                    return arns;
                })
                .single("instance", (ctx, r) -> {
                    String id = r.params().string("InstanceId");
                    return id == null ? null : instanceArn(ctx, id);
                })
                .denied(message -> new AwsException(Ec2Error.UNAUTHORIZED_OPERATION,
                        "You are not authorized to perform this operation. " + message))
                .build();
    }

    private static String instanceArn(RequestContext ctx, String id) {
        return Arn.of("ec2", ctx.region(), ctx.accountId(), "instance/" + id).toString();
    }
}
