package dev.gureum.iam.domain;

import dev.gureum.core.auth.AccessDecision;
import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.PolicyEvaluator;
import dev.gureum.core.auth.Principal;
import dev.gureum.iam.domain.Entities.Group;
import dev.gureum.iam.domain.Entities.ManagedPolicy;
import dev.gureum.iam.domain.Entities.Role;
import dev.gureum.iam.domain.Entities.User;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * IAM's policy simulator (SimulatePrincipalPolicy, SimulateCustomPolicy): each action on each resource decided by
 * core's {@link PolicyEvaluator}, the one evaluator every service uses, with the statements that decided it, the
 * context keys the policies test that the simulation did not give, and the permissions boundary's own verdict.
 */
public final class PolicySimulation {

    /**
     * A policy taking part in a simulation.
     *
     * @param id   as the simulator names it: an inline policy's name, a managed policy's name, or the input's
     *             member ({@code PolicyInputList.1}, {@code ResourcePolicy})
     * @param type {@code user}, {@code group}, {@code role}, {@code aws-managed}, {@code user-managed},
     *             {@code resource} or {@code none}
     */
    public record Source(String id, String type, String document) {
    }

    /** The policies of a simulation; {@code boundary} and {@code resourcePolicy} may be {@code null}. */
    public record Policies(List<Source> identity, Source boundary, Source resourcePolicy) {
        public Policies {
            identity = List.copyOf(identity);
        }
    }

    /** A statement that decided a result, where it lies in its policy's text. */
    public record Matched(Source source, PolicyDocument.Span span) {
    }

    /**
     * One action on one resource.
     *
     * @param decision             {@code allowed}, {@code explicitDeny} or {@code implicitDeny}
     * @param allowedByBoundary    the permissions boundary's verdict, {@code null} without a boundary
     */
    public record Result(String action, String resource, String decision, List<Matched> matched,
                         List<String> missingContextValues, Boolean allowedByBoundary) {
    }

    private PolicySimulation() {
    }

    /** The policies of a user (its own and its groups', inline and attached) or a role, and its boundary. */
    public static Policies ofUser(User user, List<Group> groups, PolicyLookup policies) {
        List<Source> identity = new ArrayList<>();
        user.inline().forEach((name, doc) -> identity.add(new Source(name, "user", doc)));
        attached(user.attached(), policies, identity);
        for (Group g : groups) {
            g.inline().forEach((name, doc) -> identity.add(new Source(name, "group", doc)));
            attached(g.attached(), policies, identity);
        }
        return new Policies(identity, boundary(user.boundary(), policies), null);
    }

    public static Policies ofRole(Role role, PolicyLookup policies) {
        List<Source> identity = new ArrayList<>();
        role.inline().forEach((name, doc) -> identity.add(new Source(name, "role", doc)));
        attached(role.attached(), policies, identity);
        return new Policies(identity, boundary(role.boundary(), policies), null);
    }

    public static Policies ofGroup(Group group, PolicyLookup policies) {
        List<Source> identity = new ArrayList<>();
        group.inline().forEach((name, doc) -> identity.add(new Source(name, "group", doc)));
        attached(group.attached(), policies, identity);
        return new Policies(identity, null, null);
    }

    /** How a simulation finds a managed policy by its ARN ({@code null} when it is gone). */
    @FunctionalInterface
    public interface PolicyLookup {
        ManagedPolicy policy(String arn);
    }

    private static void attached(List<String> arns, PolicyLookup policies, List<Source> into) {
        for (String arn : arns) {
            ManagedPolicy p = policies.policy(arn);
            if (p != null) {
                into.add(managed(p));
            }
        }
    }

    private static Source boundary(String arn, PolicyLookup policies) {
        ManagedPolicy p = arn == null ? null : policies.policy(arn);
        return p == null ? null : managed(p);
    }

    private static Source managed(ManagedPolicy p) {
        return new Source(p.name(), p.awsManaged() ? "aws-managed" : "user-managed", p.defaultPolicyVersion().document());
    }

    /**
     * Simulates every action on every resource, in that order.
     *
     * @param caller          who makes the requests (its ARN names it to a resource policy and gives its keys)
     * @param resourceAccount the resources' owner, or {@code null} for the caller's own account
     * @param context         the condition keys the simulation gives, each with its values
     * @throws IamRefusal {@code InvalidInput} when a policy does not parse
     */
    public static List<Result> simulate(Policies policies, Principal caller, String resourceAccount,
                                        Map<String, List<String>> context, List<String> actions,
                                        List<String> resources) {
        List<PolicyDocument> identity = new ArrayList<>();
        for (Source s : policies.identity()) {
            identity.add(parse(s, PolicyDocument.Kind.IDENTITY));
        }
        PolicyDocument boundary = policies.boundary() == null ? null
                : parse(policies.boundary(), PolicyDocument.Kind.IDENTITY);
        PolicyDocument resourcePolicy = policies.resourcePolicy() == null ? null
                : parse(policies.resourcePolicy(), PolicyDocument.Kind.RESOURCE);
        List<Result> results = new ArrayList<>();
        for (String action : actions) {
            for (String resource : resources) {
                AccessRequest request = new AccessRequest(caller, action, resource, resourceAccount, context);
                AccessDecision d = PolicyEvaluator.evaluate(request, identity, boundary, List.of(), resourcePolicy);
                LinkedHashSet<String> missing = new LinkedHashSet<>();
                identity.forEach(p -> missing.addAll(p.missingContextKeys(request)));
                if (boundary != null) {
                    missing.addAll(boundary.missingContextKeys(request));
                }
                if (resourcePolicy != null) {
                    missing.addAll(resourcePolicy.missingContextKeys(request));
                }
                String decision = d.allowed() ? "allowed" : d.explicitDeny() ? "explicitDeny" : "implicitDeny";
                results.add(new Result(action, resource, decision, matched(d, policies), List.copyOf(missing),
                        boundary == null ? null : boundaryAllows(d)));
            }
        }
        return results;
    }

    private static PolicyDocument parse(Source s, PolicyDocument.Kind kind) {
        try {
            return PolicyDocument.parse(s.document(), kind);
        } catch (PolicyDocument.MalformedPolicyException e) {
            throw IamRefusal.invalid(e.getMessage());
        }
    }

    private static boolean boundaryAllows(AccessDecision d) {
        boolean allow = false;
        for (AccessDecision.MatchedStatement m : d.matched()) {
            if (m.type() == AccessDecision.PolicyType.PERMISSIONS_BOUNDARY) {
                if (m.deny()) {
                    return false;
                }
                allow = true;
            }
        }
        return allow;
    }

    /** An explicit deny names only the denying statements, as AWS's simulator does; otherwise the allowing ones. */
    private static List<Matched> matched(AccessDecision d, Policies policies) {
        List<Matched> matched = new ArrayList<>();
        for (AccessDecision.MatchedStatement m : d.matched()) {
            if (m.deny() != d.explicitDeny()) {
                continue;
            }
            Source source = switch (m.type()) {
                case IDENTITY -> policies.identity().get(m.policyIndex());
                case PERMISSIONS_BOUNDARY -> policies.boundary();
                case RESOURCE -> policies.resourcePolicy();
                case SESSION -> null;
            };
            if (source == null) {
                continue;
            }
            List<PolicyDocument.Span> spans = PolicyDocument.statementSpans(source.document());
            matched.add(new Matched(source, m.statementIndex() < spans.size() ? spans.get(m.statementIndex()) : null));
        }
        return matched;
    }
}
