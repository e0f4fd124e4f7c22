package dev.gureum.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The evidence by which the router recognises a service's requests, contributed by the service's module
 * (see {@link dev.gureum.core.http.ServiceTable} for how the rules are ordered). Everything is optional.
 *
 * @param targetPrefixes      {@code X-Amz-Target} prefixes besides the descriptor's own
 * @param queryActions        {@code Action} names that name this service when no known {@code Version} does
 * @param pathPrefixes        path prefixes only this service uses, each of the form {@code /<segment>/...}
 * @param pathPatterns        whole paths only this service uses
 * @param hostLabels          host labels of its AWS endpoints ({@code sqs} in {@code sqs.us-east-1.amazonaws.com})
 * @param hostPatterns        whole host names besides those (a group named {@code region} gives the region)
 * @param actionFallback      whether it takes query calls whose action no service claims (EC2)
 * @param fallback            whether it takes requests no rule claims (S3: path-style buckets, presigned GETs)
 * @param unsignedIsAnonymous whether an unsigned request acts as no account when signatures are verified (S3)
 * @param unsignedPathPrefixes path prefixes whose requests are never signed, even when signatures are
 *                            verified (Lambda's Runtime API, called by function processes)
 */
public record ServiceRoutes(Set<String> targetPrefixes, Set<String> queryActions, Set<String> pathPrefixes,
                            List<Pattern> pathPatterns, Set<String> hostLabels, List<Pattern> hostPatterns,
                            boolean actionFallback, boolean fallback, boolean unsignedIsAnonymous,
                            Set<String> unsignedPathPrefixes) {

    public static final ServiceRoutes NONE = builder().build();

    public ServiceRoutes {
        targetPrefixes = Set.copyOf(targetPrefixes);
        queryActions = Set.copyOf(queryActions);
        pathPrefixes = Set.copyOf(pathPrefixes);
        for (String prefix : pathPrefixes) {
            if (!prefix.startsWith("/") || prefix.indexOf('/', 1) < 0) {
                throw new IllegalArgumentException("A path prefix is /<segment>/...: " + prefix);
            }
        }
        pathPatterns = List.copyOf(pathPatterns);
        hostLabels = Set.copyOf(hostLabels);
        hostPatterns = List.copyOf(hostPatterns);
        unsignedPathPrefixes = Set.copyOf(unsignedPathPrefixes);
    }

    /** Whether requests on this path are never signed (see {@link #unsignedPathPrefixes}). */
    public boolean unsignedPath(String path) {
        for (String prefix : unsignedPathPrefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ServiceRoutes}; each method adds to what is there. */
    public static final class Builder {
        private final Set<String> targetPrefixes = new LinkedHashSet<>();
        private final Set<String> queryActions = new LinkedHashSet<>();
        private final Set<String> pathPrefixes = new LinkedHashSet<>();
        private final List<Pattern> pathPatterns = new ArrayList<>();
        private final Set<String> hostLabels = new LinkedHashSet<>();
        private final List<Pattern> hostPatterns = new ArrayList<>();
        private boolean actionFallback;
        private boolean fallback;
        private boolean unsignedIsAnonymous;
        private final Set<String> unsignedPathPrefixes = new LinkedHashSet<>();

        public Builder targetPrefixes(String... prefixes) {
            targetPrefixes.addAll(List.of(prefixes));
            return this;
        }

        public Builder queryActions(java.util.Collection<String> actions) {
            queryActions.addAll(actions);
            return this;
        }

        public Builder pathPrefixes(String... prefixes) {
            pathPrefixes.addAll(List.of(prefixes));
            return this;
        }

        public Builder pathPattern(String regex) {
            pathPatterns.add(Pattern.compile(regex));
            return this;
        }

        public Builder hostLabels(String... labels) {
            hostLabels.addAll(List.of(labels));
            return this;
        }

        public Builder hostPattern(String regex) {
            hostPatterns.add(Pattern.compile(regex));
            return this;
        }

        public Builder actionFallback() {
            actionFallback = true;
            return this;
        }

        public Builder fallback() {
            fallback = true;
            return this;
        }

        public Builder unsignedIsAnonymous() {
            unsignedIsAnonymous = true;
            return this;
        }

        public Builder unsignedPathPrefixes(String... prefixes) {
            unsignedPathPrefixes.addAll(List.of(prefixes));
            return this;
        }

        public ServiceRoutes build() {
            return new ServiceRoutes(targetPrefixes, queryActions, pathPrefixes, pathPatterns, hostLabels, hostPatterns,
                    actionFallback, fallback, unsignedIsAnonymous, unsignedPathPrefixes);
        }
    }
}
