package dev.gureum.lambda.domain;

import java.time.Instant;

/**
 * A function URL's configuration (the URL is reported; Gureum does not serve requests on it).
 *
 * @param cors the CORS settings, or {@code null} when none were given
 */
public record UrlConfig(String functionUrl, String functionArn, String authType, Cors cors, String invokeMode,
                        Instant creationTime, Instant lastModifiedTime) {
}
