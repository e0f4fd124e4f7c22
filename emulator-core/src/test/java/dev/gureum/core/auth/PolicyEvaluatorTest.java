package dev.gureum.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.id.Arn;
import dev.gureum.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The evaluator against a table of cases drawn from AWS's documentation (the IAM User Guide's policy examples,
 * its evaluation logic pages and its condition operator reference), in {@code iam/evaluation-cases.json}: each
 * group gives policies and requests, each request the reason AWS decides it for.
 */
class PolicyEvaluatorTest {

    private static JsonNode table() throws IOException {
        try (InputStream in = PolicyEvaluatorTest.class.getResourceAsStream("/iam/evaluation-cases.json")) {
            return Json.mapper().readTree(in);
        }
    }

    static Stream<Arguments> evaluationCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode group : table().path("groups")) {
            int i = 0;
            for (JsonNode c : group.path("cases")) {
                cases.add(Arguments.of(group.path("name").asText() + " #" + (++i), group, c));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> malformedCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : table().path("malformed")) {
            cases.add(Arguments.of(c.path("name").asText(), c));
        }
        return cases.stream();
    }

    @Test
    void theTableHasAtLeastTwoHundredCases() throws IOException {
        assertThat(evaluationCases().count() + malformedCases().count()).isGreaterThanOrEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evaluationCases")
    void decidesAsAwsDocuments(String name, JsonNode group, JsonNode c) {
        AccessRequest request = request(group, c);
        AccessDecision decision = PolicyEvaluator.evaluate(request, policies(group.path("identity"), PolicyDocument.Kind.IDENTITY),
                policy(group.get("boundary"), PolicyDocument.Kind.IDENTITY),
                policies(group.path("session"), PolicyDocument.Kind.IDENTITY),
                policy(group.get("resource"), PolicyDocument.Kind.RESOURCE));
        AccessDecision.Reason expected = AccessDecision.Reason.valueOf(c.path("expect").asText());
        assertThat(decision.reason()).as(name).isEqualTo(expected);
        assertThat(decision.allowed()).isEqualTo(expected == AccessDecision.Reason.ALLOWED);
        assertThat(decision.explicitDeny()).isEqualTo(expected.name().startsWith("EXPLICIT_DENY"));
        if (decision.explicitDeny()) {
            assertThat(decision.matched()).anyMatch(AccessDecision.MatchedStatement::deny);
        }
        if (c.has("message")) {
            assertThat(decision.message(request)).isEqualTo(c.get("message").asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCases")
    void refusesMalformedPoliciesWithIamsMessages(String name, JsonNode c) {
        PolicyDocument.Kind kind = PolicyDocument.Kind.valueOf(c.path("kind").asText("IDENTITY"));
        String text = c.get("policy").isTextual() ? c.get("policy").asText() : c.get("policy").toString();
        if (c.has("error")) {
            assertThatThrownBy(() -> PolicyDocument.parse(text, kind))
                    .isInstanceOf(PolicyDocument.MalformedPolicyException.class)
                    .hasMessage(c.get("error").asText());
        } else {
            assertThat(PolicyDocument.parse(text, kind).size()).isPositive();
        }
    }

    private static AccessRequest request(JsonNode group, JsonNode c) {
        String who = c.has("principal") ? c.get("principal").asText() : group.path("principal").asText();
        Map<String, List<String>> keys = new HashMap<>();
        for (JsonNode source : List.of(group.path("keys"), c.path("keys"))) {
            source.fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> values.add(v.asText()));
                } else {
                    values.add(e.getValue().asText());
                }
                keys.put(e.getKey(), values);
            });
        }
        String resourceAccount = c.has("resourceAccount") ? c.get("resourceAccount").asText()
                : group.has("resourceAccount") ? group.get("resourceAccount").asText() : null;
        return new AccessRequest(principal(who), c.path("action").asText(), c.path("resource").asText("*"),
                resourceAccount, keys);
    }

    static Principal principal(String who) {
        if (who.equals("anonymous")) {
            return Principal.anonymous();
        }
        if (who.startsWith("service:")) {
            return Principal.service(who.substring("service:".length()));
        }
        String account = Arn.parse(who).accountId();
        return who.endsWith(":root") ? Principal.account(account) : Principal.of(who, account);
    }

    private static List<PolicyDocument> policies(JsonNode node, PolicyDocument.Kind kind) {
        List<PolicyDocument> list = new ArrayList<>();
        node.forEach(p -> list.add(PolicyDocument.parse(p.toString(), kind)));
        return list;
    }

    private static PolicyDocument policy(JsonNode node, PolicyDocument.Kind kind) {
        return node == null || node.isNull() ? null : PolicyDocument.parse(node.toString(), kind);
    }
}
