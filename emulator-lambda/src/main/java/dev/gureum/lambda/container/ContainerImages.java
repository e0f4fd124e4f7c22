package dev.gureum.lambda.container;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the image of a function's {@code ImageUri} in the local Docker engine. Lambda takes images from
 * Amazon ECR ({@code <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>} or {@code @sha256:<digest>});
 * no registry is reached here, so the image must be in the engine already, either under that whole name
 * (as {@code docker tag} before a push makes it) or under its repository and tag ({@code <repository>:<tag>}).
 */
public final class ContainerImages {

    /** An ECR image URI: the repository, then a tag or a digest. */
    static final Pattern ECR = Pattern.compile("\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(?:\\.cn)?/"
            + "([a-z0-9][a-z0-9._/-]{0,255})(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})|@(sha256:[0-9a-f]{64}))");

    /** An image found: its id, its entry point, command and working directory, and the digest Lambda reports. */
    public record LocalImage(String id, String digest, String resolvedUri, List<String> entryPoint, List<String> command,
                             String workingDirectory) {
        public LocalImage {
            entryPoint = List.copyOf(entryPoint);
            command = List.copyOf(command);
        }
    }

    private final DockerEngine engine;

    public ContainerImages(DockerEngine engine) {
        this.engine = engine;
    }

    public DockerEngine engine() {
        return engine;
    }

    /** Whether the URI has the form of an ECR image's. */
    public static boolean valid(String imageUri) {
        return imageUri != null && ECR.matcher(imageUri).matches();
    }

    /** The image an ECR URI names, looked up locally; {@code null} when the engine has no such image. */
    public LocalImage find(String imageUri) throws IOException {
        Matcher m = ECR.matcher(imageUri);
        if (!m.matches()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(imageUri);
        names.add(m.group(2) != null ? m.group(1) + ":" + m.group(2) : m.group(1) + "@" + m.group(3));
        for (String name : names) {
            JsonNode image;
            try {
                image = engine.call("GET", "/images/" + name + "/json", null);
            } catch (DockerEngine.EngineException e) {
                if (e.status == 404) {
                    continue;
                }
                throw e;
            }
            String id = image.path("Id").asText();
            String digest = m.group(3) != null ? m.group(3) : repositoryDigest(image, id);
            String repository = imageUri.substring(0, m.start(2) > 0 ? m.start(2) - 1 : m.start(3) - 1);
            JsonNode config = image.path("Config");
            return new LocalImage(id, digest, repository + "@" + digest, strings(config.path("Entrypoint")),
                    strings(config.path("Cmd")), config.path("WorkingDir").asText(""));
        }
        return null;
    }

    /** The digest the image was pushed or pulled with, else (an image built here) its id. */
    private static String repositoryDigest(JsonNode image, String id) {
        for (JsonNode d : image.path("RepoDigests")) {
            String s = d.asText();
            int at = s.indexOf('@');
            if (at > 0) {
                return s.substring(at + 1);
            }
        }
        return id;
    }

    /** The strings of a JSON array of the engine's ({@code Entrypoint}, {@code Cmd}); none for a missing one. */
    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }
}
