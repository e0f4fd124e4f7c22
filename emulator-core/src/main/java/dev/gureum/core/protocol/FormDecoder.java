package dev.gureum.core.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text (query strings and query-protocol bodies)
 * strictly: a broken percent escape or bytes that are not UTF-8 are an error, not a guess.
 */
public final class FormDecoder {

    private FormDecoder() {
    }

    /** Name to values, in the order they came; a name without {@code =} has the value {@code ""}. */
    public static Map<String, List<String>> decode(String form) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return result;
        }
        int start = 0;
        int length = form.length();
        while (start <= length) {
            int end = form.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                String pair = form.substring(start, end);
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                result.computeIfAbsent(percentDecode(name, true), k -> new ArrayList<>(1))
                        .add(percentDecode(value, true));
            }
            start = end + 1;
        }
        return result;
    }

    /**
     * Decodes percent escapes; with {@code plusIsSpace} a {@code +} is a space, as in forms.
     *
     * @throws IllegalArgumentException on a broken escape or invalid UTF-8
     */
    public static String percentDecode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("Incomplete percent escape at offset " + i);
                }
                int hi = hexDigit(text.charAt(i + 1));
                int lo = hexDigit(text.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("Invalid percent escape at offset " + i);
                }
                bytes.write((hi << 4) | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    utf8 = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Percent escapes do not form UTF-8 text", e);
        }
    }

    /** The value of an ASCII hex digit, or -1 ({@link Character#digit} would also take other scripts' digits). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
