package dev.gureum.lambda.domain;

import java.time.Instant;

/**
 * A function URL's configuration.
 *
 * @param functionUrl the URL as reported: {@code http://<url-id>.lambda-url.<region>.localhost.localstack.cloud:<port>/},
 *                    which a client can call locally (AWS reports {@code https://<url-id>.lambda-url.<region>.on.aws/}:
 *                    the first three labels are the same)
 * @param cors        the CORS settings, or {@code null} when none were given
 */
public record UrlConfig(String functionUrl, String functionArn, String authType, Cors cors, String invokeMode,
                        Instant creationTime, Instant lastModifiedTime) {

    /** The URL's id, its first host label, which names it in requests whatever the host's suffix. */
    public String urlId() {
        String rest = functionUrl.substring(functionUrl.indexOf("://") + 3);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
