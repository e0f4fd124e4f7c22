package dev.gureum.core.auth;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.RequestContext;
import dev.gureum.core.spi.CrossService;
import dev.gureum.core.spi.IdentityPolicies;

import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a principal may make a request, by AWS's evaluation logic, under {@code --enforce-iam}: the one place
 * that joins a caller's identity-based policies (from IAM, through {@link IdentityPolicies}) with a resource's
 * policy. The API is three calls:
 *
 * <ul>
 *   <li>{@link #principal(RequestContext)}: who a request acts as. An unsigned request is anonymous; a 12-digit
 *       key (and any key Gureum does not know, such as the default test key) is its account's root user; an IAM
 *       user's key is that user ({@code arn:aws:iam::111122223333:user/alice}); STS credentials are the role
 *       session ({@code arn:aws:sts::111122223333:assumed-role/app/session}).</li>
 *   <li>{@link #evaluate(AccessRequest, PolicyDocument)}: the full decision for a principal, an action, a resource
 *       (with its account) and condition keys, given the resource's policy ({@code null} for none): an explicit
 *       deny anywhere refuses; within an account either the identity-based or the resource-based policy may allow
 *       (the root user needs no identity policy); across accounts both must; a permissions boundary limits what
 *       identity policies allow. The caller's {@code aws:userid} and {@code aws:PrincipalTag/...} are added.</li>
 *   <li>{@link #denial(AccessRequest, PolicyDocument)}: the identity side of that decision, for services that keep
 *       judging resource policies (and S3's ACLs) themselves: {@code null} when enforcement is off, for root users,
 *       anonymous callers and service principals (their access is the resource policy's to decide, as it always
 *       was), when the request is allowed, and when only the resource's side is missing across accounts (the
 *       service's own check decides); otherwise the refusing decision, whose
 *       {@link AccessDecision#message(AccessRequest)} is AWS's access-denied message.</li>
 * </ul>
 *
 * <p>Services declare which actions and resources each operation needs in an {@link AccessRules} table; the
 * action-protocol and REST base classes run it before every operation when enforcement is on. Thread-safe.
 */
public final class Authorizer {

    /** A policy that allows nothing (its one statement applies to no action). */
    private static final PolicyDocument NOTHING = PolicyDocument.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}");

    private final boolean enforcing;
    private final AccessKeys accessKeys;
    private final CrossService crossService;
    private volatile IdentityPolicies iam;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public Authorizer(boolean enforcing, AccessKeys accessKeys, CrossService crossService) {
        this.enforcing = enforcing;
        this.accessKeys = accessKeys;
        this.crossService = crossService;
    }

    public static Authorizer of(EmulatorContext context) {
        return new Authorizer(context.config().enforceIam(), context.accessKeys(), context.crossService());
    }

    /** Whether identity-based policies are enforced ({@code --enforce-iam}). */
    public boolean enforcing() {
        return enforcing;
    }

    /** Who the request acts as (see the class description). */
    public Principal principal(RequestContext ctx) {
        if (ctx.anonymous()) {
            return Principal.anonymous();
        }
        SigV4Credential credential = ctx.credential();
        if (credential == null || credential.accessKeyId() == null) {
            return enforcing ? Principal.anonymous() : Principal.account(ctx.accountId());
        }
        return principalOf(credential.accessKeyId(), ctx.accountId());
    }

    /** The principal an access key acts as, in the account the request was attributed to. */
    public Principal principalOf(String accessKeyId, String accountId) {
        String arn = accessKeys.principalArnOf(accessKeyId);
        return arn == null || arn.endsWith(":root") ? Principal.account(accountId) : Principal.of(arn, accountId);
    }

    /**
     * The decision for a request, with the caller's identity-based policies (none for root users, anonymous
     * callers and services) and the resource's policy.
     *
     * @param resourcePolicy the resource's policy, or {@code null} for none
     */
    public AccessDecision evaluate(AccessRequest request, PolicyDocument resourcePolicy) {
        Principal p = request.principal();
        if (p.kind() != Principal.Kind.AWS || p.isRoot()) {
            return PolicyEvaluator.evaluate(request, List.of(), null, List.of(), resourcePolicy);
        }
        IdentityPolicies.Identity identity = identityPolicies().flatMap(iam -> iam.identity(p.arn())).orElse(null);
        if (identity == null) {
            return PolicyEvaluator.evaluate(request, List.of(), null, List.of(), resourcePolicy);
        }
        Parsed parsed = parsed(p.arn(), identity);
        AccessRequest r = request;
        if (!identity.tags().isEmpty() || identity.userId() != null && request.key("aws:userid") == null) {
            Map<String, List<String>> keys = new HashMap<>(request.keys());
            identity.tags().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, List.of(v)));
            if (identity.userId() != null) {
                keys.putIfAbsent("aws:userid", List.of(identity.userId()));
            }
            r = new AccessRequest(p, request.action(), request.resource(), request.resourceAccount(), keys);
        }
        List<PolicyDocument> sessionPolicies = p.arn().contains(":assumed-role/")
                ? accessKeys.sessions().sessionPoliciesOf(p.arn()) : List.of();
        return PolicyEvaluator.evaluate(r, parsed.policies, parsed.boundary, sessionPolicies, resourcePolicy);
    }

    /** An identity's policies parsed, kept while IAM answers the same identity for the principal. */
    private Parsed parsed(String arn, IdentityPolicies.Identity identity) {
        Parsed known = parsed.get(arn);
        if (known != null && known.source == identity) {
            return known;
        }
        List<PolicyDocument> policies = new ArrayList<>();
        for (String document : identity.policies()) {
            PolicyDocument doc = PolicyDocument.ofStored(document);
            if (doc != null) {
                policies.add(doc);
            }
        }
        PolicyDocument boundary = null;
        if (identity.boundary() != null) {
            boundary = PolicyDocument.ofStored(identity.boundary());
            // a boundary that cannot be read allows nothing
            boundary = boundary == null ? NOTHING : boundary;
        }
        Parsed p = new Parsed(identity, List.copyOf(policies), boundary);
        if (parsed.size() >= 10_000) {
            parsed.clear();
        }
        parsed.put(arn, p);
        return p;
    }

    private record Parsed(IdentityPolicies.Identity source, List<PolicyDocument> policies, PolicyDocument boundary) {
    }

    /**
     * Whether deciding for this caller reads the request's condition keys: whether its identity-based policies,
     * its boundary or the resource's policy test any. Services whose keys cost something to collect ask first.
     */
    public boolean usesKeys(Principal caller, PolicyDocument resourcePolicy) {
        if (resourcePolicy != null && resourcePolicy.usesKeys()) {
            return true;
        }
        if (!enforcing || caller.kind() != Principal.Kind.AWS || caller.isRoot()) {
            return false;
        }
        IdentityPolicies.Identity identity = identityPolicies().flatMap(iam -> iam.identity(caller.arn())).orElse(null);
        if (identity == null) {
            return false;
        }
        Parsed parsed = parsed(caller.arn(), identity);
        return parsed.boundary != null && parsed.boundary.usesKeys()
                || parsed.policies.stream().anyMatch(PolicyDocument::usesKeys);
    }

    /** The identity side's refusal of a request, or {@code null} (see the class description). */
    public AccessDecision denial(AccessRequest request, PolicyDocument resourcePolicy) {
        Principal p = request.principal();
        if (!enforcing || p.kind() != Principal.Kind.AWS || p.isRoot()) {
            return null;
        }
        AccessDecision d = evaluate(request, resourcePolicy);
        if (d.allowed() || request.crossAccount() && d.reason() == AccessDecision.Reason.NO_RESOURCE_ALLOW) {
            return null;
        }
        return d;
    }

    /**
     * {@code iam:PassRole}: AWS's refusal message when the caller may not give the role to a service
     * ({@code iam:PassedToService}, e.g. {@code lambda.amazonaws.com}), or {@code null} when it may, when enforcement
     * is off, and for root users, whose own account's roles are theirs to pass.
     */
    public String passRoleRefusal(RequestContext ctx, String roleArn, String toService) {
        Principal p = principal(ctx);
        if (!enforcing || p.isRoot() || p.kind() != Principal.Kind.AWS || roleArn == null) {
            return null;
        }
        String account = null;
        try {
            account = dev.gureum.core.id.Arn.parse(roleArn).accountId();
        } catch (IllegalArgumentException e) {
            // not an ARN: the service refuses it for what it is
        }
        AccessRequest r = AccessRequest.of(p, "iam:PassRole", roleArn, account,
                Map.of("iam:PassedToService", toService));
        AccessDecision d = evaluate(r, null);
        return d.allowed() ? null : d.message(r);
    }

    private Optional<IdentityPolicies> identityPolicies() {
        IdentityPolicies found = iam;
        if (found == null) {
            Optional<IdentityPolicies> bound = crossService == null ? Optional.empty()
                    : crossService.find(IdentityPolicies.class);
            bound.ifPresent(b -> iam = b);
            return bound;
        }
        return Optional.of(found);
    }
}
