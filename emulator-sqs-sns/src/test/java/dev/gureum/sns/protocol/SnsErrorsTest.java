package dev.gureum.sns.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.sns.domain.SnsException;
import dev.gureum.sns.domain.SnsException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Domain refusals become SNS's own codes and messages, said where AWS says the attribute was given. */
class SnsErrorsTest {

    private static AwsException aws(String where, Reason reason, Object... details) {
        return SnsErrors.aws(new SnsException(reason, details), where);
    }

    @Test
    void attributeRefusalsSayWhereTheAttributeWasGiven() {
        assertThat(aws("", Reason.UNKNOWN_ATTRIBUTE, "Nope").getMessage()).isEqualTo("Invalid parameter: AttributeName");
        assertThat(aws(SnsErrors.IN_ATTRIBUTES, Reason.UNKNOWN_ATTRIBUTE, "Nope").getMessage())
                .isEqualTo("Invalid parameter: Attributes Reason: Invalid attribute name: Nope");
        assertThat(aws(SnsErrors.IN_ATTRIBUTES, Reason.NOT_A_BOOLEAN, "RawMessageDelivery", "1").getMessage())
                .isEqualTo("Invalid parameter: Attributes Reason: RawMessageDelivery: Invalid value [1]. Must be true "
                        + "or false.");
        assertThat(aws("", Reason.DOCUMENT_NOT_AN_OBJECT, "DeliveryPolicy").getMessage())
                .isEqualTo("Invalid parameter: DeliveryPolicy: Delivery policy must be a JSON object");
        assertThat(aws("", Reason.DOCUMENT_NOT_AN_OBJECT, "Policy").getMessage())
                .isEqualTo("Invalid parameter: Policy: Policy must be a JSON object");
        assertThat(aws("", Reason.DELIVERY_POLICY_VALUE_OUT_OF_RANGE, "numRetries", 0, 100).getMessage())
                .isEqualTo("Invalid parameter: DeliveryPolicy: numRetries must be an integer between 0 and 100");
        assertThat(aws(SnsErrors.IN_ATTRIBUTES, Reason.DEAD_LETTER_TARGET_INVALID).getMessage())
                .isEqualTo("Invalid parameter: Attributes Reason: RedrivePolicy: deadLetterTargetArn is an invalid arn");
    }

    @Test
    void otherRefusalsKeepTheirCodesAndMessages() {
        assertThat(aws(SnsErrors.IN_ATTRIBUTES, Reason.INVALID_TOPIC_NAME, true).getMessage())
                .isEqualTo("Invalid parameter: Topic Name");
        AwsException tags = aws("", Reason.TOO_MANY_TAGS);
        assertThat(tags.error()).isEqualTo(SnsError.TAG_LIMIT_EXCEEDED);
        assertThat(tags.getMessage()).isEqualTo("Could not complete request: tag quota of per resource exceeded");
        assertThat(aws("", Reason.FILTER_POLICY_LIMIT_EXCEEDED).error()).isEqualTo(SnsError.FILTER_POLICY_LIMIT_EXCEEDED);
        assertThat(aws("", Reason.INVALID_ENDPOINT, "sms", "+1--2").getMessage()).isEqualTo("Invalid SMS endpoint: +1--2");
        assertThat(aws("", Reason.INVALID_ENDPOINT, "sqs", "x").getMessage()).isEqualTo("Invalid parameter: SQS endpoint ARN");
        assertThat(aws("", Reason.UNSUPPORTED_PROTOCOL, "pigeon").getMessage())
                .isEqualTo("Invalid parameter: Amazon SNS does not support this protocol string: pigeon");
        assertThat(aws("", Reason.PERMISSION_PARAMETER_MISSING, "ActionName").getMessage())
                .isEqualTo("Invalid parameter: ActionName Reason: no value for required parameter");
        for (Reason reason : Reason.values()) {
            // every reason has a message, whatever details it carries
            assertThat(aws("", reason, "a", "b", "c").getMessage()).isNotBlank();
            assertThat(aws("", reason, "a", "b", "c").error().code()).isNotBlank();
        }
    }
}
