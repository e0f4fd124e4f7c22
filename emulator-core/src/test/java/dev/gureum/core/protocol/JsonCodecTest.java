package dev.gureum.core.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonCodecTest {

    private static Params decode(String body) {
        return JsonCodec.decode(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesAnSqsSendMessageBody() {
        Params p = decode("""
                {"QueueUrl":"https://sqs.us-east-1.amazonaws.com/177715257436/MyQueue/",
                 "MessageBody":"This is a test message",
                 "DelaySeconds":45,
                 "MessageAttributes":{"my_attribute_name_1":{"DataType":"String","StringValue":"my_attribute_value_1"}}}""");

        assertThat(p.origin()).isEqualTo(Params.Origin.JSON);
        assertThat(p.string("QueueUrl")).isEqualTo("https://sqs.us-east-1.amazonaws.com/177715257436/MyQueue/");
        assertThat(p.integer("DelaySeconds")).isEqualTo(45);
        assertThat(p.map("MessageAttributes", "Name", "Value").get("my_attribute_name_1").string("StringValue"))
                .isEqualTo("my_attribute_value_1");
    }

    @Test
    void anEmptyBodyIsAnEmptyInput() {
        assertThat(JsonCodec.decode(new byte[0]).names()).isEmpty();
        assertThat(JsonCodec.decode(null).names()).isEmpty();
        assertThat(decode("  \n ").names()).isEmpty();
        assertThat(decode("{}").names()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{",                              // truncated
            "{\"a\":}",                       // missing value
            "{'a':1}",                        // single quotes
            "{\"a\":1,}",                     // trailing comma
            "{\"a\":NaN}",                    // not a JSON number
            "{\"a\":1} {\"b\":2}",            // trailing tokens
            "{\"a\":1}x",                     // trailing garbage
            "{\"a\":1,\"a\":2}",              // duplicate key
            "{\"o\":{\"k\":1,\"k\":1}}",      // duplicate key in a nested object
            "[]",                             // not an object
            "[{\"a\":1}]",
            "\"text\"",
            "42",
            "null",
    })
    void malformedOrNonObjectBodiesAreSerializationExceptions(String body) {
        assertThatThrownBy(() -> decode(body)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo("SerializationException");
            assertThat(e.status()).isEqualTo(400);
        });
    }

    @Test
    void invalidUtf8IsASerializationException() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};

        assertThatThrownBy(() -> JsonCodec.decode(body)).isInstanceOfSatisfying(AwsException.class,
                e -> assertThat(e.code()).isEqualTo("SerializationException"));
    }

    @Test
    void theCallerMayNameTheErrorForMalformedBodies() {
        assertThatThrownBy(() -> JsonCodec.decode("{".getBytes(StandardCharsets.UTF_8), CommonError.INVALID_REQUEST))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("InvalidRequest"));
    }
}
