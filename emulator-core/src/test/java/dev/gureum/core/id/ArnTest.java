package dev.gureum.core.id;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArnTest {

    @Test
    void parsesAnSqsQueueArn() {
        Arn arn = Arn.parse("arn:aws:sqs:us-east-1:123456789012:MyQueue.fifo");

        assertThat(arn).isEqualTo(new Arn("aws", "sqs", "us-east-1", "123456789012", "MyQueue.fifo"));
    }

    @Test
    void theResourceKeepsItsColonsAndSlashes() {
        assertThat(Arn.parse("arn:aws:sns:us-east-2:123456789012:My-Topic:a1b2c3d4-5678-90ab-cdef-EXAMPLE11111").resource())
                .isEqualTo("My-Topic:a1b2c3d4-5678-90ab-cdef-EXAMPLE11111");
        assertThat(Arn.parse("arn:aws:lambda:us-west-2:123456789012:function:my-function:1").resource())
                .isEqualTo("function:my-function:1");
        assertThat(Arn.parse("arn:aws:iam::123456789012:role/service-role/my-role").resource())
                .isEqualTo("role/service-role/my-role");
    }

    @Test
    void globalServicesHaveEmptyRegionAndAccount() {
        Arn arn = Arn.parse("arn:aws:s3:::examplebucket/photos/2006/January/sample.jpg");

        assertThat(arn.region()).isEmpty();
        assertThat(arn.accountId()).isEmpty();
        assertThat(arn.resource()).isEqualTo("examplebucket/photos/2006/January/sample.jpg");
        assertThat(Arn.parse("arn:aws:iam::123456789012:root").region()).isEmpty();
    }

    @Test
    void otherPartitions() {
        assertThat(Arn.parse("arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-1234567890abcdef0").partition())
                .isEqualTo("aws-cn");
        assertThat(Arn.parse("arn:aws-us-gov:sqs:us-gov-west-1:123456789012:q").partition()).isEqualTo("aws-us-gov");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "arn:aws:sqs:us-east-1:123456789012:MyQueue",
            "arn:aws:s3:::bucket",
            "arn:aws:iam::123456789012:user/Alice",
            "arn:aws:sns:us-east-2:123456789012:My-Topic:sub-id",
            "arn:aws:ec2:us-east-1:123456789012:instance/i-1234567890abcdef0",
    })
    void formatsBackToTheSameText(String text) {
        assertThat(Arn.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "MyQueue",
            "arn:aws:sqs:us-east-1:123456789012",
            "arn:aws:sqs",
            "ARN:aws:sqs:us-east-1:123456789012:q",
            "urn:aws:sqs:us-east-1:123456789012:q",
            "arn::sqs:us-east-1:123456789012:q",
            "arn:aws::us-east-1:123456789012:q",
            "https://sqs.us-east-1.amazonaws.com/123456789012/q",
    })
    void refusesTextThatIsNotAnArn(String text) {
        assertThatThrownBy(() -> Arn.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Arn.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofPicksThePartitionOfTheRegion() {
        assertThat(Arn.of("sqs", "us-east-1", "123456789012", "q").toString())
                .isEqualTo("arn:aws:sqs:us-east-1:123456789012:q");
        assertThat(Arn.of("sqs", "cn-northwest-1", "123456789012", "q").toString())
                .isEqualTo("arn:aws-cn:sqs:cn-northwest-1:123456789012:q");
        assertThat(Arn.of("sns", "us-gov-east-1", "123456789012", "t").toString())
                .isEqualTo("arn:aws-us-gov:sns:us-gov-east-1:123456789012:t");
        assertThat(Arn.of("s3", null, null, "bucket").toString()).isEqualTo("arn:aws:s3:::bucket");
    }

    @Test
    void partitionOf() {
        assertThat(Arn.partitionOf("eu-west-1")).isEqualTo("aws");
        assertThat(Arn.partitionOf("cn-north-1")).isEqualTo("aws-cn");
        assertThat(Arn.partitionOf("us-gov-west-1")).isEqualTo("aws-us-gov");
        assertThat(Arn.partitionOf(null)).isEqualTo("aws");
        assertThat(Arn.partitionOf("")).isEqualTo("aws");
    }

    @Test
    void requiredPartsMayNotBeNull() {
        assertThatThrownBy(() -> new Arn(null, "sqs", "r", "a", "q")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Arn("aws", null, "r", "a", "q")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Arn("aws", "sqs", "r", "a", null)).isInstanceOf(NullPointerException.class);
    }
}
