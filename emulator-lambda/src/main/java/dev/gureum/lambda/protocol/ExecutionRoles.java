package dev.gureum.lambda.protocol;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.PolicyEvaluator;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.id.Arn;
import dev.gureum.core.spi.IamRoles;

import java.util.List;
import java.util.Optional;

/**
 * What Lambda checks of a function's execution role when IAM is enforced, as AWS does: that Lambda may assume it
 * (its trust policy allows {@code lambda.amazonaws.com} {@code sts:AssumeRole}), and, for an SQS event source, that
 * it may read the queue. Without enforcement any role ARN is taken as given.
 */
final class ExecutionRoles {

    static final String LAMBDA = "lambda.amazonaws.com";

    /** The actions an SQS event source mapping needs of the role, in the order Lambda checks them. */
    private static final List<String> QUEUE_READER = List.of("ReceiveMessage", "DeleteMessage", "GetQueueAttributes");

    private ExecutionRoles() {
    }

    /**
     * Refuses a caller that may not pass the role to Lambda ({@code iam:PassRole} with {@code iam:PassedToService}
     * {@code lambda.amazonaws.com}), as AWS does before it looks at the role: {@code AccessDeniedException}.
     */
    static void checkPassRole(EmulatorContext context, dev.gureum.core.RequestContext ctx, String roleArn) {
        if (!context.config().enforceIam()) {
            return;
        }
        String refusal = dev.gureum.core.auth.Authorizer.of(context).passRoleRefusal(ctx, roleArn, LAMBDA);
        if (refusal != null) {
            throw new dev.gureum.core.error.AwsException(LambdaError.ACCESS_DENIED, refusal);
        }
    }

    /** Refuses a role Lambda cannot assume: one IAM does not have, or whose trust policy leaves Lambda out. */
    static void checkAssumable(EmulatorContext context, String roleArn) {
        if (!context.config().enforceIam()) {
            return;
        }
        Optional<PolicyDocument> trust = iam(context).flatMap(iam -> iam.trustPolicy(roleArn));
        AccessRequest assume = AccessRequest.of(Principal.service(LAMBDA), "sts:AssumeRole", roleArn);
        if (trust.isEmpty() || trust.get().evaluate(assume) != PolicyDocument.Decision.ALLOW) {
            throw LambdaErrors.invalid("The role defined for the function cannot be assumed by Lambda.");
        }
    }

    /**
     * Refuses an SQS event source whose queue the role's identity-based policies do not let it read; another
     * account's queue must also let it in by its policy, which SQS checks when Lambda reads the queue.
     */
    static void checkQueueReader(EmulatorContext context, String roleArn, String functionName, String queueArn) {
        if (!context.config().enforceIam()) {
            return;
        }
        IamRoles.Permissions role = iam(context).flatMap(iam -> iam.permissions(roleArn)).orElse(null);
        Arn arn = Arn.parse(roleArn);
        String session = new Arn(arn.partition(), "sts", "", arn.accountId(),
                "assumed-role/" + arn.resource().substring(arn.resource().lastIndexOf('/') + 1) + "/" + functionName)
                .toString();
        for (String action : QUEUE_READER) {
            AccessRequest r = AccessRequest.of(Principal.of(session, arn.accountId()), "sqs:" + action, queueArn)
                    .withPrincipalTags(role == null ? java.util.Map.of() : role.tags());
            if (role == null || !PolicyEvaluator.evaluate(r, role.identityPolicies(), role.boundary(), List.of(), null)
                    .allowed()) {
                throw LambdaErrors.invalid("The function execution role does not have permissions to call " + action
                        + " on SQS");
            }
        }
    }

    private static Optional<IamRoles> iam(EmulatorContext context) {
        return context.crossService().find(IamRoles.class);
    }
}
