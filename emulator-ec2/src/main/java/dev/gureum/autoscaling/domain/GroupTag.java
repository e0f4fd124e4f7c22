package dev.gureum.autoscaling.domain;

/** A tag of a group; with {@code propagateAtLaunch} it is put on the instances the group launches. */
public record GroupTag(String key, String value, boolean propagateAtLaunch) {
}
