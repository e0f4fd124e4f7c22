package dev.gureum.core.spi;

import dev.gureum.core.auth.Principal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTest {

    @Test
    void s3AndSnsNeedTheTargetsPolicyInTheirOwnAccount() {
        assertThat(Caller.service("s3.amazonaws.com", "arn:aws:s3:::b", "111122223333").needsPolicyInOwnAccount())
                .isTrue();
        assertThat(Caller.service("sns.amazonaws.com", "arn:aws:sns:us-east-1:111122223333:t", "111122223333")
                .needsPolicyInOwnAccount()).isTrue();
        assertThat(Caller.service("cloudwatch.amazonaws.com", null, "111122223333").needsPolicyInOwnAccount()).isFalse();
        assertThat(new Caller(Principal.account("111122223333"), null, "111122223333").needsPolicyInOwnAccount())
                .isFalse();
    }
}
