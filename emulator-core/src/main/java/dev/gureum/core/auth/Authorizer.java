package dev.gureum.core.auth;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.RequestContext;
import dev.gureum.core.spi.CrossService;
import dev.gureum.core.spi.IdentityPolicies;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        Optional<IdentityPolicies.Identity> identity = identityPolicies()
                .flatMap(iam -> iam.identity(p.arn()));
        List<PolicyDocument> policies = new ArrayList<>();
        PolicyDocument boundary = null;
        AccessRequest r = request;
        if (identity.isPresent()) {
            IdentityPolicies.Identity id = identity.get();
            for (String document : id.policies()) {
                PolicyDocument parsed = PolicyDocument.ofStored(document);
                if (parsed != null) {
                    policies.add(parsed);
                }
            }
            boundary = id.boundary() == null ? null : PolicyDocument.ofStored(id.boundary());
            if (id.boundary() != null && boundary == null) {
                // a boundary that cannot be read allows nothing
                boundary = NOTHING;
            }
            if (!id.tags().isEmpty()) {
                r = r.withPrincipalTags(id.tags());
            }
            if (id.userId() != null && r.key("aws:userid") == null) {
                r = r.with("aws:userid", id.userId());
            }
        }
        return PolicyEvaluator.evaluate(r, policies, boundary, List.of(), resourcePolicy);
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
