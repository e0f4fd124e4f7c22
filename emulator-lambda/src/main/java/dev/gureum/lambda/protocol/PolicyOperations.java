package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.json.Json;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestJsonCodec;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.domain.EventSourceMapping;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.LambdaFunction;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Resource policies (AddPermission, RemovePermission, GetPolicy) and tags. */
final class PolicyOperations {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern STATEMENT_ID = Pattern.compile("([a-zA-Z0-9-_.]+)");
    private static final Pattern ACTION = Pattern.compile("(lambda:[*]|lambda:[a-zA-Z]+|[*])");
    /** A function's resource policy may be this large. */
    private static final int MAX_POLICY = 20_480;

    private final LambdaState state;

    PolicyOperations(LambdaState state) {
        this.state = state;
    }

    void addPermission(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:AddPermission");
        String sid = Validation.required(p, "StatementId", "statementId");
        Validation.pattern("statementId", sid, STATEMENT_ID);
        String action = Validation.required(p, "Action", "action");
        Validation.pattern("action", action, ACTION);
        String principal = Validation.required(p, "Principal", "principal");
        String qualifier = qualifier(f, ref);
        String resource = qualifier.isEmpty() ? f.functionArn() : f.functionArn() + ":" + qualifier;

        ObjectNode statement = JsonNodeFactory.instance.objectNode();
        statement.put("Sid", sid);
        statement.put("Effect", "Allow");
        if (principal.equals("*")) {
            statement.put("Principal", "*");
        } else if (principal.matches("\\d{12}")) {
            statement.putObject("Principal").put("AWS",
                    new Arn(Arn.partitionOf(ref.region()), "iam", "", principal, "root").toString());
        } else if (principal.startsWith("arn:")) {
            statement.putObject("Principal").put("AWS", principal);
        } else {
            statement.putObject("Principal").put("Service", principal);
        }
        statement.put("Action", action);
        statement.put("Resource", resource);
        ObjectNode condition = JsonNodeFactory.instance.objectNode();
        if (p.string("SourceAccount") != null) {
            condition.withObjectProperty("StringEquals").put("AWS:SourceAccount", p.string("SourceAccount"));
        }
        if (p.string("PrincipalOrgID") != null) {
            condition.withObjectProperty("StringEquals").put("aws:PrincipalOrgID", p.string("PrincipalOrgID"));
        }
        if (p.string("EventSourceToken") != null) {
            condition.withObjectProperty("StringEquals").put("lambda:EventSourceToken", p.string("EventSourceToken"));
        }
        if (p.string("FunctionUrlAuthType") != null) {
            condition.withObjectProperty("StringEquals").put("lambda:FunctionUrlAuthType", p.string("FunctionUrlAuthType"));
        }
        if (Boolean.TRUE.equals(p.bool("InvokedViaFunctionUrl"))) {
            // lambda:InvokeFunction granted only to requests through the function's URLs
            condition.withObjectProperty("Bool").put("lambda:InvokedViaFunctionUrl", "true");
        }
        if (p.string("SourceArn") != null) {
            condition.withObjectProperty("ArnLike").put("AWS:SourceArn", p.string("SourceArn"));
        }
        if (!condition.isEmpty()) {
            statement.set("Condition", condition);
        }
        String text = statement.toString();
        synchronized (f) {
            FunctionOperations.checkRevision(p.string("RevisionId"), f.policyRevision(qualifier));
            Map<String, String> existing = f.policy(qualifier);
            if (existing.containsKey(sid)) {
                throw LambdaErrors.conflict("The statement id (" + sid + ") provided already exists. Please provide a "
                        + "new statement id, or remove the existing statement.");
            }
            existing.put(sid, text);
            if (document(existing).length() > MAX_POLICY) {
                throw new AwsException(LambdaError.POLICY_LENGTH_EXCEEDED, "The final policy size ("
                        + document(existing).length() + ") is bigger than the limit (" + MAX_POLICY + ").");
            }
            f.putStatement(qualifier, sid, text, Ids.uuid());
        }
        LambdaState.answer(r, state.save(f), 201, Struct.of().put("Statement", text));
    }

    void removePermission(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:RemovePermission");
        String qualifier = qualifier(f, ref);
        String sid = r.label("StatementId");
        synchronized (f) {
            FunctionOperations.checkRevision(r.queryParam("RevisionId"), f.policyRevision(qualifier));
            if (!f.removeStatement(qualifier, sid, Ids.uuid())) {
                throw LambdaErrors.notFound("Statement " + sid + " is not found in resource policy.");
            }
        }
        LambdaState.answerEmpty(r, state.save(f), 204);
    }

