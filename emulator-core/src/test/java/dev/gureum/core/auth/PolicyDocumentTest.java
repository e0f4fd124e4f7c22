package dev.gureum.core.auth;

import dev.gureum.core.auth.PolicyDocument.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyDocumentTest {

    private static final String FUNCTION = "arn:aws:lambda:us-east-1:222222222222:function:f";
    private static final Principal OTHER = Principal.account("111111111111");

    private static PolicyDocument policy(String statement) {
        return PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}");
    }

    private static String allow(String principal, String action, String resource) {
        return "{\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}";
    }

    @ParameterizedTest(name = "Principal {0} names 111111111111: {1}")
    @CsvSource(delimiter = '|', value = {
            "\"*\"                                             | true",
            "{\"AWS\":\"*\"}                                   | true",
            "{\"AWS\":\"111111111111\"}                        | true",
            "{\"AWS\":\"arn:aws:iam::111111111111:root\"}      | true",
            "{\"AWS\":[\"333333333333\",\"111111111111\"]}     | true",
            "{\"AWS\":\"222222222222\"}                        | false",
            "{\"AWS\":\"arn:aws:iam::111111111111:role/r\"}    | false",
            "{\"AWS\":\"arn:aws-cn:iam::111111111111:root\"}   | true",
            "{\"AWS\":\"arn:aws:iam::222222222222:root\"}      | false",
            "{\"AWS\":\"arn:aws:iam:us-east-1:111111111111:root\"} | false",
            "{\"AWS\":\"arn:aws:sts::111111111111:root\"}      | false",
            "{\"AWS\":\"arn:other:iam::111111111111:root\"}    | false",
            "{\"AWS\":\"not-an-arn\"}                          | false",
            "{\"Service\":\"s3.amazonaws.com\"}                | false"})
    void principalsNameAccountsRolesAndEveryone(String principal, boolean matches) {
        PolicyDocument p = policy(allow(principal, "lambda:InvokeFunction", FUNCTION));
        assertThat(p.evaluate(OTHER, "lambda:InvokeFunction", FUNCTION, Map.of()))
                .isEqualTo(matches ? Decision.ALLOW : Decision.NOT_APPLICABLE);
    }

    @Test
    void aRoleArnNamesItsAssumedRoleSessions() {
        PolicyDocument p = policy(allow("{\"AWS\":\"arn:aws:iam::111111111111:role/path/deployer\"}", "s3:*", "*"));
        Principal session = Principal.of("arn:aws:sts::111111111111:assumed-role/deployer/ci-run", "111111111111");
        Principal otherRole = Principal.of("arn:aws:sts::111111111111:assumed-role/reader/ci-run", "111111111111");
        assertThat(p.allows(session, "s3:GetObject", "arn:aws:s3:::b/k", Map.of())).isTrue();
        assertThat(p.allows(otherRole, "s3:GetObject", "arn:aws:s3:::b/k", Map.of())).isFalse();
    }

    @ParameterizedTest(name = "{0} is a session of role/path/deployer: {1}")
    @CsvSource(delimiter = '|', value = {
            "arn:aws:sts::111111111111:assumed-role/deployer/ci/run   | true",
            "arn:aws:sts::222222222222:assumed-role/deployer/ci-run   | false",
            "arn:aws:sts::111111111111:assumed-role/deployer/         | false",
            "arn:aws:sts::111111111111:assumed-role/deployer          | false",
            "arn:aws:sts::111111111111:federated-user/deployer        | false",
            "arn:aws:iam::111111111111:assumed-role/deployer/ci-run   | false",
            "arn:aws:sts:us-east-1:111111111111:assumed-role/deployer/x | false"})
    void aRoleArnNamesOnlyTheSessionsOfThatRole(String sessionArn, boolean named) {
        PolicyDocument p = policy(allow("{\"AWS\":\"arn:aws:iam::111111111111:role/path/deployer\"}", "s3:*", "*"));
        Principal session = Principal.of(sessionArn, "111111111111");
        assertThat(p.allows(session, "s3:GetObject", "arn:aws:s3:::b/k", Map.of())).isEqualTo(named);
    }

    @Test
    void anonymousCallersAreNamedOnlyByEveryone() {
        assertThat(policy(allow("\"*\"", "s3:GetObject", "arn:aws:s3:::b/*"))
                .allows(Principal.anonymous(), "s3:GetObject", "arn:aws:s3:::b/k", Map.of())).isTrue();
        assertThat(policy(allow("{\"AWS\":\"111111111111\"}", "s3:GetObject", "arn:aws:s3:::b/*"))
                .allows(Principal.anonymous(), "s3:GetObject", "arn:aws:s3:::b/k", Map.of())).isFalse();
    }

    @Test
    void servicePrincipalsWithSourceConditions() {
        PolicyDocument p = policy("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},"
                + "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + FUNCTION + "\",\"Condition\":{"
                + "\"StringEquals\":{\"AWS:SourceAccount\":\"222222222222\"},"
                + "\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::uploads-*\"}}}");
        Principal s3 = Principal.service("s3.amazonaws.com");
        assertThat(p.allows(s3, "lambda:InvokeFunction", FUNCTION,
                Map.of("aws:SourceArn", "arn:aws:s3:::uploads-1", "aws:SourceAccount", "222222222222"))).isTrue();
        assertThat(p.allows(s3, "lambda:InvokeFunction", FUNCTION,
                Map.of("aws:SourceArn", "arn:aws:s3:::other", "aws:SourceAccount", "222222222222"))).isFalse();
        assertThat(p.allows(s3, "lambda:InvokeFunction", FUNCTION, Map.of("aws:SourceArn", "arn:aws:s3:::uploads-1")))
                .as("a condition on a key the request lacks does not hold").isFalse();
        assertThat(p.allows(Principal.service("sns.amazonaws.com"), "lambda:InvokeFunction", FUNCTION,
                Map.of("aws:SourceArn", "arn:aws:s3:::uploads-1", "aws:SourceAccount", "222222222222"))).isFalse();
    }

    @Test
    void actionsMatchWithoutCaseAndWithWildcards() {
        PolicyDocument p = policy(allow("\"*\"", "lambda:Get*", FUNCTION));
        assertThat(p.allows(OTHER, "lambda:GetFunction", FUNCTION, Map.of())).isTrue();
        assertThat(p.allows(OTHER, "LAMBDA:getfunctionconfiguration", FUNCTION, Map.of())).isTrue();
        assertThat(p.allows(OTHER, "lambda:InvokeFunction", FUNCTION, Map.of())).isFalse();
        assertThat(policy(allow("\"*\"", "sqs:Send?essage", "*")).allows(OTHER, "sqs:SendMessage", "x", Map.of())).isTrue();
    }

    @Test
    void resourcesMatchWithCaseAndWildcards() {
        PolicyDocument p = policy(allow("\"*\"", "s3:GetObject", "arn:aws:s3:::bucket/public/*"));
        assertThat(p.allows(OTHER, "s3:GetObject", "arn:aws:s3:::bucket/public/a/b.txt", Map.of())).isTrue();
        assertThat(p.allows(OTHER, "s3:GetObject", "arn:aws:s3:::bucket/Public/a.txt", Map.of())).isFalse();
        assertThat(p.allows(OTHER, "s3:GetObject", "arn:aws:s3:::bucket/private/a.txt", Map.of())).isFalse();
    }

    @Test
    void anExplicitDenyWinsOverAnyAllow() {
        PolicyDocument p = policy(allow("\"*\"", "s3:*", "arn:aws:s3:::b/*") + ","
                + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::b/*\"}");
        assertThat(p.evaluate(OTHER, "s3:GetObject", "arn:aws:s3:::b/k", Map.of())).isEqualTo(Decision.ALLOW);
        assertThat(p.evaluate(OTHER, "s3:DeleteObject", "arn:aws:s3:::b/k", Map.of())).isEqualTo(Decision.DENY);
    }

    @Test
    void notElementsInvertTheirMatch() {
        PolicyDocument p = policy("{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"222222222222\"},"
                + "\"NotAction\":\"s3:Get*\",\"NotResource\":\"arn:aws:s3:::b/open/*\"}");
        assertThat(p.evaluate(OTHER, "s3:PutObject", "arn:aws:s3:::b/k", Map.of())).isEqualTo(Decision.DENY);
        assertThat(p.evaluate(OTHER, "s3:GetObject", "arn:aws:s3:::b/k", Map.of())).isEqualTo(Decision.NOT_APPLICABLE);
        assertThat(p.evaluate(OTHER, "s3:PutObject", "arn:aws:s3:::b/open/k", Map.of())).isEqualTo(Decision.NOT_APPLICABLE);
        assertThat(p.evaluate(Principal.account("222222222222"), "s3:PutObject", "arn:aws:s3:::b/k", Map.of()))
                .isEqualTo(Decision.NOT_APPLICABLE);
    }

    @ParameterizedTest(name = "{0} {1} {2} with {3} -> {4}")
    @CsvSource(delimiter = '|', value = {
            "StringEquals                | aws:SourceAccount | \"1\"                  | 1                    | true",
            "StringEquals                | aws:SourceAccount | \"1\"                  | 2                    | false",
            "StringNotEquals             | aws:SourceAccount | [\"1\",\"2\"]          | 3                    | true",
            "StringNotEquals             | aws:SourceAccount | [\"1\",\"2\"]          | 2                    | false",
            "StringNotEquals             | aws:SourceAccount | \"1\"                  |                      | true",
            "StringEqualsIgnoreCase      | aws:SourceAccount | \"ABC\"                | abc                  | true",
            "StringLike                  | s3:prefix         | \"home/*\"             | home/me              | true",
            "StringNotLike               | s3:prefix         | \"home/*\"             | home/me              | false",
            "StringEqualsIfExists        | aws:SourceAccount | \"1\"                  |                      | true",
            "StringEqualsIfExists        | aws:SourceAccount | \"1\"                  | 2                    | false",
            "Bool                        | aws:SecureTransport | \"false\"            | false                | true",
            "Bool                        | aws:SecureTransport | \"true\"             | false                | false",
            "NumericLessThan             | s3:max-keys       | \"10\"                 | 9                    | true",
            "NumericLessThan             | s3:max-keys       | \"10\"                 | 10                   | false",
            "NumericGreaterThanEquals    | s3:max-keys       | \"10\"                 | 10                   | true",
            "NumericGreaterThan          | s3:max-keys       | \"10\"                 | ten                  | false",
            "DateLessThan                | aws:CurrentTime   | \"2030-01-01T00:00:00Z\" | 2029-12-31T23:59:59Z | true",
            "DateGreaterThan             | aws:CurrentTime   | \"2030-01-01T00:00:00Z\" | 2029-12-31T23:59:59Z | false",
            "DateEquals                  | aws:EpochTime     | \"1700000000\"         | 2023-11-14T22:13:20Z | true",
            "IpAddress                   | aws:SourceIp      | \"10.0.0.0/8\"         | 10.1.2.3             | true",
            "IpAddress                   | aws:SourceIp      | \"10.0.0.0/8\"         | 11.1.2.3             | false",
            "NotIpAddress                | aws:SourceIp      | \"10.0.0.0/8\"         | 11.1.2.3             | true",
            "IpAddress                   | aws:SourceIp      | \"2001:db8::/32\"      | 2001:db8::1          | true",
            "ArnEquals                   | aws:SourceArn     | \"arn:aws:sns:*:1:t\"  | arn:aws:sns:us-east-1:1:t | true",
            "ArnNotLike                  | aws:SourceArn     | \"arn:aws:sns:*:1:t\"  | arn:aws:sns:us-east-1:1:t | false",
            "Null                        | aws:SourceArn     | \"true\"               |                      | true",
            "Null                        | aws:SourceArn     | \"false\"              |                      | false",
            "ForAllValues:StringEquals   | aws:TagKeys       | [\"a\",\"b\"]          |                      | true",
            "ForAnyValue:StringEquals    | aws:TagKeys       | [\"a\",\"b\"]          |                      | false",
            "ForAnyValue:StringEquals    | aws:TagKeys       | [\"a\",\"b\"]          | b                    | true"})
    void conditionOperators(String operator, String key, String values, String requestValue, boolean holds) {
        PolicyDocument p = policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"" + operator + "\":{\"" + key + "\":" + values + "}}}");
        Map<String, String> context = requestValue == null ? Map.of() : Map.of(key.toUpperCase(), requestValue);
        assertThat(p.allows(OTHER, "s3:GetObject", "arn:aws:s3:::b/k", context)).isEqualTo(holds);
    }

    @Test
    void identityPoliciesWithoutPrincipalApplyToTheCaller() {
        PolicyDocument p = PolicyDocument.parse("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"sqs:*\"],"
                + "\"Resource\":\"*\"}}");
        assertThat(p.allows(OTHER, "sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:1:q", Map.of())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json                                                      | not valid JSON",
            "[]                                                            | JSON object",
            "{}                                                            | Statement",
            "{\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"*\"}]}     | Effect",
            "{\"Statement\":[{\"Effect\":\"Allow\"}]}                      | Action",
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Principal\":\"me\"}]} | principal",
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Condition\":{\"Sometimes\":{\"a\":\"b\"}}}]} | Condition type"})
    void malformedPoliciesSayWhatIsWrong(String json, String message) {
        assertThatThrownBy(() -> PolicyDocument.parse(json))
                .isInstanceOf(PolicyDocument.MalformedPolicyException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aStoredPolicyTextAllowsOnlyWhenItParsesAndAStatementAllows() {
        String text = "{\"Statement\":[" + allow("{\"AWS\":\"111111111111\"}", "lambda:InvokeFunction", FUNCTION) + "]}";
        assertThat(PolicyDocument.allowedBy(text, OTHER, "lambda:InvokeFunction", FUNCTION, Map.of())).isTrue();
        assertThat(PolicyDocument.allowedBy(text, OTHER, "lambda:GetFunction", FUNCTION, Map.of())).isFalse();
        assertThat(PolicyDocument.allowedBy(null, OTHER, "lambda:InvokeFunction", FUNCTION, Map.of())).isFalse();
        assertThat(PolicyDocument.allowedBy("", OTHER, "lambda:InvokeFunction", FUNCTION, Map.of())).isFalse();
        assertThat(PolicyDocument.allowedBy("{\"Statement\":", OTHER, "lambda:InvokeFunction", FUNCTION, Map.of()))
                .isFalse();
    }

    @Test
    void statementsAreLocatedInThePolicysText() {
        String text = "{\"Version\": \"2012-10-17\",\n \"Statement\": [\n  {\"Effect\": \"Allow\", \"Action\": \"*\", "
                + "\"Resource\": \"*\"},\n  {\"Effect\": \"Deny\",\n   \"Action\": \"s3:*\", \"Resource\": \"*\"}]}";
        assertThat(PolicyDocument.statementSpans(text)).containsExactly(
                new PolicyDocument.Span(new PolicyDocument.Position(3, 3), new PolicyDocument.Position(3, 54)),
                new PolicyDocument.Span(new PolicyDocument.Position(4, 3), new PolicyDocument.Position(5, 38)));
        assertThat(PolicyDocument.statementSpans("{\"Statement\":{\"Effect\":\"Allow\"}}")).containsExactly(
                new PolicyDocument.Span(new PolicyDocument.Position(1, 14), new PolicyDocument.Position(1, 32)));
        assertThat(PolicyDocument.statementSpans("[1]")).isEmpty();
    }

    @Test
    void missingContextKeysAreThoseOfStatementsAboutTheRequest() {
        PolicyDocument policy = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{
                   "IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"Null":{"s3:x-amz-acl":"true"},
                   "StringEquals":{"aws:username":"bob"}}},
                 {"Effect":"Allow","Action":"sqs:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""");
        AccessRequest get = AccessRequest.of(Principal.of("arn:aws:iam::111122223333:user/bob", "111122223333"),
                "s3:GetObject", "arn:aws:s3:::b/k");
        assertThat(policy.missingContextKeys(get)).containsExactly("aws:SourceIp");
        assertThat(policy.missingContextKeys(get.with("aws:sourceip", "10.1.1.1"))).isEmpty();
    }
}
