package dev.gureum.lambda.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.container.ContainerImages;
import dev.gureum.lambda.domain.ContainerImage;

import java.io.IOException;
import java.util.List;

/**
 * Functions of {@code PackageType} {@code Image}: the {@code ImageUri} resolved to an image of the local Docker
 * engine and pinned to its digest, the {@code ImageConfig} overrides, and how they are reported
 * ({@code ImageConfigResponse}, {@code Code.RepositoryType} {@code ECR}).
 */
final class ImageFunctions {

    private final LambdaState state;

    ImageFunctions(LambdaState state) {
        this.state = state;
    }

    /** The image {@code imageUri} names, with the {@code ImageConfig} in {@code imageConfig} (may be empty). */
    ContainerImage resolve(String imageUri, Params imageConfig) {
        if (imageUri == null) {
            throw LambdaErrors.invalid("Please provide ImageUri when creating a function with packageType Image.");
        }
        ContainerImages images = images();
        if (!ContainerImages.valid(imageUri)) {
            throw LambdaErrors.invalid("Source image " + imageUri + " is not valid. Provide a valid source image.");
        }
        ContainerImages.LocalImage found;
        try {
            found = images.find(imageUri);
        } catch (IOException e) {
            throw new AwsException(LambdaError.SERVICE, "The Docker engine at " + images.engine().description()
                    + " failed to look up " + imageUri + ": " + e.getMessage());
        }
        if (found == null) {
            throw LambdaErrors.invalid("Source image " + imageUri + " does not exist. Provide a valid source image.");
        }
        ContainerImage image = new ContainerImage(imageUri, found.resolvedUri(), found.digest(), found.id(), null,
                null, null);
        return imageConfig == null ? image : withImageConfig(image, imageConfig);
    }

    /** The image with the {@code ImageConfig} members given (an empty one clears them). */
    static ContainerImage withImageConfig(ContainerImage image, Params config) {
        List<String> entryPoint = config.has("EntryPoint") ? config.stringList("EntryPoint") : null;
        List<String> command = config.has("Command") ? config.stringList("Command") : null;
        String workingDirectory = config.string("WorkingDirectory");
        if (entryPoint != null && entryPoint.size() > 1500 || command != null && command.size() > 1500) {
            throw LambdaErrors.validation("imageConfig", null, "Member must have length less than or equal to 1500");
        }
        if (workingDirectory != null && workingDirectory.length() > 1000) {
            throw LambdaErrors.validation("imageConfig.workingDirectory", workingDirectory,
                    "Member must have length less than or equal to 1000");
        }
        return image.withImageConfig(entryPoint, command, workingDirectory);
    }

    /** The Docker engine's images; {@code InvalidParameterValueException} naming the cause when there is none. */
    private ContainerImages images() {
        ContainerImages images = state.runner.images();
        String problem = images.engine().unreachable();
        if (problem != null) {
            throw LambdaErrors.invalid("Gureum runs container images (PackageType Image) in a Docker engine, and "
                    + "none is available: " + problem + ". Start Docker or set DOCKER_HOST, or deploy a .zip package.");
        }
        return images;
    }

    /** {@code ImageConfigResponse} of a configuration, when it has {@code ImageConfig} values. */
    static void describe(ContainerImage image, Struct configuration) {
        if (image.hasImageConfig()) {
            configuration.put("ImageConfigResponse", Struct.of().put("ImageConfig", Struct.of()
                    .list("EntryPoint", image.entryPoint()).list("Command", image.command())
                    .put("WorkingDirectory", image.workingDirectory())));
        }
    }

    /** {@code GetFunction}'s {@code Code} of an image function. */
    static Struct location(ContainerImage image) {
        return Struct.of().put("RepositoryType", "ECR").put("ImageUri", image.imageUri())
                .put("ResolvedImageUri", image.resolvedImageUri());
    }
}
