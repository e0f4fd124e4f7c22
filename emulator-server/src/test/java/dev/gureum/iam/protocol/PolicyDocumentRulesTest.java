package dev.gureum.iam.protocol;

import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.error.AwsException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyDocumentRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}|IDENTITY",
            "{\"Statement\":{\"Effect\":\"Deny\",\"NotAction\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::b\"}}|IDENTITY",
            "{\"Version\":\"2008-10-17\",\"Id\":\"x\",\"Statement\":[{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\"],\"Resource\":[\"*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}]}|IDENTITY",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}|TRUST",
    })
    void wellFormedDocumentsPass(String document, PolicyDocument.Kind kind) {
        assertThatCode(() -> PolicyDocumentRules.check(document, kind)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json|IDENTITY|This policy contains invalid Json",
            "[1,2]|IDENTITY|Syntax errors in policy.",
            "null|IDENTITY|Syntax errors in policy.",
            "{\"Version\":\"2012-10-17\"}|IDENTITY|Syntax errors in policy.",
            "{\"Version\":\"2012-10-17\",\"Statement\":[]}|IDENTITY|Syntax errors in policy.",
            "{\"Version\":\"2012-10-17\",\"Bogus\":1,\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}|IDENTITY|Syntax errors in policy.",
            "{\"Version\":\"2020-01-01\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}|IDENTITY|The policy failed legacy parsing",
            "{\"Statement\":{\"Action\":\"*\",\"Resource\":\"*\"}}|IDENTITY|Missing required field Effect",
            "{\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}}|IDENTITY|Invalid effect: Maybe",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}|IDENTITY|Policy statement must contain actions.",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\"}}|IDENTITY|Policy statement must contain resources.",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}|IDENTITY|Policy document should not specify a principal.",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}}|TRUST|Missing required field Principal",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\"}}|TRUST|Missing required field Action",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\"}}|IDENTITY|Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"bucket\"}}|IDENTITY|Resource bucket must be in ARN format or \"*\".",
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}}|TRUST|Has prohibited field Resource",
    })
    void malformedDocumentsAreRefusedWithAwsMessages(String document, PolicyDocument.Kind kind, String message) {
        assertThatThrownBy(() -> PolicyDocumentRules.check(document, kind)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.error().code()).isEqualTo("MalformedPolicyDocument");
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\": 1}|%7B%22a%22%3A%201%7D",
            "s3:Get*|s3%3AGet%2A",
            "héllo~_.-|h%C3%A9llo~_.-",
    })
    void documentsAreUrlEncodedAsIamAnswersThem(String text, String encoded) {
        assertThat(IamShapes.encoded(text)).isEqualTo(encoded);
    }
}
