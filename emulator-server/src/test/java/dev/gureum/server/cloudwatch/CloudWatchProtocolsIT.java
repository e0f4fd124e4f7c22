package dev.gureum.server.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.gureum.core.json.Json;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CloudWatch's three protocols over raw HTTP: Smithy RPC v2 CBOR (its model's), JSON 1.0 (what boto3 sends)
 * and query, each answering, and failing, in its own shape.
 */
class CloudWatchProtocolsIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final CBORFactory CBOR = new CBORFactory();
    private static final CBORMapper MAPPER = new CBORMapper();
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/monitoring/aws4_request, "
            + "SignedHeaders=host, Signature=0000";

    @BeforeEach
    void clean() {
        gureum.reset();
    }

    private interface Body {
        void write(CBORGenerator g) throws IOException;
    }

    private static byte[] cbor(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = CBOR.createGenerator(out)) {
            body.write(g);
        }
        return out.toByteArray();
    }

    private HttpResponse<byte[]> cborCall(String operation, byte[] body, boolean signed) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gureum.endpoint()
                        + "/service/GraniteServiceVersion20100801/operation/" + operation))
                .header("smithy-protocol", "rpc-v2-cbor").header("Content-Type", "application/cbor")
                .header("Accept", "application/cbor").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signed) {
            b.header("Authorization", AUTH);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void cborPutsAndReadsWithTaggedTimestamps() throws Exception {
        long minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(300).getEpochSecond();
        byte[] put = cbor(g -> {
            g.writeStartObject();
            g.writeStringField("Namespace", "Raw");
            g.writeFieldName("MetricData");
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("MetricName", "Bytes");
            g.writeFieldName("Timestamp");
            g.writeTag(1);
            g.writeNumber(minute + 0.5);
            g.writeNumberField("Value", 42.5);
            g.writeStringField("Unit", "Bytes");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
        HttpResponse<byte[]> putAnswer = cborCall("PutMetricData", put, true);
        assertThat(putAnswer.statusCode()).isEqualTo(200);
        assertThat(putAnswer.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
        assertThat(putAnswer.headers().firstValue("Content-Type")).hasValue("application/cbor");

        byte[] get = cbor(g -> {
            g.writeStartObject();
            g.writeStringField("Namespace", "Raw");
            g.writeStringField("MetricName", "Bytes");
            g.writeFieldName("StartTime");
            g.writeTag(1);
            g.writeNumber(minute);
            g.writeFieldName("EndTime");
            g.writeTag(1);
            g.writeNumber(minute + 60);
            g.writeNumberField("Period", 60);
            g.writeArrayFieldStart("Statistics");
            g.writeString("Sum");
            g.writeEndArray();
            g.writeEndObject();
        });
        // unsigned: the operation path alone routes it
        HttpResponse<byte[]> answer = cborCall("GetMetricStatistics", get, false);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode tree = MAPPER.readTree(answer.body());
        assertThat(tree.get("Label").asText()).isEqualTo("Bytes");
        JsonNode point = tree.get("Datapoints").get(0);
        assertThat(point.get("Sum").asDouble()).isEqualTo(42.5);
        assertThat(point.get("Unit").asText()).isEqualTo("Bytes");
        assertThat(point.get("Timestamp").asLong()).isEqualTo(minute);
        // the timestamp carries the epoch tag
        try (CBORParser p = CBOR.createParser(answer.body())) {
            boolean tagged = false;
            while (p.nextToken() != null) {
                if ("Timestamp".equals(p.currentName()) && p.currentToken().isNumeric()) {
                    tagged = p.getCurrentTag() == 1;
                }
            }
            assertThat(tagged).isTrue();
        }
    }

    @Test
    void cborErrorsNameTheShapeAndTheQueryCode() throws Exception {
        byte[] body = cbor(g -> {
            g.writeStartObject();
            g.writeStringField("Namespace", "Raw");
            g.writeArrayFieldStart("MetricData");
            g.writeStartObject();
            g.writeNumberField("Value", 1.0);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
        HttpResponse<byte[]> answer = cborCall("PutMetricData", body, true);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
        assertThat(answer.headers().firstValue("x-amzn-query-error")).hasValue("MissingParameter;Sender");
        JsonNode error = MAPPER.readTree(answer.body());
        assertThat(error.get("__type").asText()).endsWith("#MissingRequiredParameterException");
        assertThat(error.get("message").asText()).isEqualTo("The parameter MetricData.member.1.MetricName is required.");

        HttpResponse<byte[]> notCbor = cborCall("ListMetrics", "{}".getBytes(StandardCharsets.UTF_8), true);
        assertThat(notCbor.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(notCbor.body()).get("__type").asText()).endsWith("SerializationException");

        HttpResponse<byte[]> unknown = cborCall("NoSuchOperation", cbor(g -> {
            g.writeStartObject();
            g.writeEndObject();
        }), true);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(unknown.body()).get("__type").asText()).endsWith("UnknownOperationException");
    }

    private static byte[] metricDataWith(long start, String expression) throws IOException {
        return cbor(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("MetricDataQueries");
            g.writeStartObject();
            g.writeStringField("Id", "m1");
            g.writeBooleanField("ReturnData", false);
            g.writeObjectFieldStart("MetricStat");
            g.writeObjectFieldStart("Metric");
            g.writeStringField("Namespace", "Raw");
            g.writeStringField("MetricName", "Bytes");
            g.writeEndObject();
            g.writeNumberField("Period", 60);
            g.writeStringField("Stat", "Sum");
            g.writeEndObject();
            g.writeEndObject();
            g.writeStartObject();
            g.writeStringField("Id", "e1");
            g.writeStringField("Expression", expression);
            g.writeEndObject();
            g.writeEndArray();
            g.writeFieldName("StartTime");
            g.writeTag(1);
            g.writeNumber(start);
            g.writeFieldName("EndTime");
            g.writeTag(1);
            g.writeNumber(start + 120);
            g.writeEndObject();
        });
    }

    @Test
    void cborMetricMathAnswersMessagesAndValidationErrors() throws Exception {
        long minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(300).getEpochSecond();
        byte[] put = cbor(g -> {
            g.writeStartObject();
            g.writeStringField("Namespace", "Raw");
            g.writeArrayFieldStart("MetricData");
            g.writeStartObject();
            g.writeStringField("MetricName", "Bytes");
            g.writeFieldName("Timestamp");
            g.writeTag(1);
            g.writeNumber(minute);
            g.writeNumberField("Value", 42.0);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
        assertThat(cborCall("PutMetricData", put, true).statusCode()).isEqualTo(200);

        JsonNode doubled = MAPPER.readTree(cborCall("GetMetricData", metricDataWith(minute, "m1 * 2"), true).body())
                .get("MetricDataResults").get(0);
        assertThat(doubled.get("Id").asText()).isEqualTo("e1");
        assertThat(doubled.get("Values").get(0).asDouble()).isEqualTo(84.0);

        JsonNode dropped = MAPPER.readTree(cborCall("GetMetricData", metricDataWith(minute, "m1 / 0"), true).body())
                .get("MetricDataResults").get(0);
        assertThat(dropped.get("Values")).isEmpty();
        assertThat(dropped.get("Messages").get(0).get("Code").asText()).isEqualTo("ArithmeticError");

        HttpResponse<byte[]> malformed = cborCall("GetMetricData", metricDataWith(minute, "m1 * "), true);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("x-amzn-query-error")).hasValue("ValidationError;Sender");
        assertThat(MAPPER.readTree(malformed.body()).get("message").asText()).startsWith("Error in expression 'e1': ");
    }

    private HttpResponse<String> json(String operation, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "GraniteServiceVersion20100801." + operation)
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jsonPutsListsAndFails() throws Exception {
        HttpResponse<String> put = json("PutMetricData", "{\"Namespace\":\"J\",\"MetricData\":[{\"MetricName\":\"M\","
                + "\"Dimensions\":[{\"Name\":\"k\",\"Value\":\"v\"}],\"Value\":3}]}");
        assertThat(put.statusCode()).isEqualTo(200);
        HttpResponse<String> list = json("ListMetrics", "{\"Namespace\":\"J\"}");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
        JsonNode metrics = Json.mapper().readTree(list.body()).get("Metrics");
        assertThat(metrics).hasSize(1);
        assertThat(metrics.get(0).get("Dimensions").get(0).get("Name").asText()).isEqualTo("k");

        HttpResponse<String> bad = json("PutMetricData", "{\"Namespace\":\"J\",\"MetricData\":[{\"MetricName\":\"M\","
                + "\"Value\":1,\"Unit\":\"Parsecs\"}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("x-amzn-query-error")).hasValue("InvalidParameterValue;Sender");
        JsonNode error = Json.mapper().readTree(bad.body());
        assertThat(error.get("__type").asText()).endsWith("#InvalidParameterValueException");
        assertThat(error.get("message").asText())
                .isEqualTo("The value Parsecs for parameter MetricData.member.1.Unit is invalid.");
    }

    @Test
    void queryFormsAnswerXml() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(gureum.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetDashboard&Version=2010-08-01&DashboardName=none"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("<Code>ResourceNotFound</Code>")
                .contains("<Message>Dashboard none does not exist</Message>");
    }
}
