package dev.gureum.testcontainers;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs the image's tests where a Docker engine answers, and otherwise skips them, saying why on the
 * build's output (a skipped test alone does not tell a reader that no engine was found).
 * {@code -Dgureum.docker.skip=REASON} skips them for that reason (the build could not make a base image).
 */
public final class DockerAvailable implements ExecutionCondition {

    private static volatile String missing;
    private static volatile boolean checked;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = reasonToSkip();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("a Docker engine answers");
        }
        if (context.getTestMethod().isEmpty()) {
            System.out.println("SKIPPED " + context.getDisplayName() + ": " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    private static synchronized String reasonToSkip() {
        if (!checked) {
            checked = true;
            String told = System.getProperty("gureum.docker.skip", "");
            if (!told.isBlank()) {
                missing = told.trim();
                return missing;
            }
            try {
                DockerClientFactory.instance().client();
                missing = null;
            } catch (RuntimeException | LinkageError e) {
                missing = "no Docker engine is reachable (" + e.getMessage() + "; start dockerd, or set DOCKER_HOST), "
                        + "so the tests of Gureum's Docker image do not run";
            }
        }
        return missing;
    }
}
