package dev.gureum.monitoring.dashboards;

import dev.gureum.core.id.PageTokens;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The dashboards of every account, by name. Changes go through {@link #apply}, as replay does. */
public final class DashboardStore {

    public static final int PAGE_SIZE = 1000;

    private final Clock clock;
    private final Map<String, NavigableMap<String, Dashboard>> byAccount = new ConcurrentHashMap<>();

    public DashboardStore(Clock clock) {
        this.clock = clock;
    }

    /** Validates and stores a dashboard; the record to journal. */
    public Dashboard put(String account, String name, String body, Object parsedBody) {
        DashboardRules.checkName(name);
        if (body == null) {
            throw new DashboardException(DashboardException.Reason.INVALID_INPUT,
                    "The parameter DashboardBody is required.", List.of());
        }
        List<DashboardRules.ValidationMessage> messages = DashboardRules.validate(parsedBody);
        if (!messages.isEmpty()) {
            throw new DashboardException(DashboardException.Reason.INVALID_INPUT,
                    "The field DashboardBody must be a valid JSON object with widgets: "
                            + messages.get(0).message(), messages);
        }
        Dashboard d = new Dashboard(account, name, body, clock.instant());
        apply(d);
        return d;
    }

    public Dashboard get(String account, String name) {
        if (name == null || name.isEmpty()) {
            throw new DashboardException(DashboardException.Reason.INVALID_VALUE,
                    "The parameter DashboardName is required.", List.of());
        }
        Dashboard d = dashboards(account).get(name);
        if (d == null) {
            throw new DashboardException(DashboardException.Reason.NOT_FOUND,
                    "Dashboard " + name + " does not exist", List.of());
        }
        return d;
    }

    /** Deletes every one of {@code names}, or none when one does not exist; the records to journal. */
    public synchronized List<DashboardDeleted> delete(String account, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new DashboardException(DashboardException.Reason.INVALID_VALUE,
                    "The parameter DashboardNames is required.", List.of());
        }
        NavigableMap<String, Dashboard> dashboards = dashboards(account);
        List<String> missing = names.stream().filter(n -> !dashboards.containsKey(n)).distinct().toList();
        if (!missing.isEmpty()) {
            throw new DashboardException(DashboardException.Reason.NOT_FOUND,
                    "The specified dashboard does not exist. [" + String.join(", ", missing) + "]", List.of());
        }
        List<DashboardDeleted> deleted = new ArrayList<>();
        for (String name : names.stream().distinct().toList()) {
            DashboardDeleted d = new DashboardDeleted(account, name);
            apply(d);
            deleted.add(d);
        }
        return deleted;
    }

    public PageTokens.Page<Dashboard> list(String account, String prefix, String nextToken) {
        List<Dashboard> matching = dashboards(account).values().stream()
                .filter(d -> prefix == null || d.name().startsWith(prefix)).toList();
        try {
            return PageTokens.page(matching, nextToken, PAGE_SIZE);
        } catch (PageTokens.InvalidTokenException e) {
            throw new DashboardException(DashboardException.Reason.INVALID_VALUE,
                    "The value " + nextToken + " for parameter NextToken is invalid.", List.of());
        }
    }

    private NavigableMap<String, Dashboard> dashboards(String account) {
        return byAccount.computeIfAbsent(account, k -> new ConcurrentSkipListMap<>());
    }

    /** Sets a dashboard, or removes one: live changes and replay alike. */
    public void apply(Object record) {
        if (record instanceof Dashboard d) {
            dashboards(d.account()).put(d.name(), d);
        } else if (record instanceof DashboardDeleted d) {
            dashboards(d.account()).remove(d.name());
        } else {
            throw new IllegalArgumentException("Not a dashboard record: " + record.getClass().getName());
        }
    }

    public List<Dashboard> records() {
        List<Dashboard> all = new ArrayList<>();
        byAccount.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    public void clear() {
        byAccount.clear();
    }
}
