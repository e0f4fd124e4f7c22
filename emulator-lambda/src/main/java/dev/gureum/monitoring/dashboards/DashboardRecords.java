package dev.gureum.monitoring.dashboards;

import dev.gureum.core.persist.RecordType;

/** Dashboards as journal records (tags 10 and 11 of the {@code cloudwatch} journal, version 1). */
public final class DashboardRecords {

    public static final RecordType<Dashboard> SAVED = RecordType.of(10, Dashboard.class, 1,
            (d, out) -> {
                out.writeString(d.account());
                out.writeString(d.name());
                out.writeString(d.body());
                out.writeInstant(d.lastModified());
            },
            (in, version) -> new Dashboard(in.readString(), in.readString(), in.readString(), in.readInstant()));

    public static final RecordType<DashboardDeleted> DELETED = RecordType.of(11, DashboardDeleted.class, 1,
            (d, out) -> {
                out.writeString(d.account());
                out.writeString(d.name());
            },
            (in, version) -> new DashboardDeleted(in.readString(), in.readString()));

    private DashboardRecords() {
    }
}
