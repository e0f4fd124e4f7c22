package dev.gureum.core.id;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The one codec of paging tokens ({@code NextToken}, {@code Marker}, {@code ContinuationToken}). A token
 * is opaque to clients: the URL-safe base64 of a position, either the last key a page returned or an
 * offset into a list in stable order. Each service maps {@link InvalidTokenException} to its own AWS
 * error.
 */
public final class PageTokens {

    private static final String OFFSET_PREFIX = "gureum:";

    private PageTokens() {
    }

    /** A token thrown back by a client that Gureum did not issue, or altered. */
    public static final class InvalidTokenException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InvalidTokenException(String token) {
            super("Invalid paging token: " + token);
        }
    }

    /** One page of items and the token of the next, {@code null} on the last page. */
    public record Page<T>(List<T> items, String nextToken) {
    }

    /** The token that resumes after {@code position} (a key, a name, any text). */
    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The position a token stands for; {@code null} for a missing or empty token.
     *
     * @throws InvalidTokenException when the token is not base64
     */
    public static String decode(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException(token);
        }
    }

    /** The token that resumes at {@code offset} of a list. */
    public static String encodeOffset(int offset) {
        return encode(OFFSET_PREFIX + offset);
    }

    /**
     * The offset a token stands for; 0 for a missing or empty token.
     *
     * @throws InvalidTokenException when the token is not an offset token or points past {@code size}
     */
    public static int decodeOffset(String token, int size) {
        String position = decode(token);
        if (position == null) {
            return 0;
        }
        if (!position.startsWith(OFFSET_PREFIX)) {
            throw new InvalidTokenException(token);
        }
        int offset;
        try {
            offset = Integer.parseInt(position.substring(OFFSET_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw new InvalidTokenException(token);
        }
        if (offset < 0 || offset > size) {
            throw new InvalidTokenException(token);
        }
        return offset;
    }

    /**
     * A page of at most {@code size} items of {@code all}, starting where {@code token} points.
     *
     * @throws InvalidTokenException when the token is not one this list could have issued
     */
    public static <T> Page<T> page(List<T> all, String token, int size) {
        int offset = decodeOffset(token, all.size());
        int end = (int) Math.min(all.size(), (long) offset + Math.max(0, size));
        String next = end < all.size() ? encodeOffset(end) : null;
        return new Page<>(List.copyOf(all.subList(offset, end)), next);
    }
}
