package dev.gureum.lambda.protocol;

import dev.gureum.core.id.PageTokens;

import java.util.List;

/**
 * {@code Marker}/{@code NextMarker} paging over a list in a stable order; the marker is opaque to
 * clients. A marker Gureum did not issue is {@code InvalidParameterValueException}; one past the end
 * of a list that has since shrunk gives an empty last page.
 */
final class Pages {

    private Pages() {
    }

    static <T> PageTokens.Page<T> page(List<T> all, String marker, int maxItems) {
        int start;
        try {
            start = Math.min(PageTokens.decodeOffset(marker, Integer.MAX_VALUE), all.size());
        } catch (PageTokens.InvalidTokenException e) {
            throw LambdaErrors.invalid("Invalid marker: " + marker);
        }
        int end = (int) Math.min(all.size(), (long) start + maxItems);
        String next = end < all.size() ? PageTokens.encodeOffset(end) : null;
        return new PageTokens.Page<>(all.subList(start, end), next);
    }
}
