package dev.gureum.core.spi;

import dev.gureum.core.auth.Principal;

import java.util.Objects;

/**
 * Who asks another service for something, as the target resource's policy sees it: the principal (a
 * service principal such as {@code s3.amazonaws.com}), the resource it acts for ({@code aws:SourceArn}, a
 * bucket or topic ARN) and that resource's account ({@code aws:SourceAccount}).
 */
public record Caller(Principal principal, String sourceArn, String sourceAccount) {

    public Caller {
        Objects.requireNonNull(principal, "principal");
    }

    /**
     * Whether, with IAM enforced, the target's policy must allow this caller within its own account too: AWS
     * delivers S3 event notifications and SNS messages to a queue or topic only where its policy allows
     * {@code s3.amazonaws.com} or {@code sns.amazonaws.com}, whoever owns it. Other services deliver within their
     * account as it allows them (a topic's default policy, a service-linked role).
     */
    public boolean needsPolicyInOwnAccount() {
        return principal.kind() == Principal.Kind.SERVICE
                && ("s3.amazonaws.com".equals(principal.arn()) || "sns.amazonaws.com".equals(principal.arn()));
    }

    /** A service principal acting for one of its resources. */
    public static Caller service(String servicePrincipal, String sourceArn, String sourceAccount) {
        return new Caller(Principal.service(servicePrincipal), sourceArn, sourceAccount);
    }
}
