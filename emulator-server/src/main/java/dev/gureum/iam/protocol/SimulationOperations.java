package dev.gureum.iam.protocol;

import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.iam.domain.Entities;
import dev.gureum.iam.domain.PolicySimulation;
import dev.gureum.iam.domain.PolicySimulation.Policies;
import dev.gureum.iam.domain.PolicySimulation.Source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.gureum.iam.protocol.IamService.account;

/**
 * IAM's policy simulator: SimulatePrincipalPolicy (the policies of a user with its groups', of a group, or of a
 * role, with its permissions boundary) and SimulateCustomPolicy (the policies given), answered by core's
 * evaluator.
 */
final class SimulationOperations {

    private static final Set<String> CONTEXT_TYPES = Set.of("string", "stringList", "numeric", "numericList",
            "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList");

    private final IamService iam;

    SimulationOperations(IamService iam) {
        this.iam = iam;
    }

    void register() {
        iam.operation("SimulatePrincipalPolicy", this::simulatePrincipal);
        iam.operation("SimulateCustomPolicy", this::simulateCustom);
    }

    private Struct simulatePrincipal(ActionRequest r) {
        Params p = r.params();
        String source = IamInputs.checked(IamInputs.required(p, "PolicySourceArn"), "PolicySourceArn", 20, 2048, null);
        String account = account(r);
        Arn arn = parseArn(source);
        if (!arn.service().equals("iam") || !arn.accountId().equals(account)) {
            throw new AwsException(IamError.INVALID_INPUT, "Invalid ARN: " + source);
        }
        String resource = arn.resource();
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        PolicySimulation.PolicyLookup lookup = policyArn -> iam.policies().find(account, policyArn);
        Policies policies;
        String caller = p.string("CallerArn");
        if (resource.startsWith("user/")) {
            Entities.User user = iam.users().user(account, name);
            policies = PolicySimulation.ofUser(user, iam.users().groupsOf(account, name), lookup);
            caller = caller == null ? user.arn() : caller;
        } else if (resource.startsWith("role/")) {
            Entities.Role role = iam.roles().role(account, name);
            policies = PolicySimulation.ofRole(role, lookup);
            caller = caller == null ? role.arn() : caller;
        } else if (resource.startsWith("group/")) {
            policies = PolicySimulation.ofGroup(iam.users().group(account, name), lookup);
        } else {
            throw new AwsException(IamError.INVALID_INPUT, "Invalid ARN: " + source);
        }
        List<Source> identity = new ArrayList<>(policies.identity());
        identity.addAll(inputs(p, "PolicyInputList"));
        List<Source> boundaries = inputs(p, "PermissionsBoundaryPolicyInputList");
        Source boundary = boundaries.isEmpty() ? policies.boundary() : boundaries.get(0);
        return simulate(r, new Policies(identity, boundary, resourcePolicy(p)), caller);
    }

    private Struct simulateCustom(ActionRequest r) {
        Params p = r.params();
        List<Source> identity = inputs(p, "PolicyInputList");
        if (identity.isEmpty()) {
            IamInputs.required(p, "PolicyInputList");
        }
        List<Source> boundaries = inputs(p, "PermissionsBoundaryPolicyInputList");
        Source resourcePolicy = resourcePolicy(p);
        String caller = p.string("CallerArn");
        if (resourcePolicy != null && caller == null) {
            // the Principal element of a resource policy needs a caller to compare with
            throw new AwsException(IamError.INVALID_INPUT, "CallerArn must be specified with a ResourcePolicy.");
        }
        return simulate(r, new Policies(identity, boundaries.isEmpty() ? null : boundaries.get(0), resourcePolicy),
                caller);
    }

    private Struct simulate(ActionRequest r, Policies policies, String callerArn) {
        Params p = r.params();
        List<String> actions = p.stringList("ActionNames");
        if (actions.isEmpty()) {
            IamInputs.required(p, "ActionNames");
        }
        List<String> resources = p.stringList("ResourceArns");
        if (resources.isEmpty()) {
            resources = List.of("*");
        }
        String account = account(r);
        Principal caller = callerArn == null ? Principal.of(null, account)
                : Principal.of(callerArn, parseArn(callerArn).accountId());
        String owner = p.string("ResourceOwner");
        String resourceAccount = owner == null ? null : owner.matches("\\d{12}") ? owner : parseArn(owner).accountId();
        List<PolicySimulation.Result> results = PolicySimulation.simulate(policies, caller, resourceAccount,
                context(p), actions, resources);
        return IamInputs.page(Struct.of(), "EvaluationResults", results, r, SimulationOperations::result);
    }

    private static Arn parseArn(String text) {
        try {
            return Arn.parse(text);
        } catch (IllegalArgumentException e) {
            throw new AwsException(IamError.INVALID_INPUT, "Invalid ARN: " + text);
        }
    }

    /** {@code PolicyInputList.member.N}, named {@code PolicyInputList.N} as the simulator names them. */
    private static List<Source> inputs(Params p, String member) {
        List<String> documents = p.stringList(member);
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            sources.add(new Source(member + "." + (i + 1), "none", documents.get(i)));
        }
        return sources;
    }

    private static Source resourcePolicy(Params p) {
        String document = p.string("ResourcePolicy");
        return document == null ? null : new Source("ResourcePolicy", "resource", document);
    }

    /** {@code ContextEntries.member.N}: a key, its values and their type. */
    private static Map<String, List<String>> context(Params p) {
        Map<String, List<String>> keys = new HashMap<>();
        for (Params entry : p.list("ContextEntries")) {
            String type = entry.string("ContextKeyType");
            if (type != null && !CONTEXT_TYPES.contains(type)) {
                throw IamError.validation("Value '" + type + "' at 'contextEntries.member.contextKeyType' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [string, stringList, numeric, "
                        + "numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList]");
            }
            String name = entry.string("ContextKeyName");
            if (name != null) {
                keys.put(name, entry.stringList("ContextKeyValues"));
            }
        }
        return keys;
    }

    private static Struct result(PolicySimulation.Result result) {
        List<Struct> statements = result.matched().stream().map(SimulationOperations::statement).toList();
        Struct resourceResult = Struct.of().put("EvalResourceName", result.resource())
                .put("EvalResourceDecision", result.decision()).list("MatchedStatements", statements)
                .list("MissingContextValues", result.missingContextValues());
        Struct s = Struct.of().put("EvalActionName", result.action()).put("EvalResourceName", result.resource())
                .put("EvalDecision", result.decision()).list("MatchedStatements", statements)
                .list("MissingContextValues", result.missingContextValues());
        if (result.allowedByBoundary() != null) {
            Struct detail = Struct.of().put("AllowedByPermissionsBoundary", result.allowedByBoundary());
            s.put("PermissionsBoundaryDecisionDetail", detail);
            resourceResult.put("PermissionsBoundaryDecisionDetail", detail);
        }
        return s.list("ResourceSpecificResults", List.of(resourceResult));
    }

    private static Struct statement(PolicySimulation.Matched m) {
        Struct s = Struct.of().put("SourcePolicyId", m.source().id()).put("SourcePolicyType", m.source().type());
        PolicyDocument.Span span = m.span();
        if (span != null) {
            s.put("StartPosition", Struct.of().put("Line", span.start().line()).put("Column", span.start().column()))
                    .put("EndPosition", Struct.of().put("Line", span.end().line()).put("Column", span.end().column()));
        }
        return s;
    }
}
