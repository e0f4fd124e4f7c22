package dev.gureum.ec2.domain;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One version of a launch template. Its data is kept as RequestLaunchTemplateData's query members
 * ({@code NetworkInterface.1.SubnetId} to its value), exactly as they were given, so that every field is
 * returned as given and can be launched as RunInstances' members of the same names.
 *
 * @param description {@code VersionDescription}, or {@code null}
 * @param createdBy   the ARN of the caller that made it
 */
public record LaunchTemplateVersion(long number, String description, Instant createTime, String createdBy,
                                    Map<String, String> data) {

    public LaunchTemplateVersion {
        data = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(data));
    }

    /** The top-level parameter a query member belongs to: {@code NetworkInterface} for {@code NetworkInterface.1.SubnetId}. */
    public static String parameter(String member) {
        int dot = member.indexOf('.');
        return dot < 0 ? member : member.substring(0, dot);
    }

    /**
     * {@code data} on top of {@code base}: each parameter {@code data} gives replaces the whole of that
     * parameter in {@code base} (a list of network interfaces is replaced, not merged item by item).
     */
    public static Map<String, String> overlay(Map<String, String> base, Map<String, String> data) {
        java.util.Set<String> given = new java.util.HashSet<>();
        data.keySet().forEach(k -> given.add(parameter(k)));
        Map<String, String> out = new TreeMap<>();
        base.forEach((k, v) -> {
            if (!given.contains(parameter(k))) {
                out.put(k, v);
            }
        });
        out.putAll(data);
        return out;
    }
}
