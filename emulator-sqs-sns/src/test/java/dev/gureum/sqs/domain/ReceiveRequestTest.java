package dev.gureum.sqs.domain;

import dev.gureum.sqs.domain.SqsException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQS's receive limits, as the domain enforces them. */
class ReceiveRequestTest {

    private static void refused(Runnable check, Reason reason) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(SqsException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void receivesTakeOneToTenMessagesWaitUpToTwentySecondsAndHideUpToTwelveHours() {
        assertThatCode(() -> {
            ReceiveRequest.checkMaxMessages(1);
            ReceiveRequest.checkMaxMessages(10);
            ReceiveRequest.checkWaitTime(20);
            ReceiveRequest.checkWaitTime(null);
            ReceiveRequest.checkVisibilityTimeout(43_200);
            ReceiveRequest.checkVisibilityTimeout(0);
        }).doesNotThrowAnyException();
        refused(() -> ReceiveRequest.checkMaxMessages(0), Reason.MAX_MESSAGES_OUT_OF_RANGE);
        refused(() -> ReceiveRequest.checkMaxMessages(11), Reason.MAX_MESSAGES_OUT_OF_RANGE);
        refused(() -> ReceiveRequest.checkWaitTime(21), Reason.WAIT_TIME_OUT_OF_RANGE);
        refused(() -> ReceiveRequest.checkVisibilityTimeout(43_201), Reason.VISIBILITY_TIMEOUT_OUT_OF_RANGE);
        refused(() -> ReceiveRequest.checkVisibilityTimeout(-1), Reason.VISIBILITY_TIMEOUT_OUT_OF_RANGE);
    }
}
