package dev.gureum.lambda.protocol;

import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestJsonCodec;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.domain.CodeSigningConfig;
import dev.gureum.lambda.domain.FunctionSettings;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.domain.LambdaRecords;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Code signing configurations and the one a function uses. What a deployment under one is checked for is
 * {@link CodeSigningChecks}'s.
 */
final class CodeSigningOperations {

    private static final Set<String> POLICIES = Set.of("Warn", "Enforce");

    private final LambdaState state;

    CodeSigningOperations(LambdaState state) {
        this.state = state;
    }

    void create(RestRequest r) {
        Params p = Validation.body(r);
        if (!p.has("AllowedPublishers")) {
            throw LambdaErrors.validation("allowedPublishers", null, "Member must not be null");
        }
        if (p.has("Tags")) {
            throw LambdaErrors.invalid("Gureum does not keep tags of code signing configurations; create it without "
                    + "Tags.");
        }
        String id = "csc-" + Ids.hex(17);
        String arn = Arn.of("lambda", r.context().region(), r.context().accountId(), "code-signing-config:" + id)
                .toString();
        CodeSigningConfig config = new CodeSigningConfig(r.context().accountId(), r.context().region(), id, arn,
                p.string("Description", ""), profiles(p.object("AllowedPublishers")), policy(p, "Warn"),
                state.clock.instant());
        state.store.putCodeSigningConfig(config);
        LambdaState.answer(r, state.journal.append(new LambdaRecords.CodeSigningConfigSaved(config)), 201,
                Struct.of().put("CodeSigningConfig", shape(config)));
    }

    void get(RestRequest r) {
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("CodeSigningConfig", shape(existing(r))));
    }

    void update(RestRequest r) {
        Params p = Validation.body(r);
        CodeSigningConfig old = existing(r);
        CodeSigningConfig updated = new CodeSigningConfig(old.accountId(), old.region(), old.id(), old.arn(),
                p.string("Description", old.description()),
                p.has("AllowedPublishers") ? profiles(p.object("AllowedPublishers")) : old.signingProfileVersionArns(),
                policy(p, old.untrustedArtifactOnDeployment()), state.clock.instant());
        state.store.putCodeSigningConfig(updated);
        LambdaState.answer(r, state.journal.append(new LambdaRecords.CodeSigningConfigSaved(updated)), 200,
                Struct.of().put("CodeSigningConfig", shape(updated)));
    }

    void delete(RestRequest r) {
        CodeSigningConfig config = existing(r);
        List<String> using = functionsUsing(config);
        if (!using.isEmpty()) {
            throw LambdaErrors.conflict("The code signing configuration " + config.arn() + " cannot be deleted while "
                    + "functions use it: " + using);
        }
        state.store.removeCodeSigningConfig(config.accountId(), config.region(), config.id());
        LambdaState.answerEmpty(r, state.journal.append(new LambdaRecords.CodeSigningConfigDeleted(config.accountId(),
                config.region(), config.id())), 204);
    }

    void list(RestRequest r) {
        PageTokens.Page<CodeSigningConfig> page = Pages.page(state.store.codeSigningConfigs(r.context().accountId(),
                r.context().region()), r.queryParam("Marker"), Validation.maxItems(r, 50, 10000));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("NextMarker", page.nextToken())
                .list("CodeSigningConfigs", page.items(), CodeSigningOperations::shape));
    }

    void listFunctions(RestRequest r) {
        PageTokens.Page<String> page = Pages.page(functionsUsing(existing(r)), r.queryParam("Marker"),
                Validation.maxItems(r, 50, 10000));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("NextMarker", page.nextToken())
                .list("FunctionArns", page.items()));
    }

    // ---- a function's configuration ---------------------------------------------------------------

    void putForFunction(RestRequest r) {
        Params p = Validation.body(r);
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:PutFunctionCodeSigningConfig");
        String arn = Validation.required(p, "CodeSigningConfigArn", "codeSigningConfigArn");
        CodeSigningConfig config = CodeSigningChecks.existing(state, arn, r.context().accountId());
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), true);
        settings.codeSigningConfigArn(config.arn());
        LambdaState.answer(r, state.save(f, settings), 200, Struct.of().put("CodeSigningConfigArn", config.arn())
                .put("FunctionName", f.name()));
    }

    void getForFunction(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:GetFunctionCodeSigningConfig");
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), false);
        String arn = settings == null ? null : settings.codeSigningConfigArn();
        // a function without one reports an empty ARN (both members are required in the answer)
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("CodeSigningConfigArn", arn == null ? "" : arn)
                .put("FunctionName", f.name()));
    }

    void deleteForFunction(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), null, r.context());
        LambdaFunction f = state.function(r.context(), ref, "lambda:DeleteFunctionCodeSigningConfig");
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), false);
        if (settings == null || settings.codeSigningConfigArn() == null) {
            r.exchange().setStatusCode(204);
            r.exchange().endExchange();
            return;
        }
        settings.codeSigningConfigArn(null);
        LambdaState.answerEmpty(r, state.save(f, settings), 204);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private CodeSigningConfig existing(RestRequest r) {
        String arn = r.label("CodeSigningConfigArn");
        CodeSigningConfig config = find(arn, r.context().accountId());
        if (config == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return config;
    }

    private CodeSigningConfig find(String arn, String accountId) {
        return CodeSigningChecks.find(state, arn, accountId);
    }

    private List<String> functionsUsing(CodeSigningConfig config) {
        List<String> using = new ArrayList<>();
        for (LambdaFunction f : state.store.functions(config.accountId(), config.region())) {
            FunctionSettings s = state.store.settings(config.accountId(), config.region(), f.name(), false);
            if (s != null && config.arn().equals(s.codeSigningConfigArn())) {
                using.add(f.functionArn());
            }
        }
        return using;
    }

    private static List<String> profiles(Params publishers) {
        List<String> arns = publishers.has("SigningProfileVersionArns")
                ? publishers.stringList("SigningProfileVersionArns") : List.of();
        if (arns.isEmpty() || arns.size() > 20) {
            throw LambdaErrors.validation("allowedPublishers.signingProfileVersionArns", arns,
                    "Member must have length " + (arns.isEmpty() ? "greater than or equal to 1" : "less than or equal to 20"));
        }
        return arns;
    }

    private static String policy(Params p, String defaultValue) {
        if (!p.has("CodeSigningPolicies")) {
            return defaultValue;
        }
        String value = p.object("CodeSigningPolicies").string("UntrustedArtifactOnDeployment", defaultValue);
        if (!POLICIES.contains(value)) {
            throw Validation.enumValue("codeSigningPolicies.untrustedArtifactOnDeployment", value, "Warn, Enforce");
        }
        return value;
    }

    private static Struct shape(CodeSigningConfig c) {
        return Struct.of()
                .put("CodeSigningConfigId", c.id())
                .put("CodeSigningConfigArn", c.arn())
                .put("Description", c.description())
                .put("AllowedPublishers", Struct.of().list("SigningProfileVersionArns", c.signingProfileVersionArns()))
                .put("CodeSigningPolicies", Struct.of().put("UntrustedArtifactOnDeployment",
                        c.untrustedArtifactOnDeployment()))
                .put("LastModified", Timestamps.format(c.lastModified()));
    }
}
