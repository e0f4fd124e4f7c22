package dev.gureum.sns.domain;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A mobile push platform application (FCM, APNs...): its credentials and event topics as attributes. */
public final class PlatformApplication {

    private final String arn;
    private final String name;
    private final String platform;
    private final Map<String, String> attributes = new ConcurrentHashMap<>();

    public PlatformApplication(String arn, String name, String platform, Map<String, String> attributes) {
        this.arn = arn;
        this.name = name;
        this.platform = platform;
        this.attributes.putAll(attributes);
    }

    public String arn() {
        return arn;
    }

    public String name() {
        return name;
    }

    public String platform() {
        return platform;
    }

    public Map<String, String> attributes() {
        return new TreeMap<>(attributes);
    }

    public void attributes(Map<String, String> changed) {
        changed.forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                attributes.remove(k);
            } else {
                attributes.put(k, v);
            }
        });
    }
}
