package dev.gureum.lambda.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** {@code Marker}/{@code NextMarker} paging over a list in a stable order; the marker is opaque to clients. */
final class Pages {

    record Page<T>(List<T> items, String nextMarker) {
    }

    private Pages() {
    }

    static <T> Page<T> page(List<T> all, String marker, int maxItems) {
        int start = 0;
        if (marker != null && !marker.isEmpty()) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw LambdaErrors.invalid("Invalid marker: " + marker);
            }
            start = Math.max(0, Math.min(start, all.size()));
        }
        int end = Math.min(all.size(), start + maxItems);
        String next = end < all.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(all.subList(start, end), next);
    }
}
