package dev.gureum.autoscaling.domain;

/**
 * A launch template as a group names it: by id or by name, with a version ({@code $Default}, {@code $Latest} or a
 * number; {@code null} is {@code $Default}). The group keeps what the caller gave and shows the id and name both.
 */
public record LaunchTemplateSpec(String id, String name, String version) {

    public LaunchTemplateSpec withVersion(String v) {
        return new LaunchTemplateSpec(id, name, v);
    }
}
