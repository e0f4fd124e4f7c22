package dev.gureum.lambda.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UrlEventsTest {

    static UrlEvents.Answer answer(String payload) {
        return UrlEvents.answer(payload.getBytes(StandardCharsets.UTF_8));
    }

    static String body(UrlEvents.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void anObjectWithAStatusCodeDescribesTheResponse() {
        UrlEvents.Answer a = answer("{\"statusCode\":404,\"headers\":{\"x-a\":\"1\"},\"cookies\":[\"k=v\"],\"body\":\"gone\"}");
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.headers()).isEqualTo(Map.of("x-a", "1"));
        assertThat(a.cookies()).containsExactly("k=v");
        assertThat(body(a)).isEqualTo("gone");
        assertThat(answer("{\"statusCode\":\"302\"}").status()).isEqualTo(302);
        assertThat(answer("{\"statusCode\":200,\"body\":\"AAH/\",\"isBase64Encoded\":true}").body())
                .isEqualTo(new byte[]{0, 1, (byte) 0xff});
    }

    @Test
    void anyOtherJsonIsAnInferredJsonAnswer() {
        UrlEvents.Answer object = answer("{\"message\":\"hi\"}");
        assertThat(object.status()).isEqualTo(200);
        assertThat(object.headers()).isEqualTo(Map.of("content-type", "application/json"));
        assertThat(body(object)).isEqualTo("{\"message\":\"hi\"}");
        assertThat(body(answer("\"hello\""))).isEqualTo("hello");
        assertThat(body(answer("[1,2]"))).isEqualTo("[1,2]");
        assertThat(body(answer("42"))).isEqualTo("42");
        assertThat(answer("null").status()).isEqualTo(200);
    }

    @Test
    void anAnswerThatDescribesNoResponseIsNone() {
        assertThat(answer("not json")).isNull();
        assertThat(answer("{\"statusCode\":99}")).isNull();
        assertThat(answer("{\"statusCode\":\"abc\"}")).isNull();
        assertThat(answer("{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}")).isNull();
    }
}
