package dev.gureum.lambda.domain;

import java.time.Instant;
import java.util.List;

/** One published version of a layer. */
public record LayerVersion(String layerName, String layerArn, long version, String description, Instant createdDate,
                           List<String> compatibleRuntimes, List<String> compatibleArchitectures, String licenseInfo,
                           StoredCode code) {

    public LayerVersion {
        compatibleRuntimes = compatibleRuntimes == null ? List.of() : List.copyOf(compatibleRuntimes);
        compatibleArchitectures = compatibleArchitectures == null ? List.of() : List.copyOf(compatibleArchitectures);
        description = description == null ? "" : description;
    }

    public String layerVersionArn() {
        return layerArn + ":" + version;
    }
}
