package dev.gureum.iam.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.iam.domain.Entities.ManagedPolicy;
import dev.gureum.iam.domain.Entities.PolicyVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS's managed policies Gureum knows, by their real ARNs ({@code arn:aws:iam::aws:policy/<path><name>}),
 * read from {@code aws-managed-policies.json}: their documents as AWS publishes them (ReadOnlyAccess and
 * AmazonDynamoDBFullAccess shortened, as the file marks them). Their ids are derived from their names.
 */
final class AwsManagedPolicies {

    private AwsManagedPolicies() {
    }

    static Map<String, ManagedPolicy> load() {
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream("aws-managed-policies.json")) {
            if (in == null) {
                throw new IllegalStateException("Missing aws-managed-policies.json");
            }
            Map<String, ManagedPolicy> out = new LinkedHashMap<>();
            for (JsonNode p : Json.mapper().readTree(in)) {
                String name = p.get("name").asText();
                String path = p.get("path").asText();
                String arn = "arn:aws:iam::aws:policy" + path + name;
                String version = p.get("version").asText();
                Instant created = Instant.parse(p.get("created").asText());
                Instant updated = Instant.parse(p.get("updated").asText());
                String document = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(p.get("document"));
                out.put(arn, new ManagedPolicy("aws", name, "ANPA" + stableId(name), path, arn,
                        p.path("description").asText(null), created, updated, version,
                        List.of(new PolicyVersion(version, document, updated)),
                        Integer.parseInt(version.substring(1)) + 1, Map.of()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seventeen characters derived from a name, so an AWS policy keeps its id across restarts. */
    private static String stableId(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            StringBuilder sb = new StringBuilder(17);
            for (int i = 0; i < 17; i++) {
                sb.append(alphabet.charAt((digest[i] & 0xff) % alphabet.length()));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
