package dev.gureum.core.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The query protocol (SNS, STS, and SQS's older form): {@code Action=Op&Version=...} in the query
 * string or a form body; answers {@code <OpResponse><OpResult>..</OpResult><ResponseMetadata>}.
 */
public final class QueryCodec {

    private static final XmlEncoder ENCODER = new XmlEncoder("member");

    private QueryCodec() {
    }

    /**
     * The fields of a query call: the query string's and, for a form body, the body's.
     *
     * @throws AwsException {@code MalformedQueryString} when either cannot be decoded
     */
    public static Map<String, List<String>> decodeForm(String queryString, byte[] body, String contentType) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        try {
            form.putAll(FormDecoder.decode(queryString));
            boolean formBody = contentType == null
                    || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
            if (body != null && body.length > 0 && formBody) {
                form.putAll(FormDecoder.decode(strictUtf8(body)));
            }
        } catch (IllegalArgumentException e) {
            throw new AwsException(CommonError.MALFORMED_QUERY_STRING, e.getMessage());
        }
        return form;
    }

    /** A form body is ASCII with percent escapes; raw bytes that are not UTF-8 make it malformed. */
    private static String strictUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("The form body is not UTF-8 text");
        }
    }

    public static byte[] encode(String action, String xmlns, Struct result, String requestId) {
        XmlWriter xml = new XmlWriter(false);
        xml.start(action + "Response", xmlns);
        if (result != null) {
            xml.start(action + "Result");
            ENCODER.members(xml, result);
            xml.end(action + "Result");
        }
        xml.start("ResponseMetadata").element("RequestId", requestId).end("ResponseMetadata");
        xml.end(action + "Response");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }
}
