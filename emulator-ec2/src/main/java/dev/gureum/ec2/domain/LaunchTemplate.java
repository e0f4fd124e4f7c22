package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A launch template: its numbered versions, the default one launches use unless told otherwise, and the
 * latest. Version numbers are never reused, even after the latest is deleted.
 */
public final class LaunchTemplate implements Tagged {

    /** AWS keeps up to 10,000 versions of a template. */
    static final int VERSION_LIMIT = 10_000;

    private final String id;
    private final String name;
    private final Instant createTime;
    private final String createdBy;
    private final TreeMap<Long, LaunchTemplateVersion> versions = new TreeMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private long defaultVersion = 1;
    private long lastNumber;
    /** The ClientTokens of the calls that made it and its versions, to the version each made. */
    private final Map<String, Long> clientTokens = new LinkedHashMap<>();

    public LaunchTemplate(String name, Instant createTime, String createdBy) {
        this(Ids.ec2("lt"), name, createTime, createdBy);
    }

    LaunchTemplate(String id, String name, Instant createTime, String createdBy) {
        this.id = id;
        this.name = name;
        this.createTime = createTime;
        this.createdBy = createdBy;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "launch-template";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String name() {
        return name;
    }

    public Instant createTime() {
        return createTime;
    }

    public String createdBy() {
        return createdBy;
    }

    public long defaultVersion() {
        return defaultVersion;
    }

    /** The highest version number given so far (that version may have been deleted since). */
    public long latestVersion() {
        return lastNumber;
    }

    public List<LaunchTemplateVersion> versions() {
        return new ArrayList<>(versions.values());
    }

    public LaunchTemplateVersion version(long number) {
        return versions.get(number);
    }

    LaunchTemplateVersion addVersion(String description, Map<String, String> data, Instant now, String createdBy) {
        LaunchTemplateVersion v = new LaunchTemplateVersion(lastNumber + 1, description, now, createdBy, data);
        versions.put(v.number(), v);
        lastNumber = v.number();
        return v;
    }

    void defaultVersion(long number) {
        this.defaultVersion = number;
    }

    boolean removeVersion(long number) {
        return versions.remove(number) != null;
    }

    /** ClientTokens of the calls that made versions, to the version each made. */
    public Map<String, Long> clientTokens() {
        return clientTokens;
    }

    /** Sets what a template held (a restart). */
    void restore(long defaultVersion, long lastNumber, List<LaunchTemplateVersion> kept, Map<String, Long> tokens) {
        this.defaultVersion = defaultVersion;
        this.lastNumber = lastNumber;
        clientTokens.clear();
        clientTokens.putAll(tokens);
        versions.clear();
        kept.forEach(v -> versions.put(v.number(), v));
    }
}