    void getPolicy(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:GetPolicy");
        String qualifier = qualifier(f, ref);
        Map<String, String> statements = f.policy(qualifier);
        if (statements.isEmpty()) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        String resource = qualifier.isEmpty() ? f.functionArn() : f.functionArn() + ":" + qualifier;
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("Policy", document(statements))
                .put("RevisionId", f.policyRevision(qualifier)));
    }

    /** The policy's key: {@code ""} for the function ({@code $LATEST} included), else the version or alias. */
    private String qualifier(LambdaFunction f, FunctionRef ref) {
        if (ref.qualifier() == null || ref.qualifier().equals(FunctionConfig.LATEST)) {
            return "";
        }
        state.config(f, ref);
        return ref.qualifier();
    }

    static String document(Map<String, String> statements) {
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        policy.put("Version", "2012-10-17");
        policy.put("Id", "default");
        ArrayNode list = policy.putArray("Statement");
        for (String s : statements.values()) {
            try {
                list.add(JSON.readTree(s));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return policy.toString();
    }

    // ---- tags -----------------------------------------------------------------------------------

    /** The tagged resource: a function (by unqualified ARN) or an event source mapping. */
    private interface Tagged {
        Map<String, String> tags();

        void tag(Map<String, String> tags);

        void untag(List<String> keys);

        /** Records the resource as it is now; the stage completes when that is durable. */
        java.util.concurrent.CompletionStage<Void> save();
    }

    private Tagged resource(RestRequest r, String action) {
        String arn = r.label("Resource");
        Arn parsed;
        try {
            parsed = Arn.parse(arn);
        } catch (IllegalArgumentException e) {
            throw LambdaErrors.invalid("Invalid ARN: " + arn);
        }
        if (parsed.resource().startsWith("event-source-mapping:")) {
            LambdaState.ownAccountOnly(r.context(), parsed.accountId(), state.caller(r.context()), action, arn);
            EventSourceMapping m = state.store.mapping(parsed.accountId(), parsed.region(),
                    parsed.resource().substring("event-source-mapping:".length()));
            if (m == null) {
                throw LambdaErrors.notFound("The resource you requested does not exist.");
            }
            return new Tagged() {
                public Map<String, String> tags() {
                    return m.tags();
                }

                public void tag(Map<String, String> tags) {
                    m.tag(tags);
                }

                public void untag(List<String> keys) {
                    m.untag(keys);
                }

                public java.util.concurrent.CompletionStage<Void> save() {
                    return state.save(m);
                }
            };
        }
        FunctionRef ref = FunctionRef.parse(arn, null, r.context());
        if (ref.qualifier() != null) {
            throw LambdaErrors.invalid("Tags are not supported on function versions or aliases: " + arn);
        }
        LambdaFunction f = state.function(r.context(), ref, action);
        return new Tagged() {
            public Map<String, String> tags() {
                return f.tags();
            }

            public void tag(Map<String, String> tags) {
                f.tag(tags);
            }

            public void untag(List<String> keys) {
                f.untag(keys);
            }

            public java.util.concurrent.CompletionStage<Void> save() {
                return state.save(f);
            }
        };
    }

    void tagResource(RestRequest r) {
        Params p = Validation.body(r);
        Tagged resource = resource(r, "lambda:TagResource");
        Map<String, String> tags = p.stringMap("Tags", "Key", "Value");
        if (tags.isEmpty()) {
            throw LambdaErrors.invalid("The tag list must not be empty.");
        }
        if (resource.tags().size() + tags.size() > 50) {
            throw LambdaErrors.invalid("Number of tags exceeds resource tag limit.");
        }
        resource.tag(tags);
        LambdaState.answerEmpty(r, resource.save(), 204);
    }

    void untagResource(RestRequest r) {
        Tagged resource = resource(r, "lambda:UntagResource");
        List<String> keys = r.query().getOrDefault("tagKeys", List.of());
        resource.untag(keys);
        LambdaState.answerEmpty(r, resource.save(), 204);
    }

    void listTags(RestRequest r) {
        Tagged resource = resource(r, "lambda:ListTags");
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("Tags", MapValue.of(resource.tags())));
    }
}
