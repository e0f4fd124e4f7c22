package dev.gureum.sqs.domain;

import dev.gureum.sqs.domain.SqsException.Reason;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A queue's configuration: its settable attributes, the parsed redrive policy, tags and the permissions
 * AddPermission granted, with when it was created and last changed. Not thread-safe: the queue calls it
 * under its monitor.
 */
final class QueueSettings {

    private final Map<String, String> attributes;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, QueuePermission> permissions = new LinkedHashMap<>();
    private final Instant created;
    private Instant lastModified;
    private RedrivePolicy redrivePolicy;

    QueueSettings(boolean fifo, Map<String, String> attributes, Map<String, String> tags, Instant created) {
        this.attributes = QueueAttributes.defaults(fifo);
        this.attributes.putAll(attributes);
        this.tags.putAll(tags);
        this.created = created;
        this.lastModified = created;
    }

    Instant created() {
        return created;
    }

    Instant lastModified() {
        return lastModified;
    }

    Map<String, String> attributes() {
        return new LinkedHashMap<>(attributes);
    }

    String attribute(String name) {
        return attributes.get(name);
    }

    int intAttribute(String name) {
        return Integer.parseInt(attributes.get(name));
    }

    /** Sets attributes; an empty policy (RedrivePolicy, Policy, RedriveAllowPolicy) removes it. */
    void setAttributes(Map<String, String> changes, Instant now) {
        for (Map.Entry<String, String> e : changes.entrySet()) {
            if (e.getValue().isEmpty() && (e.getKey().equals(QueueAttributes.REDRIVE_POLICY)
                    || e.getKey().equals(QueueAttributes.POLICY) || e.getKey().equals(QueueAttributes.REDRIVE_ALLOW_POLICY))) {
                attributes.remove(e.getKey());
            } else {
                attributes.put(e.getKey(), e.getValue());
            }
        }
        lastModified = now;
    }

    RedrivePolicy redrivePolicy() {
        return redrivePolicy;
    }

    void redrivePolicy(RedrivePolicy policy) {
        this.redrivePolicy = policy;
    }

    Map<String, String> tags() {
        return new LinkedHashMap<>(tags);
    }

    void tag(Map<String, String> newTags) {
        tags.putAll(newTags);
    }

    void untag(List<String> keys) {
        keys.forEach(tags::remove);
    }

    Map<String, QueuePermission> permissions() {
        return new LinkedHashMap<>(permissions);
    }

    void addPermission(QueuePermission permission) {
        if (permissions.containsKey(permission.label())) {
            throw new SqsException(Reason.PERMISSION_LABEL_EXISTS, permission.label());
        }
        permissions.put(permission.label(), permission);
    }

    void removePermission(String label) {
        if (permissions.remove(label) == null) {
            throw new SqsException(Reason.PERMISSION_LABEL_NOT_FOUND, label);
        }
    }

    /** Sets the whole configuration, as a record of it holds it. */
    void restore(Map<String, String> attributes, Map<String, String> tags, List<QueuePermission> permissions,
                 RedrivePolicy redrivePolicy, Instant lastModified) {
        this.attributes.clear();
        this.attributes.putAll(attributes);
        this.tags.clear();
        this.tags.putAll(tags);
        this.permissions.clear();
        permissions.forEach(p -> this.permissions.put(p.label(), p));
        this.redrivePolicy = redrivePolicy;
        this.lastModified = lastModified;
    }
}
