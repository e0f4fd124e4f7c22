package dev.gureum.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one place Gureum configures Jackson. Every module takes its mapper from here rather than
 * creating its own, so that JSON is read and written the same way everywhere.
 *
 * <ul>
 *   <li>{@link #mapper()}: the general mapper; writes big decimals as plain digits.</li>
 *   <li>{@link #strict()}: for request bodies: refuses trailing tokens and duplicate keys, as AWS's
 *       JSON parsers do.</li>
 *   <li>{@link #decimals()}: reads floating-point numbers as {@code BigDecimal}, for documents whose
 *       numbers are compared exactly (filter policies, event patterns).</li>
 * </ul>
 * The mappers are thread-safe and must not be reconfigured by callers.
 */
public final class Json {

    private Json() {
    }

    // each mapper is built on first use: building one takes a noticeable part of start-up
    private static final class General {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    private static final class Strict {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private static final class Decimals {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** The general mapper. */
    public static ObjectMapper mapper() {
        return General.MAPPER;
    }

    /** A mapper that refuses trailing tokens and duplicate keys. */
    public static ObjectMapper strict() {
        return Strict.MAPPER;
    }

    /** A mapper that reads floating-point numbers as {@code BigDecimal}. */
    public static ObjectMapper decimals() {
        return Decimals.MAPPER;
    }
}
