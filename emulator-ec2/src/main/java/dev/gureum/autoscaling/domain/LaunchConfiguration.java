package dev.gureum.autoscaling.domain;

import java.time.Instant;
import java.util.List;

/** A launch configuration: what an instance of a group is launched with, fixed once created (AWS has no update). */
public record LaunchConfiguration(String arn, String account, String region, String name, String imageId,
                                  String instanceType, String keyName, List<String> securityGroups, String userData,
                                  String spotPrice, String iamInstanceProfile, Boolean associatePublicIpAddress,
                                  boolean instanceMonitoring, boolean ebsOptimized, String placementTenancy,
                                  Instant createdTime) {

    public LaunchConfiguration {
        securityGroups = List.copyOf(securityGroups);
    }
}
