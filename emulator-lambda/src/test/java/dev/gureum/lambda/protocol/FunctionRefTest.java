package dev.gureum.lambda.protocol;

import dev.gureum.core.error.AwsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionRefTest {

    static FunctionRef parse(String name, String qualifier) {
        return FunctionRef.parse(name, qualifier, "000000000000", "us-east-1");
    }

    @Test
    void namesArnsAndPartialArns() {
        assertThat(parse("my-fn", null)).isEqualTo(new FunctionRef("000000000000", "us-east-1", "my-fn", null));
        assertThat(parse("my-fn:live", null)).isEqualTo(new FunctionRef("000000000000", "us-east-1", "my-fn", "live"));
        assertThat(parse("arn:aws:lambda:eu-west-1:123456789012:function:f:7", null))
                .isEqualTo(new FunctionRef("123456789012", "eu-west-1", "f", "7"));
        assertThat(parse("123456789012:function:f", "$LATEST"))
                .isEqualTo(new FunctionRef("123456789012", "us-east-1", "f", "$LATEST"));
        assertThat(parse("f", null).unqualifiedArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:f");
    }

    @Test
    void qualifiersMustAgree() {
        assertThat(parse("f:1", "1").qualifier()).isEqualTo("1");
        assertThatThrownBy(() -> parse("f:1", "2")).isInstanceOf(AwsException.class)
                .hasMessageContaining("does not match the specified qualifier");
    }

    @Test
    void malformedNamesAreValidationErrors() {
        assertThatThrownBy(() -> parse("has space", null)).isInstanceOf(AwsException.class)
                .extracting(e -> ((AwsException) e).code()).isEqualTo("ValidationException");
        assertThatThrownBy(() -> parse("arn:aws:lambda:function:f", null)).isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> parse("", null)).isInstanceOf(AwsException.class);
    }
}
