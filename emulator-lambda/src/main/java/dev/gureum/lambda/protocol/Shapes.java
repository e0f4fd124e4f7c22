package dev.gureum.lambda.protocol;

import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Struct;
import dev.gureum.lambda.domain.Alias;
import dev.gureum.lambda.domain.Cors;
import dev.gureum.lambda.domain.EventSourceMapping;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.LayerRef;
import dev.gureum.lambda.domain.LayerVersion;
import dev.gureum.lambda.domain.UrlConfig;
import dev.gureum.lambda.domain.VpcConfig;

import java.util.ArrayList;
import java.util.List;

/** The structures Lambda answers with, built from the domain. */
final class Shapes {

    private Shapes() {
    }

    static Struct configuration(FunctionConfig c) {
        Struct s = Struct.of()
                .put("FunctionName", c.name)
                .put("FunctionArn", c.reportedArn())
                .put("Runtime", c.runtime)
                .put("Role", c.role)
                .put("Handler", c.handler)
                .put("CodeSize", c.codeSize())
                .put("Description", c.description)
                .put("Timeout", c.timeout)
                .put("MemorySize", c.memorySize)
                .put("LastModified", Timestamps.format(c.lastModified))
                .put("CodeSha256", c.codeSha256())
                .put("Version", c.version);
        if (c.vpcConfig != null) {
            s.put("VpcConfig", vpcConfig(c.vpcConfig));
        }
        if (c.deadLetterTargetArn != null) {
            s.put("DeadLetterConfig", Struct.of().put("TargetArn", c.deadLetterTargetArn));
        }
        if (c.environment != null) {
            s.put("Environment", Struct.of().put("Variables", MapValue.of(c.environment)));
        }
        s.put("KMSKeyArn", c.kmsKeyArn);
        s.put("TracingConfig", Struct.of().put("Mode", c.tracingMode));
        s.put("RevisionId", c.revisionId);
        if (!c.layers.isEmpty()) {
            List<Object> layers = new ArrayList<>();
            for (LayerRef l : c.layers) {
                layers.add(Struct.of().put("Arn", l.arn()).put("CodeSize", l.code().size()));
            }
            s.list("Layers", layers);
        }
        s.put("State", c.state).put("StateReason", c.stateReason).put("StateReasonCode", c.stateReasonCode)
                .put("LastUpdateStatus", c.lastUpdateStatus).put("LastUpdateStatusReason", c.lastUpdateStatusReason)
                .put("LastUpdateStatusReasonCode", c.lastUpdateStatusReasonCode)
                .put("PackageType", c.packageType())
                .list("Architectures", c.architectures)
                .put("EphemeralStorage", Struct.of().put("Size", c.ephemeralStorage))
                .put("SnapStart", Struct.of().put("ApplyOn", c.snapStartApplyOn).put("OptimizationStatus",
                        // Lambda snapshots the versions it publishes with ApplyOn PublishedVersions
                        "PublishedVersions".equals(c.snapStartApplyOn) && !FunctionConfig.LATEST.equals(c.version)
                                ? "On" : "Off"))
                .put("RuntimeVersionConfig", c.runtime == null ? null : Struct.of().put("RuntimeVersionArn",
                        Arn.of("lambda", c.region, "", "runtime:" + c.runtime + ".gureum").toString()));
        Struct logging = Struct.of().put("LogFormat", c.logFormat).put("LogGroup", c.logGroup);
        if ("JSON".equals(c.logFormat)) {
            logging.put("ApplicationLogLevel", c.applicationLogLevel == null ? "INFO" : c.applicationLogLevel)
                    .put("SystemLogLevel", c.systemLogLevel == null ? "INFO" : c.systemLogLevel);
        }
        s.put("LoggingConfig", logging);
        if (c.image != null) {
            ImageFunctions.describe(c.image, s);
        }
        return s;
    }

    static Struct alias(Alias a) {
        Struct s = Struct.of().put("AliasArn", a.aliasArn()).put("Name", a.name())
                .put("FunctionVersion", a.functionVersion()).put("Description", a.description());
        if (!a.additionalWeights().isEmpty()) {
            s.put("RoutingConfig", Struct.of().put("AdditionalVersionWeights",
                    MapValue.of(a.additionalWeights())));
        }
        return s.put("RevisionId", a.revisionId());
    }

    static Struct layerVersion(LayerVersion v, String location, boolean full) {
        Struct s = Struct.of();
        if (full) {
            s.put("Content", Struct.of().put("Location", location).put("CodeSha256", v.code().sha256())
                    .put("CodeSize", v.code().size()));
            s.put("LayerArn", v.layerArn());
        }
        s.put("LayerVersionArn", v.layerVersionArn());
        s.put("Description", v.description());
        s.put("CreatedDate", Timestamps.format(v.createdDate()));
        s.put("Version", v.version());
        if (!v.compatibleRuntimes().isEmpty()) {
            s.list("CompatibleRuntimes", v.compatibleRuntimes());
        }
        s.put("LicenseInfo", v.licenseInfo());
        if (!v.compatibleArchitectures().isEmpty()) {
            s.list("CompatibleArchitectures", v.compatibleArchitectures());
        }
        return s;
    }

    static Struct mapping(EventSourceMapping m) {
        Struct s = Struct.of().put("UUID", m.uuid())
                .put("BatchSize", m.batchSize())
                .put("MaximumBatchingWindowInSeconds", m.maximumBatchingWindowInSeconds())
                .put("EventSourceArn", m.eventSourceArn());
        if (m.filterCriteria() != null) {
            s.put("FilterCriteria", Struct.of().list("Filters", m.filterCriteria().patterns(),
                    pattern -> Struct.of().put("Pattern", pattern)));
        }
        s.put("FunctionArn", m.functionArn())
                .put("LastModified", m.lastModified())
                .put("LastProcessingResult", m.lastProcessingResult())
                .put("State", m.state())
                .put("StateTransitionReason", m.stateTransitionReason());
        s.list("FunctionResponseTypes", m.functionResponseTypes());
        if (m.maximumConcurrency() != null) {
            s.put("ScalingConfig", Struct.of().put("MaximumConcurrency", m.maximumConcurrency()));
        }
        return s.put("EventSourceMappingArn", m.arn());
    }

    static Struct url(UrlConfig u) {
        Struct s = Struct.of().put("FunctionUrl", u.functionUrl()).put("FunctionArn", u.functionArn())
                .put("AuthType", u.authType());
        if (u.cors() != null) {
            s.put("Cors", cors(u.cors()));
        }
        return s.put("CreationTime", Timestamps.format(u.creationTime()))
                .put("LastModifiedTime", Timestamps.format(u.lastModifiedTime()))
                .put("InvokeMode", u.invokeMode());
    }

    static Struct vpcConfig(VpcConfig v) {
        return Struct.of().list("SubnetIds", v.subnetIds()).list("SecurityGroupIds", v.securityGroupIds())
                .put("VpcId", v.vpcId()).put("Ipv6AllowedForDualStack", v.ipv6AllowedForDualStack());
    }

    /** The members that were set, in the model's order. */
    static Struct cors(Cors c) {
        return Struct.of().put("AllowCredentials", c.allowCredentials()).list("AllowHeaders", c.allowHeaders())
                .list("AllowMethods", c.allowMethods()).list("AllowOrigins", c.allowOrigins())
                .list("ExposeHeaders", c.exposeHeaders()).put("MaxAge", c.maxAge());
    }
}
