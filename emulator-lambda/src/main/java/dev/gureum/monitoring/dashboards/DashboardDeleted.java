package dev.gureum.monitoring.dashboards;

/** A dashboard removed. */
public record DashboardDeleted(String account, String name) {
}
