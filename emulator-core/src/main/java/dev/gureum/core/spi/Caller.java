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

    /** A service principal acting for one of its resources. */
    public static Caller service(String servicePrincipal, String sourceArn, String sourceAccount) {
        return new Caller(Principal.service(servicePrincipal), sourceArn, sourceAccount);
    }
}
