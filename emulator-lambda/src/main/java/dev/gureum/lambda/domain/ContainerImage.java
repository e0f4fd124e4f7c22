package dev.gureum.lambda.domain;

import java.util.List;

/**
 * The container image a function of {@code PackageType} {@code Image} runs, pinned at deployment as Lambda
 * pins it: the {@code ImageUri} given, the digest it resolved to ({@code ResolvedImageUri}; {@code CodeSha256}
 * is the digest's hex), the local image id, and the {@code ImageConfig} values that override the image's own
 * {@code ENTRYPOINT}, {@code CMD} and {@code WORKDIR} ({@code null} where not given).
 */
public record ContainerImage(String imageUri, String resolvedImageUri, String digest, String imageId,
                             List<String> entryPoint, List<String> command, String workingDirectory) {

    public ContainerImage {
        entryPoint = entryPoint == null ? null : List.copyOf(entryPoint);
        command = command == null ? null : List.copyOf(command);
    }

    /** {@code CodeSha256}: the hex of the image's digest. */
    public String codeSha256() {
        return digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
    }

    /** Whether any {@code ImageConfig} value was given. */
    public boolean hasImageConfig() {
        return entryPoint != null || command != null || workingDirectory != null;
    }

    /** The same image with other {@code ImageConfig} values. */
    public ContainerImage withImageConfig(List<String> entryPoint, List<String> command, String workingDirectory) {
        return new ContainerImage(imageUri, resolvedImageUri, digest, imageId, entryPoint, command, workingDirectory);
    }
}
