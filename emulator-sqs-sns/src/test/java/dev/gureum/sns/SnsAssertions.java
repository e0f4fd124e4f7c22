package dev.gureum.sns;

import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.services.sns.model.SnsException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Asserting on the errors SNS clients see. */
final class SnsAssertions {

    private SnsAssertions() {
    }

    static void assertSnsError(ThrowableAssert.ThrowingCallable call, int status, String code, String message) {
        assertThatThrownBy(call).isInstanceOf(SnsException.class).satisfies(e -> {
            SnsException sns = (SnsException) e;
            org.assertj.core.api.Assertions.assertThat(sns.statusCode()).as("status").isEqualTo(status);
            org.assertj.core.api.Assertions.assertThat(sns.awsErrorDetails().errorCode()).as("code").isEqualTo(code);
            org.assertj.core.api.Assertions.assertThat(sns.awsErrorDetails().errorMessage()).as("message").isEqualTo(message);
        });
    }
}
