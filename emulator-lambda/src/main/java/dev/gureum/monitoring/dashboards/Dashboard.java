package dev.gureum.monitoring.dashboards;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A dashboard: its name and its body (JSON text, as the client sent it). Dashboards belong to an account,
 * not a region: CloudWatch shows the same ones in every region.
 */
public record Dashboard(String account, String name, String body, Instant lastModified) {

    /** The size CloudWatch reports: the body's bytes. */
    public long size() {
        return body.getBytes(StandardCharsets.UTF_8).length;
    }
}
