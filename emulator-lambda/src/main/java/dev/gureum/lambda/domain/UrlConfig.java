package dev.gureum.lambda.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A function URL's configuration (the URL is reported; Gureum does not serve requests on it). */
public record UrlConfig(String functionUrl, String functionArn, String authType, JsonNode cors, String invokeMode,
                        Instant creationTime, Instant lastModifiedTime) {
}
