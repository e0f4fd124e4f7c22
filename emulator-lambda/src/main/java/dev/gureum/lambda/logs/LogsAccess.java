package dev.gureum.lambda.logs;

import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;

/**
 * What each CloudWatch Logs operation needs under {@code --enforce-iam}: {@code logs:<Operation>} on the log group
 * ({@code arn:aws:logs:<region>:<account>:log-group:<name>}) or, for an operation that names a stream, the stream
 * ({@code ...:log-group:<name>:log-stream:<stream>}); the listings of groups, queries and destinations on
 * {@code *}. A refusal is {@code AccessDeniedException}.
 */
public final class LogsAccess {

    private static final String TABLE = """
            DescribeLogGroups        =  *
            DescribeQueries          =  *
            DescribeDestinations     =  *
            DescribeExportTasks      =  *
            DescribeResourcePolicies =  *
            """;

    private LogsAccess() {
    }

    public static AccessRules<ActionRequest> rules() {
        return AccessRules.<ActionRequest>builder("logs")
                .table(TABLE)
                .otherwise("group")
                .single("group", (ctx, r) -> {
                    String group = r.params().string("logGroupName");
                    if (group == null) {
                        String identifier = r.params().string("logGroupIdentifier");
                        if (identifier != null && identifier.startsWith("arn:")) {
                            return identifier.endsWith(":*") ? identifier.substring(0, identifier.length() - 2)
                                    : identifier;
                        }
                        group = identifier;
                    }
                    if (group == null) {
                        return null;
                    }
                    String stream = r.params().string("logStreamName");
                    return Arn.of("logs", ctx.region(), ctx.accountId(), "log-group:" + group
                            + (stream == null ? "" : ":log-stream:" + stream)).toString();
                })
                .keys((r, keys) -> {
                    if (r.action().equals("CreateLogGroup") || r.action().equals("TagResource")) {
                        AccessRules.requestTags(r.params().stringMap("tags", "key", "value"), keys);
                    }
                })
                .denied(LogsError.ACCESS_DENIED)
                .build();
    }
}
