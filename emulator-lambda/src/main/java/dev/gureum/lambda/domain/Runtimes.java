package dev.gureum.lambda.domain;

import java.util.Set;

/** The runtime identifiers Lambda accepts, and the families of those Gureum can run. */
public final class Runtimes {

    /** How a runtime's environments are started. */
    public enum Family {
        PYTHON("python"), NODEJS("nodejs"), JAVA("java"), PROVIDED("provided"),
        /** Accepted by the API (as AWS does) but not run by Gureum. */
        OTHER("other");

        private final String key;

        Family(String key) {
            this.key = key;
        }

        /** The name a family goes by in settings: {@code --lambda-runtime python=/usr/bin/python3}. */
        public String key() {
            return key;
        }
    }

    /** Every value of the model's {@code Runtime} enumeration, deprecated ones included. */
    public static final Set<String> KNOWN = Set.of(
            "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x",
            "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x", "nodejs4.3-edge",
            "python2.7", "python3.6", "python3.7", "python3.8", "python3.9", "python3.10", "python3.11", "python3.12",
            "python3.13", "python3.14",
            "java8", "java8.al2", "java11", "java17", "java21", "java25",
            "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6", "dotnet8", "dotnet10",
            "go1.x", "ruby2.5", "ruby2.7", "ruby3.2", "ruby3.3", "ruby3.4",
            "provided", "provided.al2", "provided.al2023");

    private Runtimes() {
    }

    public static Family family(String runtime) {
        if (runtime == null) {
            return Family.OTHER;
        }
        if (runtime.startsWith("python3")) {
            return Family.PYTHON;
        }
        if (runtime.startsWith("nodejs")) {
            return Family.NODEJS;
        }
        if (runtime.startsWith("java") && !runtime.equals("java8")) {
            return Family.JAVA;
        }
        if (runtime.startsWith("provided")) {
            return Family.PROVIDED;
        }
        return Family.OTHER;
    }

    /** {@code AWS_EXECUTION_ENV} as AWS sets it: {@code AWS_Lambda_python3.12}. */
    public static String executionEnv(String runtime) {
        return "AWS_Lambda_" + runtime;
    }
}
