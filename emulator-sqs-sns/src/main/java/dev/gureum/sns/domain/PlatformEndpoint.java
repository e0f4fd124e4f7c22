package dev.gureum.sns.domain;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A device registered with a platform application: its token, user data and whether it is enabled. */
public final class PlatformEndpoint {

    public static final String TOKEN = "Token";
    public static final String ENABLED = "Enabled";
    public static final String CUSTOM_USER_DATA = "CustomUserData";

    private final String arn;
    private final String applicationArn;
    private final Map<String, String> attributes = new ConcurrentHashMap<>();

    public PlatformEndpoint(String arn, String applicationArn, Map<String, String> attributes) {
        this.arn = arn;
        this.applicationArn = applicationArn;
        this.attributes.putAll(attributes);
    }

    public String arn() {
        return arn;
    }

    public String applicationArn() {
        return applicationArn;
    }

    public String token() {
        return attributes.get(TOKEN);
    }

    public boolean isEnabled() {
        return !"false".equalsIgnoreCase(attributes.get(ENABLED));
    }

    public Map<String, String> attributes() {
        return new TreeMap<>(attributes);
    }

    public void attributes(Map<String, String> changed) {
        changed.forEach((k, v) -> {
            if (v == null) {
                attributes.remove(k);
            } else {
                attributes.put(k, v);
            }
        });
    }
}
