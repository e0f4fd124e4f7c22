package dev.gureum.core.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which bucket policies S3's Block Public Access counts as public (AWS's "The meaning of public"). */
class PublicPoliciesTest {

    private static String policy(String effect, String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":" + principal
                + ",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""
                + (condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "Allow | \"*\"                                        |                                                   | true",
            "Allow | {\"AWS\":\"*\"}                              |                                                   | true",
            "Deny  | \"*\"                                        |                                                   | false",
            "Allow | {\"AWS\":\"arn:aws:iam::111122223333:root\"} |                                                   | false",
            "Allow | {\"Service\":\"logging.s3.amazonaws.com\"}   |                                                   | false",
            "Allow | \"*\" | {\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/32\"}}                                  | false",
            "Allow | \"*\" | {\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}                                    | true",
            "Allow | \"*\" | {\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}                        | false",
            "Allow | \"*\" | {\"StringLike\":{\"aws:SourceArn\":\"arn:aws:s3:::*\"}}                             | true",
            "Allow | \"*\" | {\"StringNotEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}                 | true",
            "Allow | \"*\" | {\"StringLike\":{\"aws:Referer\":\"http://www.example.com/*\"}}                     | true",
            "Allow | \"*\" | {\"StringEqualsIfExists\":{\"aws:PrincipalOrgID\":\"o-123\"}}                      | true",
            "Allow | \"*\" | {\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-123\"}}                              | false",
    })
    void publicOrNot(String effect, String principal, String condition, boolean expected) {
        assertThat(PolicyDocument.parse(policy(effect, principal.strip(), condition == null ? "" : condition.strip()))
                .isPublic()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aNotPrincipalAllowIsPublic() {
        assertThat(PolicyDocument.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::b/*\"}]}").isPublic()).isTrue();
    }
}
