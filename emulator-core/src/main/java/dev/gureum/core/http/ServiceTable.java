package dev.gureum.core.http;

import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceRoutes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The routing rules of the registered services, as lookup maps built once at start-up from their
 * descriptors: the router asks it, per request, with at most a few map look-ups and regular expressions.
 * Two services may not claim the same signing name, target prefix, query version, action or host label.
 */
public final class ServiceTable {

    private static final String REGION = "[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d+";

    private record PathPrefix(String prefix, ServiceDescriptor service) {
    }

    private record PathPattern(Pattern pattern, ServiceDescriptor service) {
    }

    private final List<ServiceDescriptor> services;
    private final Map<String, ServiceDescriptor> bySigningName = new HashMap<>();
    private final Map<String, ServiceDescriptor> byTargetPrefix = new HashMap<>();
    private final Map<String, ServiceDescriptor> byQueryVersion = new HashMap<>();
    private final Map<String, ServiceDescriptor> byAction = new HashMap<>();
    /** Path prefixes by their first segment ({@code /2015-03-31/}). */
    private final Map<String, List<PathPrefix>> byFirstSegment = new HashMap<>();
    private final List<PathPattern> pathPatterns = new ArrayList<>();
    private final Map<String, ServiceDescriptor> byHostLabel = new HashMap<>();
    private final Pattern serviceHost;
    private final List<PathPattern> hostPatterns = new ArrayList<>();
    private final ServiceDescriptor actionFallback;
    private final ServiceDescriptor fallback;

    private ServiceTable(Collection<ServiceDescriptor> descriptors) {
        this.services = List.copyOf(descriptors);
        ServiceDescriptor actionFallback = null;
        ServiceDescriptor fallback = null;
        for (ServiceDescriptor d : services) {
            ServiceRoutes r = d.routes();
            d.signingNames().forEach(n -> claim(bySigningName, n, d, "signing name"));
            if (d.targetPrefix() != null) {
                claim(byTargetPrefix, d.targetPrefix(), d, "target prefix");
            }
            r.targetPrefixes().forEach(p -> claim(byTargetPrefix, p, d, "target prefix"));
            if (d.apiVersion() != null && d.speaksQuery()) {
                claim(byQueryVersion, d.apiVersion(), d, "query version");
            }
            r.queryActions().forEach(a -> claim(byAction, a, d, "action"));
            for (String prefix : r.pathPrefixes()) {
                byFirstSegment.computeIfAbsent(prefix.substring(0, prefix.indexOf('/', 1) + 1), k -> new ArrayList<>())
                        .add(new PathPrefix(prefix, d));
            }
            r.pathPatterns().forEach(p -> pathPatterns.add(new PathPattern(p, d)));
            r.hostLabels().forEach(l -> claim(byHostLabel, l, d, "host label"));
            r.hostPatterns().forEach(p -> hostPatterns.add(new PathPattern(p, d)));
            if (r.actionFallback()) {
                actionFallback = only(actionFallback, d, "action fallback");
            }
            if (r.fallback()) {
                fallback = only(fallback, d, "fallback");
            }
        }
        this.actionFallback = actionFallback;
        this.fallback = fallback;
        String labels = byHostLabel.keySet().stream().sorted().map(Pattern::quote).collect(Collectors.joining("|"));
        this.serviceHost = labels.isEmpty() ? null : Pattern.compile("^(?:.+\\.)?(" + labels + ")(?:[.-](" + REGION
                + "))?\\.(?:localhost\\.localstack\\.cloud|amazonaws\\.com(?:\\.cn)?)$");
    }

    public static ServiceTable of(Collection<ServiceDescriptor> descriptors) {
        return new ServiceTable(descriptors);
    }

    private static void claim(Map<String, ServiceDescriptor> map, String key, ServiceDescriptor d, String what) {
        ServiceDescriptor other = map.putIfAbsent(key, d);
        if (other != null && other != d) {
            throw new IllegalStateException("Services " + other.name() + " and " + d.name() + " both claim the "
                    + what + " '" + key + "'");
        }
    }

