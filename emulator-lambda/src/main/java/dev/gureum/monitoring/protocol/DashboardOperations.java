package dev.gureum.monitoring.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.json.Json;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.monitoring.dashboards.Dashboard;
import dev.gureum.monitoring.dashboards.DashboardDeleted;
import dev.gureum.monitoring.dashboards.DashboardException;
import dev.gureum.monitoring.dashboards.DashboardRules;
import dev.gureum.monitoring.dashboards.DashboardStore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** {@code PutDashboard}, {@code GetDashboard}, {@code ListDashboards} and {@code DeleteDashboards}. */
final class DashboardOperations {

    private static final ObjectMapper BODY = Json.strict();

    private final DashboardStore store;
    private final Supplier<StateJournal> journal;

    DashboardOperations(DashboardStore store, Supplier<StateJournal> journal) {
        this.store = store;
        this.journal = journal;
    }

    void register(CloudWatchService service) {
        service.operation("PutDashboard", this::putDashboard);
        service.operation("GetDashboard", this::getDashboard);
        service.operation("ListDashboards", this::listDashboards);
        service.operation("DeleteDashboards", this::deleteDashboards);
    }

    private Object putDashboard(ActionRequest r) {
        Params p = r.params();
        String body = p.string("DashboardBody");
        Object parsed;
        try {
            parsed = body == null ? null : BODY.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            parsed = DashboardRules.NOT_JSON;
        }
        Dashboard d;
        try {
            d = store.put(r.context().accountId(), p.string("DashboardName"), body, parsed);
        } catch (DashboardException e) {
            throw error(e);
        }
        return journal.get().append(d).thenApply(done -> Struct.of().list("DashboardValidationMessages", List.of()));
    }

    private Object getDashboard(ActionRequest r) {
        Dashboard d;
        try {
            d = store.get(r.context().accountId(), r.params().string("DashboardName"));
        } catch (DashboardException e) {
            throw error(e);
        }
        return Struct.of().put("DashboardArn", arn(r.context(), d)).put("DashboardBody", d.body())
                .put("DashboardName", d.name());
    }

    private Object listDashboards(ActionRequest r) {
        Params p = r.params();
        PageTokens.Page<Dashboard> page;
        try {
            page = store.list(r.context().accountId(), p.string("DashboardNamePrefix"), p.string("NextToken"));
        } catch (DashboardException e) {
            throw error(e);
        }
        List<Struct> entries = new ArrayList<>();
        for (Dashboard d : page.items()) {
            entries.add(Struct.of().put("DashboardName", d.name()).put("DashboardArn", arn(r.context(), d))
                    .put("LastModified", d.lastModified()).put("Size", d.size()));
        }
        return Struct.of().list("DashboardEntries", entries).put("NextToken", page.nextToken());
    }

    private Object deleteDashboards(ActionRequest r) {
        List<DashboardDeleted> deleted;
        try {
            deleted = store.delete(r.context().accountId(), r.params().stringList("DashboardNames"));
        } catch (DashboardException e) {
            throw error(e);
        }
        CompletionStage<Void> last = CompletableFuture.completedFuture(null);
        for (DashboardDeleted d : deleted) {
            last = journal.get().append(d);
        }
        return last.thenApply(done -> null);
    }

    /** Dashboards are global: their ARN names no region. */
    private static String arn(RequestContext ctx, Dashboard d) {
        return new Arn(Arn.partitionOf(ctx.region()), "cloudwatch", "", d.account(), "dashboard/" + d.name())
                .toString();
    }

    private static AwsException error(DashboardException e) {
        CloudWatchError code = switch (e.reason()) {
            case INVALID_INPUT -> CloudWatchError.DASHBOARD_INVALID_INPUT;
            case INVALID_VALUE -> CloudWatchError.INVALID_PARAMETER_VALUE;
            case NOT_FOUND -> CloudWatchError.DASHBOARD_NOT_FOUND;
        };
        return new AwsException(code, e.getMessage());
    }
}
