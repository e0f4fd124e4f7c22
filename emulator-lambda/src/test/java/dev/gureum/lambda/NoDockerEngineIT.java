package dev.gureum.lambda;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.PackageType;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without a Docker engine, a function of a container image is refused with the cause named. */
class NoDockerEngineIT {

    @Test
    void anImageFunctionIsRefusedNamingTheMissingEngine() {
        try (LambdaTestSupport t = new LambdaTestSupport(Map.of("lambda.docker-host",
                "unix:///nonexistent/docker.sock"))) {
            assertThatThrownBy(() -> t.lambdaNoRetries.createFunction(r -> r.functionName("image")
                    .packageType(PackageType.IMAGE).role(LambdaTestSupport.ROLE)
                    .code(c -> c.imageUri("000000000000.dkr.ecr.us-east-1.amazonaws.com/app:latest"))))
                    .isInstanceOf(InvalidParameterValueException.class)
                    .hasMessageContaining("Gureum runs container images (PackageType Image) in a Docker engine, and "
                            + "none is available: no Docker engine socket at /nonexistent/docker.sock");
            assertThatThrownBy(() -> t.lambda.createFunction(r -> r.functionName("img").role(LambdaTestSupport.ROLE)
                    .packageType(PackageType.IMAGE).code(c -> c.imageUri("123.dkr.ecr.us-east-1.amazonaws.com/x:1"))))
                    .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("container images");
        }
    }
}
