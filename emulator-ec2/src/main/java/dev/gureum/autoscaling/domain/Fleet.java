package dev.gureum.autoscaling.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Auto Scaling's view of EC2: the subnets and zones a group may use, the launch templates it names, and the
 * instances it launches, watches and terminates. EC2's own refusals of a launch arrive as {@link LaunchFailure}.
 */
public interface Fleet {

    record SubnetFacts(String id, String vpcId, String zone) {
    }

    /** A launch template as resolved: its id and name, and its version numbers. */
    record TemplateFacts(String id, String name, long defaultVersion, long latestVersion) {
    }

    /**
     * What to launch: from a template (by id or name, with a version) or a launch configuration, {@code count}
     * instances in one subnet (or zone, outside a VPC), of a type other than the source's when given, as Spot
     * when asked, with the tags Auto Scaling puts on them.
     */
    record LaunchOrder(LaunchTemplateSpec template, LaunchConfiguration configuration, String subnetId, String zone,
                       String instanceType, boolean spot, String spotMaxPrice, int count, Map<String, String> tags) {
    }

    /** An instance as EC2 has it: state name ({@code pending}, {@code running}...), zone, type, image, spot. */
    record InstanceFacts(String id, String state, String zone, String subnetId, String instanceType, String imageId,
                         Instant launchTime, boolean spot, String templateId, String templateVersion) {
    }

    /** EC2 refused a launch, with its error code and message ({@code InsufficientInstanceCapacity}...). */
    final class LaunchFailure extends RuntimeException {
        private final String code;

        public LaunchFailure(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    Optional<SubnetFacts> subnet(String account, String region, String subnetId);

    /** The region's Availability Zone names, or empty when the region is unknown. */
    List<String> zones(String region);

    Optional<TemplateFacts> template(String account, String region, String id, String name);

    /**
     * A launch template version's data (its members as {@code CreateLaunchTemplate} names them:
     * {@code InstanceType}, {@code IamInstanceProfile.Name}...), empty when there is no such template or version.
     */
    default Map<String, String> templateData(String account, String region, String id, String name, String version) {
        return Map.of();
    }

    /** Launches, all or none; the ids of the instances launched. */
    List<String> launch(String account, String region, LaunchOrder order);

    /** Terminates the instances that still exist. */
    void terminate(String account, String region, Collection<String> instanceIds);

    /** The instances EC2 still knows, by id. */
    Map<String, InstanceFacts> describe(String account, String region, Collection<String> instanceIds);

    /** Sets tags on instances (adds or replaces those keys). */
    void tag(String account, String region, Collection<String> instanceIds, Map<String, String> tags);

    /** Removes tags from instances. */
    void untag(String account, String region, Collection<String> instanceIds, Collection<String> keys);
}
