package dev.gureum.s3.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values of user metadata ({@code x-amz-meta-*}) as S3 carries them in headers: a value made of RFC 2047
 * encoded words is decoded before it is stored, and a stored value that is not printable US-ASCII is
 * returned as one {@code =?UTF-8?B?...?=} encoded word. Header bytes arrive as ISO-8859-1 characters;
 * bytes that form UTF-8 are read as the UTF-8 text a client sending raw UTF-8 meant.
 */
public final class MetadataValues {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
    private static final Pattern ONLY_ENCODED_WORDS = Pattern.compile(
            "\\s*(?:" + ENCODED_WORD.pattern() + ")(?:\\s+(?:" + ENCODED_WORD.pattern() + "))*\\s*");

    private MetadataValues() {
    }

    /** The value to store for a header value as received. */
    public static String decode(String received) {
        if (received.indexOf("=?") >= 0 && ONLY_ENCODED_WORDS.matcher(received).matches()) {
            String decoded = decodeWords(received);
            if (decoded != null) {
                return decoded;
            }
        }
        return rawUtf8(received);
    }

    /** The header value returning a stored value. */
    public static String encode(String stored) {
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(stored.getBytes(StandardCharsets.UTF_8)) + "?=";
            }
        }
        return stored;
    }

    private static String decodeWords(String value) {
        StringBuilder out = new StringBuilder();
        Matcher m = ENCODED_WORD.matcher(value);
        while (m.find()) {
            Charset charset;
            try {
                charset = Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                return null;
            }
            byte[] bytes;
            if (m.group(2).equalsIgnoreCase("B")) {
                try {
                    bytes = Base64.getDecoder().decode(m.group(3));
                } catch (IllegalArgumentException e) {
                    return null;
                }
            } else {
                bytes = quoted(m.group(3));
                if (bytes == null) {
                    return null;
                }
            }
            out.append(new String(bytes, charset));
        }
        return out.toString();
    }

    /** The Q encoding: {@code _} is a space, {@code =XX} a byte. */
    private static byte[] quoted(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** Characters of ISO-8859-1 bytes that are valid UTF-8 with some non-ASCII: that text; else as they are. */
    private static String rawUtf8(String received) {
        boolean high = false;
        for (int i = 0; i < received.length(); i++) {
            char c = received.charAt(i);
            if (c > 0xff) {
                return received;
            }
            high |= c > 0x7f;
        }
        if (!high) {
            return received;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(received.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return received;
        }
    }
}
