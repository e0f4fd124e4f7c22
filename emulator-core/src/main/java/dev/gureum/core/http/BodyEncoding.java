package dev.gureum.core.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Whether a request body reaches a Lambda function as text or base64-encoded, as load balancers and function
 * URLs decide it: text when it is UTF-8 and its {@code Content-Type} is textual (or absent).
 */
public final class BodyEncoding {

    private BodyEncoding() {
    }

    /** The body as UTF-8 text, or {@code null} when it is not valid UTF-8. */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** {@code text/*}, JSON, XML, JavaScript and form data are text; so is a body without a type. */
    public static boolean textual(String contentType) {
        if (contentType == null) {
            return true;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.startsWith("text/") || t.contains("json") || t.contains("xml") || t.contains("javascript")
                || t.contains("x-www-form-urlencoded");
    }
}
