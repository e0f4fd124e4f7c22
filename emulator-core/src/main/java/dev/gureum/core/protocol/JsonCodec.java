package dev.gureum.core.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.error.AwsError;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;

import dev.gureum.core.json.Json;
import java.io.IOException;

/** The json (1.0/1.1) and rest-json protocols' bodies: a JSON object in, a JSON object out. */
public final class JsonCodec {

    /** AWS's JSON parsers refuse trailing tokens and duplicate keys. */
    private static final ObjectMapper READER = Json.strict();

    private JsonCodec() {
    }

    /** Decodes a request body; an empty body is an empty input. Malformed JSON is a {@code SerializationException}. */
    public static Params decode(byte[] body) {
        return decode(body, CommonError.SERIALIZATION_EXCEPTION);
    }

    public static Params decode(byte[] body, AwsError malformed) {
        if (body == null || body.length == 0) {
            return Params.empty();
        }
        JsonNode node;
        try {
            node = READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AwsException(malformed, "Could not parse request body into json: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new AwsException(malformed, "Could not read request body");
        }
        if (node == null || node.isMissingNode()) {
            return Params.empty();
        }
        if (!node.isObject()) {
            throw new AwsException(malformed, "Request body must be a JSON object");
        }
        return new Params(node, Params.Origin.JSON);
    }
}
