package dev.gureum.core;

import dev.gureum.core.protocol.Protocol;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the front end must know of a service before it is built: its name, how clients address it
 * (signing name, JSON target prefix, query API version, {@link ServiceRoutes}), and its wire protocols.
 * Each service module defines its own; the core knows no service by name.
 *
 * @param name          the service name used in health output and {@code --services}: {@code s3}, {@code sqs}...
 * @param signingNames  SigV4 credential-scope service names that route here
 * @param protocol      the protocol of the service model
 * @param targetPrefix  the {@code X-Amz-Target} prefix of its JSON protocol, or {@code null}
 * @param apiVersion    the API version (the query protocols' {@code Version} field)
 * @param xmlNamespace  the XML namespace of its responses, or {@code null}
 * @param queryCompatible whether its JSON protocol stands in for an older query protocol, so that JSON
 *                      errors also carry the query error code in {@code x-amzn-query-error} (SQS)
 * @param protocols     every protocol it answers in: its model's, and others (SQS: query too; STS: JSON too)
 * @param routes        how the router recognises its requests
 */
public record ServiceDescriptor(String name, Set<String> signingNames, Protocol protocol, String targetPrefix,
                                String apiVersion, String xmlNamespace, boolean queryCompatible,
                                Set<Protocol> protocols, ServiceRoutes routes) {

    public ServiceDescriptor {
        Objects.requireNonNull(name, "name");
        signingNames = Set.copyOf(signingNames);
        Objects.requireNonNull(protocol, "protocol");
        Set<Protocol> all = new LinkedHashSet<>();
        all.add(protocol);
        all.addAll(protocols);
        protocols = Set.copyOf(all);
        routes = routes == null ? ServiceRoutes.NONE : routes;
    }

    /** A service that speaks only its model's protocol and has no routing rules of its own. */
    public ServiceDescriptor(String name, Set<String> signingNames, Protocol protocol, String targetPrefix,
                             String apiVersion, String xmlNamespace, boolean queryCompatible) {
        this(name, signingNames, protocol, targetPrefix, apiVersion, xmlNamespace, queryCompatible, Set.of(),
                ServiceRoutes.NONE);
    }

    /** This descriptor, answering in these protocols too and recognised by these routes. */
    public ServiceDescriptor with(Set<Protocol> protocols, ServiceRoutes routes) {
        return new ServiceDescriptor(name, signingNames, protocol, targetPrefix, apiVersion, xmlNamespace,
                queryCompatible, protocols, routes);
    }

    /** Whether its {@code Version} field names it in the query protocols. */
    public boolean speaksQuery() {
        return protocols.contains(Protocol.QUERY) || protocols.contains(Protocol.EC2);
    }
}