    private static ServiceDescriptor only(ServiceDescriptor current, ServiceDescriptor d, String what) {
        if (current != null) {
            throw new IllegalStateException("Services " + current.name() + " and " + d.name() + " are both the " + what);
        }
        return d;
    }

    /** The services, in registration order. */
    public List<ServiceDescriptor> services() {
        return services;
    }

    public ServiceDescriptor bySigningName(String signingName) {
        return bySigningName.get(signingName);
    }

    public ServiceDescriptor byTargetPrefix(String prefix) {
        return byTargetPrefix.get(prefix);
    }

    /** Rule 3: paths only one service uses; prefixes before whole-path patterns. */
    public ServiceDescriptor byPath(String path) {
        int second = path.indexOf('/', 1);
        if (second > 0) {
            List<PathPrefix> prefixes = byFirstSegment.get(path.substring(0, second + 1));
            if (prefixes != null) {
                for (PathPrefix p : prefixes) {
                    if (path.startsWith(p.prefix())) {
                        return p.service();
                    }
                }
            }
        }
        for (PathPattern p : pathPatterns) {
            if (p.pattern().matcher(path).matches()) {
                return p.service();
            }
        }
        return null;
    }

    /** What the host name patterns say of one host name. */
    private record HostFacts(ServiceDescriptor service, String region) {
    }

    /** The most host names whose facts are remembered: clients use few, virtual-hosted buckets more. */
    private static final int REMEMBERED_HOSTS = 4096;
    private final java.util.concurrent.ConcurrentHashMap<String, HostFacts> hostFacts =
            new java.util.concurrent.ConcurrentHashMap<>();

    private HostFacts facts(String host) {
        if (host == null) {
            return new HostFacts(null, null);
        }
        HostFacts facts = hostFacts.get(host);
        if (facts == null) {
            facts = new HostFacts(matchHost(host), matchRegion(host));
            if (hostFacts.size() < REMEMBERED_HOSTS) {
                hostFacts.put(host, facts);
            }
        }
        return facts;
    }

    /** Rule 4: the service a host name of AWS (or LocalStack) names. */
    public ServiceDescriptor byHost(String host) {
        return facts(host).service();
    }

    /** The region a service host name carries, or {@code null}. */
    public String regionFromHost(String host) {
        return facts(host).region();
    }

    private ServiceDescriptor matchHost(String host) {
        if (serviceHost != null) {
            Matcher m = serviceHost.matcher(host);
            if (m.matches()) {
                return byHostLabel.get(m.group(1));
            }
        }
        for (PathPattern p : hostPatterns) {
            if (p.pattern().matcher(host).matches()) {
                return p.service();
            }
        }
        return null;
    }

    private String matchRegion(String host) {
        if (serviceHost != null) {
            Matcher m = serviceHost.matcher(host);
            if (m.matches() && m.group(2) != null) {
                return m.group(2);
            }
        }
        for (PathPattern p : hostPatterns) {
            Matcher m = p.pattern().matcher(host);
            if (m.matches() && p.pattern().pattern().contains("(?<region>") && m.group("region") != null) {
                return m.group("region");
            }
        }
        return null;
    }

    /**
     * Rule 5: the query API version names the service; without one, the action's name, else the service
     * that takes unclaimed actions. {@code null} without an action.
     */
    public ServiceDescriptor byAction(String action, String version) {
        if (action == null || action.isEmpty()) {
            return null;
        }
        ServiceDescriptor byVersion = version == null ? null : byQueryVersion.get(version);
        if (byVersion != null) {
            return byVersion;
        }
        ServiceDescriptor named = byAction.get(action);
        return named != null ? named : actionFallback;
    }

    /** Rule 6: the service that takes what no rule claims, or {@code null}. */
    public ServiceDescriptor fallback() {
        return fallback;
    }

    /** The names of the services, for messages: {@code s3, sqs and sns}. */
    public String names() {
        List<String> names = services.stream().map(ServiceDescriptor::name).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
