package dev.gureum.core.auth;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsError;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.id.Arn;
import io.undertow.server.HttpServerExchange;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each operation of a service needs, as the Service Authorization Reference lists it: the IAM action(s) and the
 * resource ARN(s) they act on. A service declares it as a small table of text, one line per action an operation
 * needs:
 *
 * <pre>
 *   ListQueues        =                *
 *   SendMessageBatch  sqs:SendMessage  queue
 *   GetCallerIdentity none
 * </pre>
 *
 * <p>{@code =} is {@code <prefix>:<Operation>}; the last column names a resource kind the service registers with
 * {@link Builder#resource} (a function from the request to ARNs), or {@code *} for actions that support no
 * resource-level permissions; {@code none} marks an operation that needs no permission. A kind ending in {@code ?}
 * is a resource the request may leave out (AWS checks it only when named): no ARN, no access, rather than {@code *}. An operation not in the
 * table needs {@code <prefix>:<Operation>} on the {@link Builder#otherwise} kind ({@code *} unless set).
 *
 * <p>{@link #authorize} runs the table for one request under {@code --enforce-iam}: for each action and resource,
 * the {@link Authorizer}'s {@link Authorizer#denial denial} with the request's condition keys
 * ({@code aws:SourceIp}, {@code aws:SecureTransport}, {@code aws:CurrentTime}, {@code aws:EpochTime}, the caller's
 * own keys, what {@link Builder#keys} adds, and the resource's own, {@link Builder#resourceKeys}) and the resource's policy ({@link Builder#policies}); the first
 * refusal is answered as the service's access-denied error with AWS's message.
 *
 * @param <I> the service's decoded request ({@code ActionRequest}, {@code RestRequest}...)
 */
public final class AccessRules<I> {

    /**
     * One action on one resource (an ARN, or {@code *}), with the condition keys that belong to this resource of this
     * request alone (the instance type of the instance {@code RunInstances} makes, {@code ec2:CreateAction}).
     */
    public record Access(String action, String resource, Map<String, List<String>> keys) {

        public Access {
            keys = keys == null ? Map.of() : Map.copyOf(keys);
        }

        public Access(String action, String resource) {
            this(action, resource, Map.of());
        }
    }

    /** A resource a request acts on and the condition keys the request gives it (the resource to be made). */
    public record Target(String arn, Map<String, List<String>> keys) {

        public static Target of(String arn) {
            return new Target(arn, Map.of());
        }
    }

    /** The resources an operation acts on with their own keys; none (or {@code null}) is {@code *}. */
    @FunctionalInterface
    public interface Targets<I> {
        List<Target> of(RequestContext ctx, I input);
    }

    /** The ARNs an operation acts on, from its request; none (or {@code null}) is {@code *}. */
    @FunctionalInterface
    public interface Resources<I> {
        List<String> of(RequestContext ctx, I input);
    }

    /** Service-specific condition keys of a request ({@code s3:prefix}, {@code aws:RequestTag/...}). */
    @FunctionalInterface
    public interface Keys<I> {
        void add(I input, Map<String, List<String>> keys);
    }

    /** Condition keys of the resource an access is on ({@code ec2:ResourceTag/...}), added to the request's. */
    @FunctionalInterface
    public interface ResourceKeys {
        void add(RequestContext ctx, String arn, Map<String, List<String>> keys);
    }

    /** A resource's owner and policy, for the resources that have one. */
    public record ResourcePolicy(String ownerAccount, PolicyDocument policy) {
    }

    /** Finds a resource's policy by its ARN; {@code null} when it has none or does not exist. */
    @FunctionalInterface
    public interface ResourcePolicies {
        ResourcePolicy of(String arn);
    }

    /** How the service answers a refusal, given AWS's message. */
    @FunctionalInterface
    public interface Denial {
        AwsException of(String message);
    }

    /** How the service answers the refusal of an access on one kind of resource, given the request and the message. */
    @FunctionalInterface
    public interface KindDenial<I> {
        AwsException of(I input, String message);
    }

    private record Rule(String action, String kind, boolean optional) {
    }

    private final String prefix;
    private final Map<String, List<Rule>> table;
    private final Set<String> free;
    private final Map<String, Targets<I>> kinds;
    private final String otherwise;
    private final Keys<I> keys;
    private final ResourceKeys resourceKeys;
    private final ResourcePolicies policies;
    private final Denial denial;
    private final Map<String, KindDenial<I>> kindDenials;
    private final boolean quoted;

    private AccessRules(Builder<I> b) {
        this.kindDenials = Map.copyOf(b.kindDenials);
        this.prefix = b.prefix;
        this.table = Map.copyOf(b.table);
        this.free = Set.copyOf(b.free);
        this.kinds = Map.copyOf(b.kinds);
        this.otherwise = b.otherwise;
        this.keys = b.keys;
        this.resourceKeys = b.resourceKeys;
        this.policies = b.policies;
        this.denial = b.denial;
        this.quoted = b.quoted;
        if (!otherwise.equals("*") && !kinds.containsKey(otherwise)) {
            throw new IllegalStateException("Unknown resource kind " + otherwise + " in " + prefix + "'s rules");
        }
        for (List<Rule> rules : table.values()) {
            for (Rule r : rules) {
                if (!r.kind.equals("*") && !kinds.containsKey(r.kind)) {
                    throw new IllegalStateException("Unknown resource kind " + r.kind + " in " + prefix + "'s rules");
                }
            }
        }
    }

    public static <I> Builder<I> builder(String prefix) {
        return new Builder<>(prefix);
    }

    /** The actions and resources of an operation; empty for one that needs no permission. */
    public List<Access> accesses(String operation, RequestContext ctx, I input) {
        List<Access> out = new ArrayList<>();
        for (Kinded k : kinded(operation, ctx, input)) {
            out.add(k.access);
        }
        return out;
    }

    private record Kinded(Access access, String kind) {
    }

    private List<Kinded> kinded(String operation, RequestContext ctx, I input) {
        if (free.contains(operation)) {
            return List.of();
        }
        List<Rule> rules = table.getOrDefault(operation, List.of(new Rule(prefix + ":" + operation, otherwise, false)));
        List<Kinded> out = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            Targets<I> kind = rule.kind.equals("*") ? null : kinds.get(rule.kind);
            List<Target> targets = kind == null ? null : kind.of(ctx, input);
            if ((targets == null || targets.isEmpty()) && rule.optional) {
                continue;
            }
            if (targets == null || targets.isEmpty()) {
                out.add(new Kinded(new Access(rule.action, "*"), rule.kind));
            } else {
                for (Target t : targets) {
                    out.add(new Kinded(t == null || t.arn() == null ? new Access(rule.action, "*")
                            : new Access(rule.action, t.arn(), t.keys()), rule.kind));
                }
            }
        }
        return out;
    }

    /**
     * Refuses the request unless its caller may make every access the operation needs. An unsigned request gets
     * {@code MissingAuthenticationToken}, as with {@code --verify-signatures}.
     */
    public void authorize(Authorizer authorizer, HttpServerExchange exchange, RequestContext ctx, String operation,
                          I input) {
        Principal principal = authorizer.principal(ctx);
        if (principal.isRoot() || free.contains(operation)) {
            return;
        }
        if (principal.isAnonymous()) {
            throw new AwsException(CommonError.MISSING_AUTHENTICATION_TOKEN, "Request is missing Authentication Token");
        }
        Map<String, List<String>> conditions = globalKeys(exchange, ctx);
        if (keys != null) {
            keys.add(input, conditions);
        }
        for (Kinded kinded : kinded(operation, ctx, input)) {
            Access access = kinded.access;
            ResourcePolicy policy = policies == null || access.resource.equals("*") ? null : policies.of(access.resource);
            String owner = policy != null ? policy.ownerAccount() : accountOf(access.resource);
            Map<String, List<String>> onResource = conditions;
            if (resourceKeys != null && !access.resource.equals("*") || !access.keys.isEmpty()) {
                onResource = new HashMap<>(conditions);
                addResourceKeys(ctx, access, onResource);
            }
            AccessRequest request = new AccessRequest(principal, access.action, access.resource, owner, onResource);
            AccessDecision refused = authorizer.denial(request, policy == null ? null : policy.policy());
            if (refused != null) {
                KindDenial<I> special = kindDenials.get(kinded.kind);
                String message = refused.message(request, quoted);
                throw special != null ? special.of(input, message) : denial.of(message);
            }
        }
    }

    /**
     * The condition keys of one access beside the global ones: the request's ({@link Builder#keys}), the existing
     * resource's ({@link Builder#resourceKeys}) and the access's own ({@link Access#keys}), later ones winning.
     */
    public Map<String, List<String>> keysOf(RequestContext ctx, I input, Access access) {
        Map<String, List<String>> out = new HashMap<>();
        if (keys != null) {
            keys.add(input, out);
        }
        addResourceKeys(ctx, access, out);
        return out;
    }

    private void addResourceKeys(RequestContext ctx, Access access, Map<String, List<String>> out) {
        if (resourceKeys != null && !access.resource.equals("*")) {
            resourceKeys.add(ctx, access.resource, out);
        }
        out.putAll(access.keys);
    }

    /** The global condition keys every request carries. */
    public static Map<String, List<String>> globalKeys(HttpServerExchange exchange, RequestContext ctx) {
        Map<String, List<String>> keys = new HashMap<>();
        keys.put("aws:SecureTransport", List.of(String.valueOf("https".equalsIgnoreCase(exchange.getRequestScheme()))));
        InetSocketAddress source = exchange.getSourceAddress();
        if (source != null && source.getAddress() != null) {
            keys.put("aws:SourceIp", List.of(source.getAddress().getHostAddress()));
        }
        keys.put("aws:CurrentTime", List.of(currentTime(ctx.now())));
        keys.put("aws:EpochTime", List.of(String.valueOf(ctx.now().getEpochSecond())));
        keys.put("aws:RequestedRegion", List.of(ctx.region()));
        String agent = exchange.getRequestHeaders().getFirst("User-Agent");
        if (agent != null) {
            keys.put("aws:UserAgent", List.of(agent));
        }
        return keys;
    }

    private record Second(long epochSecond, String text) {
    }

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    /** {@code aws:CurrentTime} of an instant: ISO 8601 to the second, as AWS writes it (formatted once a second). */
    public static String currentTime(java.time.Instant now) {
        Second last = lastSecond;
        if (last.epochSecond != now.getEpochSecond()) {
            last = new Second(now.getEpochSecond(), java.time.Instant.ofEpochSecond(now.getEpochSecond()).toString());
            lastSecond = last;
        }
        return last.text;
    }

    /** The account of an ARN that names one; {@code null} for {@code *} and ARNs without one (S3's). */
    private static String accountOf(String arn) {
        if (arn.equals("*") || !arn.startsWith("arn:")) {
            return null;
        }
        try {
            String account = Arn.parse(arn).accountId();
            return account == null || account.isEmpty() ? null : account;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code aws:RequestTag/<key>} and {@code aws:TagKeys} of the tags a request sets. */
    public static void requestTags(Map<String, String> tags, Map<String, List<String>> keys) {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        tags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, List.of(v == null ? "" : v)));
        keys.put("aws:TagKeys", List.copyOf(tags.keySet()));
    }

    public static final class Builder<I> {
        private final String prefix;
        private final Map<String, List<Rule>> table = new LinkedHashMap<>();
        private final java.util.HashSet<String> free = new java.util.HashSet<>();
        private final Map<String, Targets<I>> kinds = new HashMap<>();
        private String otherwise = "*";
        private Keys<I> keys;
        private ResourceKeys resourceKeys;
        private ResourcePolicies policies;
        private Denial denial;
        private final Map<String, KindDenial<I>> kindDenials = new HashMap<>();
        private boolean quoted;

        private Builder(String prefix) {
            this.prefix = prefix;
        }

        /** A kind of resource the table names, and how a request names its ARNs. */
        public Builder<I> resource(String kind, Resources<I> arns) {
            return targets(kind, (ctx, in) -> {
                List<String> found = arns.of(ctx, in);
                if (found == null) {
                    return null;
                }
                List<Target> out = new ArrayList<>(found.size());
                for (String arn : found) {
                    out.add(arn == null ? null : Target.of(arn));
                }
                return out;
            });
        }

        /** A kind of resource whose request gives each of its ARNs condition keys of its own. */
        public Builder<I> targets(String kind, Targets<I> targets) {
            kinds.put(kind, targets);
            return this;
        }

        /** A kind whose request names one ARN (or {@code null} for {@code *}). */
        public Builder<I> single(String kind, java.util.function.BiFunction<RequestContext, I, String> arn) {
            return resource(kind, (ctx, in) -> {
                String one = arn.apply(ctx, in);
                return one == null ? null : List.of(one);
            });
        }

        /** The table's lines (see the class description); {@code #} starts a comment. */
        public Builder<I> table(String text) {
            for (String line : text.split("\n")) {
                int hash = line.indexOf('#');
                String[] cols = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
                if (cols.length == 1 && cols[0].isEmpty()) {
                    continue;
                }
                if (cols.length == 2 && cols[1].equals("none")) {
                    free.add(cols[0]);
                    continue;
                }
                if (cols.length != 3) {
                    throw new IllegalArgumentException("Malformed access rule: " + line);
                }
                String action = cols[1].equals("=") ? prefix + ":" + cols[0] : cols[1];
                boolean optional = cols[2].endsWith("?");
                String kind = optional ? cols[2].substring(0, cols[2].length() - 1) : cols[2];
                table.computeIfAbsent(cols[0], k -> new ArrayList<>()).add(new Rule(action, kind, optional));
            }
            return this;
        }

        /** The resource kind of operations the table does not list. */
        public Builder<I> otherwise(String kind) {
            this.otherwise = kind;
            return this;
        }

        public Builder<I> keys(Keys<I> keys) {
            this.keys = keys;
            return this;
        }

        /** Condition keys each resource adds to the request's, for the accesses on it. */
        public Builder<I> resourceKeys(ResourceKeys resourceKeys) {
            this.resourceKeys = resourceKeys;
            return this;
        }

        public Builder<I> policies(ResourcePolicies policies) {
            this.policies = policies;
            return this;
        }

        /** Refusals are this error with AWS's message. */
        public Builder<I> denied(AwsError error) {
            return denied(message -> new AwsException(error, message));
        }

        public Builder<I> denied(Denial denial) {
            this.denial = denial;
            return this;
        }

        /** Refusals of the accesses on one kind of resource are this error (given AWS's message) instead. */
        public Builder<I> denied(String kind, KindDenial<I> denial) {
            kindDenials.put(kind, denial);
            return this;
        }

        /** The message quotes the resource, as S3's does ({@code on resource: "arn:aws:s3:::b/k"}). */
        public Builder<I> quoted() {
            this.quoted = true;
            return this;
        }

        public AccessRules<I> build() {
            if (denial == null) {
                denial = message -> new AwsException(CommonError.ACCESS_DENIED, message);
            }
            return new AccessRules<>(this);
        }
    }
}
