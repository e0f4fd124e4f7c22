package dev.gureum.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gureum.core.json.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonEncoderTest {

    private static String json(Struct struct) {
        return new String(JsonEncoder.bytes(struct), StandardCharsets.UTF_8);
    }

    @Test
    void timestampsAreEpochSecondsInPlainNotation() {
        assertThat(json(Struct.of().put("CreatedTimestamp", Instant.ofEpochSecond(1_700_000_000))))
                .isEqualTo("{\"CreatedTimestamp\":1700000000}");
    }

    @Test
    void timestampsKeepMilliseconds() {
        assertThat(json(Struct.of().put("T", Instant.ofEpochMilli(1_700_000_000_123L))))
                .isEqualTo("{\"T\":1700000000.123}");
        assertThat(json(Struct.of().put("T", Instant.ofEpochMilli(1_700_000_000_100L))))
                .isEqualTo("{\"T\":1700000000.1}");
        assertThat(json(Struct.of().put("T", Instant.EPOCH))).isEqualTo("{\"T\":0}");
    }

    @Test
    void timestampsArePlainWhicheverWayTheTreeIsWritten() {
        Struct s = Struct.of().put("T", Instant.ofEpochSecond(1_700_000_000));

        assertThat(JsonEncoder.toJson(s).toString()).isEqualTo("{\"T\":1700000000}");
        assertThat(JsonEncoder.toJson(s).get("T").asLong()).isEqualTo(1_700_000_000L);
    }

    @Test
    void blobsAreBase64() {
        assertThat(json(Struct.of().put("BinaryValue", new byte[] {(byte) 0xfb, (byte) 0xff, 0x00, 'a'})))
                .isEqualTo("{\"BinaryValue\":\"+/8AYQ==\"}");
    }

    @Test
    void scalarsKeepTheirJsonTypes() {
        assertThat(json(Struct.of()
                .put("s", "x\"y")
                .put("b", true)
                .put("i", 42)
                .put("l", 9_007_199_254_740_993L)
                .put("d", 2.5)
                .put("f", 0.5f)
                .put("bd", new BigDecimal("12.50"))
                .put("bi", new java.math.BigInteger("123456789012345678901234567890"))))
                .isEqualTo("{\"s\":\"x\\\"y\",\"b\":true,\"i\":42,\"l\":9007199254740993,\"d\":2.5,\"f\":0.5,"
                        + "\"bd\":12.50,\"bi\":123456789012345678901234567890}");
    }

    @Test
    void listsAndMapsNestAndIgnoreXmlNaming() throws Exception {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("QueueArn", "arn:aws:sqs:us-east-1:000000000000:q");
        attributes.put("Nested", Struct.of().list("Inner", List.of(1, 2)));
        Struct s = Struct.of()
                .flatList("Messages", List.of(Struct.of().put("MessageId", "m1"), Struct.of().put("MessageId", "m2")))
                .put("Tags", ListValue.wrapped(List.of("a"), "Tag"))
                .put("Attributes", MapValue.flattened(attributes, "Attribute", "Name", "Value"))
                .put("Plain", List.of("x", List.of("y")));

        JsonNode tree = Json.mapper().readTree(JsonEncoder.bytes(s));

        assertThat(tree.toString()).isEqualTo("{\"Messages\":[{\"MessageId\":\"m1\"},{\"MessageId\":\"m2\"}],"
                + "\"Tags\":[\"a\"],"
                + "\"Attributes\":{\"QueueArn\":\"arn:aws:sqs:us-east-1:000000000000:q\",\"Nested\":{\"Inner\":[1,2]}},"
                + "\"Plain\":[\"x\",[\"y\"]]}");
    }

    @Test
    void jsonNodesArePassedThrough() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        assertThat(json(Struct.of().put("Policy", f.objectNode().put("Version", "2012-10-17"))))
                .isEqualTo("{\"Policy\":{\"Version\":\"2012-10-17\"}}");
    }

    @Test
    void nullMembersAreLeftOutAndOrderIsKept() {
        assertThat(json(Struct.of().put("b", "1").put("a", null).put("c", "2"))).isEqualTo("{\"b\":\"1\",\"c\":\"2\"}");
        assertThat(json(Struct.of())).isEqualTo("{}");
    }

    @Test
    void unicodeIsWrittenAsUtf8() {
        assertThat(JsonEncoder.bytes(Struct.of().put("m", "구름")))
                .isEqualTo("{\"m\":\"구름\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerLongerThanTheGeneratorsBufferIsWrittenWhole() throws Exception {
        // the generator hands its buffer over in parts of a few kilobytes: the answer is every part, in order
        List<Object> items = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            items.add(Struct.of().put("Id", "item-" + i).put("Body", "x".repeat(i % 50)));
        }
        byte[] bytes = JsonEncoder.bytes(Struct.of().put("Items", ListValue.flattened(items)));

        JsonNode tree = Json.mapper().readTree(bytes);
        assertThat(tree.get("Items")).hasSize(5_000);
        assertThat(tree.get("Items").get(4_999).get("Id").asText()).isEqualTo("item-4999");
        assertThat(tree.get("Items").get(4_999).get("Body").asText()).isEqualTo("x".repeat(4_999 % 50));
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '}');
    }
}
