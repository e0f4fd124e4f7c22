package dev.gureum.sqs.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.sqs.domain.SqsException;
import dev.gureum.sqs.domain.SqsException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Domain refusals become SQS's own codes, statuses and messages. */
class SqsErrorsTest {

    private static AwsException aws(Reason reason, Object... details) {
        return SqsErrors.aws(new SqsException(reason, details));
    }

    @Test
    void sendRulesSpeakAsSqs() {
        AwsException delay = aws(Reason.DELAY_OUT_OF_RANGE, 901);
        assertThat(delay.error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
        assertThat(delay.status()).isEqualTo(400);
        assertThat(delay.getMessage()).isEqualTo("Value 901 for parameter DelaySeconds is invalid. "
                + "Reason: DelaySeconds must be >= 0 and <= 900.");
        assertThat(aws(Reason.DELAY_NOT_ALLOWED_ON_FIFO, 5).getMessage()).isEqualTo("Value 5 for parameter "
                + "DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.");
        assertThat(aws(Reason.DEDUPLICATION_ID_REQUIRED).getMessage()).isEqualTo("The queue should either have "
                + "ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        AwsException group = aws(Reason.GROUP_ID_REQUIRED);
        assertThat(group.error()).isEqualTo(SqsError.MISSING_PARAMETER);
        assertThat(group.getMessage()).isEqualTo("The request must contain the parameter MessageGroupId.");
        assertThat(aws(Reason.INVALID_ID_TOKEN, "MessageGroupId", "a b").getMessage()).isEqualTo("Value a b for "
                + "parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and "
                + "punctuation characters. 1 to 128 in length.");
        assertThat(aws(Reason.MESSAGE_TOO_LONG, 1024).getMessage()).isEqualTo("One or more parameters are invalid. "
                + "Reason: Message must be shorter than 1024 bytes.");
        AwsException batch = aws(Reason.BATCH_TOO_LONG, 1024, 2048);
        assertThat(batch.error()).isEqualTo(SqsError.BATCH_REQUEST_TOO_LONG);
        assertThat(batch.getMessage()).isEqualTo("Batch requests cannot be longer than 1024 bytes. You have sent "
                + "2048 bytes.");
        AwsException character = aws(Reason.INVALID_CHARACTER, "1");
        assertThat(character.error()).isEqualTo(SqsError.INVALID_MESSAGE_CONTENTS);
        assertThat(character.getMessage()).startsWith("Invalid binary character '#x1' was found in the message body");
        assertThat(aws(Reason.ATTRIBUTE_VALUE_MISSING, "message attribute", "k", "String").getMessage())
                .isEqualTo("The message attribute 'k' must contain a non-empty value of type 'String'.");
        assertThat(aws(Reason.TOO_MANY_MESSAGE_ATTRIBUTES, 11).getMessage())
                .isEqualTo("Number of message attributes [11] exceeds the allowed maximum [10].");
    }

    @Test
    void queueAndReceiptRefusalsKeepTheirCodesAndStatuses() {
        assertThat(aws(Reason.QUEUE_DOES_NOT_EXIST).error()).isEqualTo(SqsError.QUEUE_DOES_NOT_EXIST);
        AwsException purge = aws(Reason.PURGE_IN_PROGRESS, "q");
        assertThat(purge.status()).isEqualTo(403);
        assertThat(purge.getMessage()).isEqualTo("Only one PurgeQueue operation on q is allowed every 60 seconds.");
        AwsException handle = aws(Reason.RECEIPT_HANDLE_INVALID, "x");
        assertThat(handle.status()).isEqualTo(404);
        assertThat(handle.getMessage()).isEqualTo("The input receipt handle \"x\" is not a valid receipt handle.");
        assertThat(aws(Reason.MESSAGE_NOT_IN_FLIGHT).error()).isEqualTo(SqsError.MESSAGE_NOT_INFLIGHT);
        assertThat(aws(Reason.MAX_MESSAGES_OUT_OF_RANGE, 11).getMessage()).isEqualTo("Value 11 for parameter "
                + "MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
        assertThat(aws(Reason.UNKNOWN_QUEUE_ATTRIBUTE, "Nope").error()).isEqualTo(SqsError.INVALID_ATTRIBUTE_NAME);
        assertThat(aws(Reason.MOVE_TASK_NOT_FOUND).status()).isEqualTo(404);
        for (Reason reason : Reason.values()) {
            // every reason has a message, whatever details it carries
            assertThat(aws(reason, "a", "b", "c").getMessage()).isNotBlank();
        }
    }

    @Test
    void queueRulesSpeakAsSqs() {
        AwsException name = aws(Reason.INVALID_QUEUE_NAME, "false");
        assertThat(name.error()).isEqualTo(SqsError.INVALID_PARAMETER_VALUE);
        assertThat(name.getMessage()).isEqualTo("Can only include alphanumeric characters, hyphens, or underscores. "
                + "1 to 80 in length");
        assertThat(aws(Reason.INVALID_QUEUE_NAME, "true").getMessage()).isEqualTo("The name of a FIFO queue can only "
                + "include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 "
                + "in length.");
        assertThat(aws(Reason.QUEUE_NAME_EXISTS, "DelaySeconds").error()).isEqualTo(SqsError.QUEUE_NAME_EXISTS);
        assertThat(aws(Reason.QUEUE_DELETED_RECENTLY).error()).isEqualTo(SqsError.QUEUE_DELETED_RECENTLY);
        assertThat(aws(Reason.TOO_MANY_TAGS).getMessage()).isEqualTo("Too many tags added for queue.");
        assertThat(aws(Reason.TOO_MANY_TAGS, "q").getMessage()).isEqualTo("Too many tags added for queue q.");
        AwsException missing = aws(Reason.PARAMETER_MISSING, "Tags");
        assertThat(missing.error()).isEqualTo(SqsError.MISSING_PARAMETER);
        assertThat(missing.getMessage()).isEqualTo("The request must contain the parameter Tags.");
        assertThat(aws(Reason.PERMISSION_LABEL_INVALID, "a b").getMessage()).isEqualTo("Value a b for parameter Label "
                + "is invalid. Reason: Must be shorter than 80 characters and contain only alphanumeric characters, "
                + "hyphens and underscores.");
        AwsException count = aws(Reason.MAX_RECEIVE_COUNT_OUT_OF_RANGE, 0);
        assertThat(count.error()).isEqualTo(SqsError.INVALID_ATTRIBUTE_VALUE);
        assertThat(count.getMessage()).isEqualTo("Invalid value for the parameter RedrivePolicy. Reason: Value 0 for "
                + "parameter maxReceiveCount is invalid. Reason: Invalid value for maxReceiveCount: 0, valid values "
                + "are from 1 to 1000 both inclusive.");
        assertThat(aws(Reason.DEAD_LETTER_TARGET_NOT_FOUND).getMessage()).isEqualTo("Invalid value for the parameter "
                + "RedrivePolicy. Reason: Dead letter target does not exist.");
        assertThat(aws(Reason.REDRIVE_POLICY_MEMBER_MISSING, "maxReceiveCount").getMessage()).isEqualTo("Invalid "
                + "value for the parameter RedrivePolicy. Reason: Redrive policy does not contain mandatory "
                + "attribute: maxReceiveCount.");
    }
}
