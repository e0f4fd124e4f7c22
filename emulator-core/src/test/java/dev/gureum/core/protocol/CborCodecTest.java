package dev.gureum.core.protocol;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.error.AwsException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CborCodecTest {

    private static final CBORFactory FACTORY = new CBORFactory();

    @Test
    void theOperationIsTheLastSegmentOfItsPath() {
        assertThat(CborCodec.operation("/service/GraniteServiceVersion20100801/operation/PutMetricData"))
                .isEqualTo("PutMetricData");
        assertThat(CborCodec.operation("/service/X/operation/")).isNull();
        assertThat(CborCodec.operation("/service/X/operation/A/B")).isNull();
        assertThat(CborCodec.operation("/")).isNull();
    }

    @Test
    void requestsDecodeIntoParamsWithTypedScalars() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("Name", "n");
            g.writeNumberField("Count", 3);
            g.writeNumberField("Value", 1.5);
            g.writeFieldName("At");
            g.writeTag(1);
            g.writeNumber(1700000000.25);
            g.writeFieldName("Data");
            g.writeBinary(new byte[] {1, 2, 3});
            g.writeArrayFieldStart("Items");
            g.writeString("a");
            g.writeString("b");
            g.writeEndArray();
            g.writeEndObject();
        }
        Params p = CborCodec.decode(out.toByteArray());
        assertThat(p.string("Name")).isEqualTo("n");
        assertThat(p.integer("Count")).isEqualTo(3);
        assertThat(p.doubleValue("Value")).isEqualTo(1.5);
        assertThat(p.get("At").node().asDouble()).isEqualTo(1700000000.25);
        assertThat(p.blob("Data")).containsExactly(1, 2, 3);
        assertThat(p.stringList("Items")).containsExactly("a", "b");
        assertThat(CborCodec.decode(new byte[0]).names()).isEmpty();
    }

    @Test
    void whatIsNotACborMapIsASerializationError() {
        assertThatThrownBy(() -> CborCodec.decode(new byte[] {(byte) 0x83, 1, 2, 3}))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("SerializationException"));
        assertThatThrownBy(() -> CborCodec.decode(new byte[] {(byte) 0xbf, 0x61}))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("SerializationException"));
    }

    @Test
    void outputsEncodeTimestampsWithTheEpochTagAndBlobsAsBytes() throws IOException {
        Struct out = Struct.of().put("S", "text").put("I", 7).put("D", 2.5)
                .put("T", Instant.ofEpochSecond(1700000000)).put("Tm", Instant.ofEpochMilli(1700000000250L))
                .put("B", new byte[] {9}).list("L", List.of(1.0, 2.0))
                .put("M", MapValue.of(Map.of("p99", 3.0))).put("N", Struct.of().put("X", true));
        byte[] bytes = CborCodec.encode(out);
        JsonNode tree = new CBORMapper().readTree(bytes);
        assertThat(tree.get("S").asText()).isEqualTo("text");
        assertThat(tree.get("I").asInt()).isEqualTo(7);
        assertThat(tree.get("D").asDouble()).isEqualTo(2.5);
        assertThat(tree.get("T").asLong()).isEqualTo(1700000000L);
        assertThat(tree.get("Tm").asDouble()).isEqualTo(1700000000.25);
        assertThat(tree.get("B").binaryValue()).containsExactly(9);
        assertThat(tree.get("L")).hasSize(2);
        assertThat(tree.get("M").get("p99").asDouble()).isEqualTo(3.0);
        assertThat(tree.get("N").get("X").asBoolean()).isTrue();
        int tags = 0;
        try (CBORParser p = FACTORY.createParser(bytes)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t.isNumeric() && p.getCurrentTag() == 1) {
                    tags++;
                }
            }
        }
        assertThat(tags).isEqualTo(2);
        assertThat(new CBORMapper().readTree(CborCodec.encode(null)).size()).isZero();
    }

    @Test
    void errorsCarryTheirTypeAndMessage() throws IOException {
        JsonNode error = new CBORMapper().readTree(CborCodec.error("com.amazonaws.x#Bad", "why", Map.of("k", "v")));
        assertThat(error.get("__type").asText()).isEqualTo("com.amazonaws.x#Bad");
        assertThat(error.get("message").asText()).isEqualTo("why");
        assertThat(error.get("k").asText()).isEqualTo("v");
    }
}
