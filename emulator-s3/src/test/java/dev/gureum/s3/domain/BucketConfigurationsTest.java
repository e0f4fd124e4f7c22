package dev.gureum.s3.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BucketConfigurationsTest {

    private final Bucket bucket = new Bucket("b", "000000000000", "us-east-1", Instant.EPOCH);

    private static BucketRefusal refusal(Runnable check) {
        BucketRefusal refusal = catchThrowableOfType(BucketRefusal.class, check::run);
        assertThat(refusal).isNotNull();
        return refusal;
    }

    @Test
    void corsRules() {
        BucketConfigurations.CorsRule get = new BucketConfigurations.CorsRule(List.of("*"), List.of("GET", "HEAD"));
        assertThatCode(() -> BucketConfigurations.checkCors(bucket, List.of(get))).doesNotThrowAnyException();
        assertThat(refusal(() -> BucketConfigurations.checkCors(bucket, List.of())).reason())
                .isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
        assertThat(refusal(() -> BucketConfigurations.checkCors(bucket, Collections.nCopies(101, get))).reason())
                .isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
        assertThat(refusal(() -> BucketConfigurations.checkCors(bucket,
                List.of(new BucketConfigurations.CorsRule(List.of(), List.of("GET"))))).reason())
                .isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
        BucketRefusal patch = refusal(() -> BucketConfigurations.checkCors(bucket,
                List.of(new BucketConfigurations.CorsRule(List.of("*"), List.of("PATCH")))));
        assertThat(patch.reason()).isEqualTo(BucketRefusal.Reason.UNSUPPORTED_CORS_METHOD);
        assertThat(patch.value()).isEqualTo("PATCH");
    }

    @Test
    void encryptionRules() {
        assertThatCode(() -> BucketConfigurations.checkEncryption(bucket, Arrays.asList("aws:kms", null)))
                .doesNotThrowAnyException();
        assertThat(refusal(() -> BucketConfigurations.checkEncryption(bucket, List.of())).reason())
                .isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
        assertThat(refusal(() -> BucketConfigurations.checkEncryption(bucket, List.of("ROT13"))).reason())
                .isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
    }

    @Test
    void lifecycleRules() {
        assertThatCode(() -> BucketConfigurations.checkLifecycle(bucket,
                List.of(new BucketConfigurations.LifecycleRule(null, "Enabled")))).doesNotThrowAnyException();
        assertThat(refusal(() -> BucketConfigurations.checkLifecycle(bucket,
                List.of(new BucketConfigurations.LifecycleRule("x", "On")))).reason())
                .isEqualTo(BucketRefusal.Reason.MALFORMED_CONFIGURATION);
        assertThat(refusal(() -> BucketConfigurations.checkLifecycle(bucket,
                List.of(new BucketConfigurations.LifecycleRule("x".repeat(256), "Disabled")))).reason())
                .isEqualTo(BucketRefusal.Reason.RULE_ID_TOO_LONG);
    }

    @Test
    void policies() {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"" + bucket.objectArn("*") + "\"}]}";
        BucketConfigurations.putPolicy(bucket, policy);
        assertThat(bucket.configurations()).containsEntry("policy", policy);
        assertThat(refusal(() -> BucketConfigurations.putPolicy(bucket, "{\"Statement\":[{\"Effect\":\"Maybe\"}]}"))
                .reason()).isEqualTo(BucketRefusal.Reason.MALFORMED_POLICY);
        assertThat(bucket.configurations()).containsEntry("policy", policy);
    }
}
