package dev.gureum.core.protocol;

import org.junit.jupiter.api.Test;
import software.amazon.eventstream.Message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Messages as the AWS SDKs' own event-stream decoder reads them, CRCs checked. */
class EventStreamMessageTest {

    @Test
    void anEventDecodesWithItsHeadersAndPayload() {
        byte[] bytes = EventStreamMessage.event("PayloadChunk", "application/octet-stream",
                "hello".getBytes(StandardCharsets.UTF_8));
        Message message = Message.decode(ByteBuffer.wrap(bytes));
        assertThat(message.getHeaders().get(":event-type").getString()).isEqualTo("PayloadChunk");
        assertThat(message.getHeaders().get(":content-type").getString()).isEqualTo("application/octet-stream");
        assertThat(message.getHeaders().get(":message-type").getString()).isEqualTo("event");
        assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(ByteBuffer.wrap(bytes).getInt()).isEqualTo(bytes.length);
    }

    @Test
    void anEmptyPayloadAndMultiByteHeaderValuesAreCounted() {
        byte[] bytes = EventStreamMessage.event("InvokeComplete", "application/json; charset=ütf", new byte[0]);
        Message message = Message.decode(ByteBuffer.wrap(bytes));
        assertThat(message.getHeaders().get(":content-type").getString()).isEqualTo("application/json; charset=ütf");
        assertThat(message.getPayload()).isEmpty();
    }

    @Test
    void aCorruptedByteFailsTheMessageCrc() {
        byte[] bytes = EventStreamMessage.event("PayloadChunk", "application/octet-stream", new byte[]{1, 2, 3});
        bytes[bytes.length - 6] ^= 1;
        assertThatThrownBy(() -> Message.decode(ByteBuffer.wrap(bytes))).isInstanceOf(IllegalArgumentException.class);
    }
}
