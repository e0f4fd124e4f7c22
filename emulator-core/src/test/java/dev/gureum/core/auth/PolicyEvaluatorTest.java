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

    @Test
    void withoutIdentityPoliciesAnAccountMayDoAllButWhatItsResourcePolicyDenies() {
        PolicyDocument policy = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"ListOnly","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:ListBucket",
                  "Resource":"arn:aws:s3:::b"},
                 {"Sid":"NoDeletes","Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket","Resource":"*"}]}""");
        assertThat(policy.hasDeny()).isTrue();
        AccessRequest owner = AccessRequest.of(Principal.of("arn:aws:iam::111122223333:user/Bob", "111122223333"),
                "s3:PutObject", "arn:aws:s3:::b/k").inAccount("111122223333");
        assertThat(PolicyEvaluator.evaluateResourcePolicy(owner, policy).allowed()).isTrue();
        assertThat(PolicyEvaluator.evaluateResourcePolicy(owner, null).allowed()).isTrue();
        AccessDecision delete = PolicyEvaluator.evaluateResourcePolicy(new AccessRequest(owner.principal(),
                "s3:DeleteBucket", "arn:aws:s3:::b", "111122223333", Map.of()), policy);
        assertThat(delete.explicitDeny()).isTrue();
        assertThat(delete.matched()).extracting(AccessDecision.MatchedStatement::sid).containsExactly("NoDeletes");

        AccessRequest other = AccessRequest.of(Principal.account("444455556666"), "s3:ListBucket", "arn:aws:s3:::b")
                .inAccount("111122223333");
        AccessDecision list = PolicyEvaluator.evaluateResourcePolicy(other, policy);
        assertThat(list.allowed()).isTrue();
        assertThat(list.matched()).extracting(AccessDecision.MatchedStatement::type)
                .containsExactly(AccessDecision.PolicyType.RESOURCE);
        AccessDecision put = PolicyEvaluator.evaluateResourcePolicy(new AccessRequest(other.principal(), "s3:PutObject",
                "arn:aws:s3:::b/k", "111122223333", Map.of()), policy);
        assertThat(put.reason()).isEqualTo(AccessDecision.Reason.NO_RESOURCE_ALLOW);
        assertThat(PolicyEvaluator.evaluateResourcePolicy(other, null).allowed()).isFalse();
    }

    @Test
    void aRequestKnowsItsPrincipalsKeys() {
        AccessRequest user = AccessRequest.of(Principal.of("arn:aws:iam::111122223333:user/division/Bob",
                "111122223333"), "s3:GetObject", "*");
        assertThat(user.key("aws:username")).isEqualTo("Bob");
        assertThat(user.key("AWS:PrincipalType")).isEqualTo("User");
        assertThat(user.key("aws:PrincipalAccount")).isEqualTo("111122223333");
        assertThat(user.key("aws:PrincipalArn")).isEqualTo("arn:aws:iam::111122223333:user/division/Bob");
        AccessRequest tagged = user.withRequestTags(Map.of("team", "blue")).at(java.time.Instant.ofEpochSecond(60));
        assertThat(tagged.keys().get("aws:tagkeys")).containsExactly("team");
        assertThat(tagged.key("aws:RequestTag/team")).isEqualTo("blue");
        assertThat(tagged.key("aws:CurrentTime")).isEqualTo("1970-01-01T00:01:00Z");
        assertThat(tagged.key("aws:EpochTime")).isEqualTo("60");
        assertThat(AccessRequest.of(Principal.anonymous(), "s3:GetObject", "*").key("aws:PrincipalArn")).isNull();
        assertThat(AccessRequest.of(Principal.account("111122223333"), "s3:GetObject", "*").key("aws:PrincipalType"))
                .isEqualTo("Account");
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
