package dev.gureum.lambda.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of a function ({@code $LATEST} or a published number): everything
 * {@code GetFunctionConfiguration} reports, and the code it runs. Never changed once made: an update
 * builds a new one from {@link #toBuilder()}, so that running environments can tell they are stale.
 */
public final class FunctionConfig {

    public static final String LATEST = "$LATEST";

    public final String name;
    public final String functionArn;
    public final String version;
    public final String accountId;
    public final String region;
    public final String runtime;
    public final String role;
    public final String handler;
    public final String description;
    public final int timeout;
    public final int memorySize;
    public final Map<String, String> environment;
    public final List<LayerRef> layers;
    /** The .zip package, or {@code null} for a function of {@code PackageType} {@code Image}. */
    public final StoredCode code;
    /** The container image of a function of {@code PackageType} {@code Image}, else {@code null}. */
    public final ContainerImage image;
    public final List<String> architectures;
    public final int ephemeralStorage;
    public final String tracingMode;
    public final String deadLetterTargetArn;
    public final String kmsKeyArn;
    public final VpcConfig vpcConfig;
    public final String logFormat;
    public final String logGroup;
    public final String applicationLogLevel;
    public final String systemLogLevel;
    public final String snapStartApplyOn;
    public final Instant lastModified;
    public final String revisionId;
    public final String state;
    public final String stateReason;
    public final String stateReasonCode;
    public final String lastUpdateStatus;
    public final String lastUpdateStatusReason;
    public final String lastUpdateStatusReasonCode;

    private FunctionConfig(Builder b) {
        name = b.name;
        functionArn = b.functionArn;
        version = b.version;
        accountId = b.accountId;
        region = b.region;
        runtime = b.runtime;
        role = b.role;
        handler = b.handler;
        description = b.description == null ? "" : b.description;
        timeout = b.timeout;
        memorySize = b.memorySize;
        environment = b.environment == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        layers = List.copyOf(b.layers);
        code = b.code;
        image = b.image;
        architectures = List.copyOf(b.architectures);
        ephemeralStorage = b.ephemeralStorage;
        tracingMode = b.tracingMode;
        deadLetterTargetArn = b.deadLetterTargetArn;
        kmsKeyArn = b.kmsKeyArn;
        vpcConfig = b.vpcConfig;
        logFormat = b.logFormat;
        logGroup = b.logGroup;
        applicationLogLevel = b.applicationLogLevel;
        systemLogLevel = b.systemLogLevel;
        snapStartApplyOn = b.snapStartApplyOn;
        lastModified = b.lastModified;
        revisionId = b.revisionId;
        state = b.state;
        stateReason = b.stateReason;
        stateReasonCode = b.stateReasonCode;
        lastUpdateStatus = b.lastUpdateStatus;
        lastUpdateStatusReason = b.lastUpdateStatusReason;
        lastUpdateStatusReasonCode = b.lastUpdateStatusReasonCode;
    }

    /** The ARN of this version: unqualified for {@code $LATEST} as Lambda reports it, else {@code ...:function:name:3}. */
    public String reportedArn() {
        return LATEST.equals(version) ? functionArn : functionArn + ":" + version;
    }

    public String qualifiedArn() {
        return functionArn + ":" + version;
    }

    /** {@code PackageType}: {@code Zip} or {@code Image}. */
    public String packageType() {
        return image == null ? "Zip" : "Image";
    }

    /** {@code CodeSha256}: the package's (base64) or the image digest's (hex). */
    public String codeSha256() {
        return image == null ? code.sha256() : image.codeSha256();
    }

    /** {@code CodeSize}: the package's; 0 for an image, as Lambda reports it. */
    public long codeSize() {
        return image == null ? code.size() : 0;
    }

    public Runtimes.Family family() {
        return Runtimes.family(runtime);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.functionArn = functionArn;
        b.version = version;
        b.accountId = accountId;
        b.region = region;
        b.runtime = runtime;
        b.role = role;
        b.handler = handler;
        b.description = description;
        b.timeout = timeout;
        b.memorySize = memorySize;
        b.environment = environment == null ? null : new LinkedHashMap<>(environment);
        b.layers = new ArrayList<>(layers);
        b.code = code;
        b.image = image;
        b.architectures = new ArrayList<>(architectures);
        b.ephemeralStorage = ephemeralStorage;
        b.tracingMode = tracingMode;
        b.deadLetterTargetArn = deadLetterTargetArn;
        b.kmsKeyArn = kmsKeyArn;
        b.vpcConfig = vpcConfig;
        b.logFormat = logFormat;
        b.logGroup = logGroup;
        b.applicationLogLevel = applicationLogLevel;
        b.systemLogLevel = systemLogLevel;
        b.snapStartApplyOn = snapStartApplyOn;
        b.lastModified = lastModified;
        b.revisionId = revisionId;
        b.state = state;
        b.stateReason = stateReason;
        b.stateReasonCode = stateReasonCode;
        b.lastUpdateStatus = lastUpdateStatus;
        b.lastUpdateStatusReason = lastUpdateStatusReason;
        b.lastUpdateStatusReasonCode = lastUpdateStatusReasonCode;
        return b;
    }

    /**
     * Whether a version published from this one would differ from {@code other} in what it runs or
     * reports (Lambda publishes no new version when nothing changed).
     */
    public boolean sameContentAs(FunctionConfig other) {
        return other != null && java.util.Objects.equals(codeSha256(), other.codeSha256())
                && java.util.Objects.equals(image, other.image)
                && java.util.Objects.equals(runtime, other.runtime) && java.util.Objects.equals(handler, other.handler)
                && java.util.Objects.equals(role, other.role) && timeout == other.timeout
                && memorySize == other.memorySize && java.util.Objects.equals(environment, other.environment)
                && layers.stream().map(LayerRef::arn).toList().equals(other.layers.stream().map(LayerRef::arn).toList())
                && java.util.Objects.equals(description, other.description)
                && java.util.Objects.equals(architectures, other.architectures)
                && ephemeralStorage == other.ephemeralStorage
                && java.util.Objects.equals(tracingMode, other.tracingMode)
                && java.util.Objects.equals(vpcConfig, other.vpcConfig)
                && java.util.Objects.equals(deadLetterTargetArn, other.deadLetterTargetArn)
                && java.util.Objects.equals(logFormat, other.logFormat)
                && java.util.Objects.equals(logGroup, other.logGroup);
    }

    /** A configuration under construction. */
    public static final class Builder {
        public String name;
        public String functionArn;
        public String version = LATEST;
        public String accountId;
        public String region;
        public String runtime;
        public String role;
        public String handler;
        public String description = "";
        public int timeout = 3;
        public int memorySize = 128;
        public Map<String, String> environment;
        public List<LayerRef> layers = new ArrayList<>();
        public StoredCode code;
        public ContainerImage image;
        public List<String> architectures = new ArrayList<>(List.of("x86_64"));
        public int ephemeralStorage = 512;
        public String tracingMode = "PassThrough";
        public String deadLetterTargetArn;
        public String kmsKeyArn;
        public VpcConfig vpcConfig;
        public String logFormat = "Text";
        public String logGroup;
        public String applicationLogLevel;
        public String systemLogLevel;
        public String snapStartApplyOn = "None";
        public Instant lastModified;
        public String revisionId;
        public String state;
        public String stateReason;
        public String stateReasonCode;
        public String lastUpdateStatus;
        public String lastUpdateStatusReason;
        public String lastUpdateStatusReasonCode;

        public FunctionConfig build() {
            return new FunctionConfig(this);
        }
    }
}
