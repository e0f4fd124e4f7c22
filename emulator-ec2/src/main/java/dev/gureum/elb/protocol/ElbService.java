package dev.gureum.elb.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.http.ServiceRouter;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.QueryCodec;
import dev.gureum.core.protocol.Struct;
import dev.gureum.elb.ElbModule;
import dev.gureum.elb.domain.Changes;
import dev.gureum.elb.domain.ElbRefusal;
import dev.gureum.elb.domain.ElbStore;
import dev.gureum.elb.domain.Listeners;
import dev.gureum.elb.domain.LoadBalancers;
import dev.gureum.elb.domain.TargetGroups;
import dev.gureum.elb.domain.TargetHealth;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Elastic Load Balancing v2's API (query protocol, version 2015-12-01). The classic API (2012-06-01), which
 * shares its signing name, answers {@code NotImplemented}.
 */
public final class ElbService extends ActionService {

    /** What the data plane must hear of: listeners opened or closed, registrations, resets. */
    public interface Topology {
        void changed();
    }

    private final ElbStore store;
    private final Clock clock;
    private final TargetHealth health;
    private final LoadBalancers loadBalancers;
    private final Listeners listeners;
    private final TargetGroups targetGroups;
    private final Topology topology;
    private volatile StateJournal journal;
    private final List<Runnable> onClose = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ElbService(ElbStore store, Clock clock, TargetHealth health, LoadBalancers loadBalancers,
                      TargetGroups targetGroups, Topology topology) {
        super(ElbModule.DESCRIPTOR);
        this.store = store;
        this.clock = clock;
        this.health = health;
        this.loadBalancers = loadBalancers;
        this.listeners = new Listeners(store);
        this.targetGroups = targetGroups;
        this.topology = topology;
        registerNotImplemented("operations.txt", "Elastic Load Balancing");
        new LoadBalancerOperations(this).register();
        new ListenerOperations(this).register();
        new TargetGroupOperations(this).register();
    }

    /** The journal, opened once the service's state has been replayed into the store. */
    public void journal(StateJournal journal) {
        this.journal = journal;
    }

    @Override
    public void handle(HttpServerExchange exchange, RequestContext ctx) throws Exception {
        String version = version(exchange);
        if ("2012-06-01".equals(version)) {
            throw new AwsException(CommonError.NOT_IMPLEMENTED, "The Classic Load Balancer API (Elastic Load Balancing "
                    + "2012-06-01) is not supported by Gureum; it serves Elastic Load Balancing v2 (2015-12-01).");
        }
        super.handle(exchange, ctx);
    }

    private static String version(HttpServerExchange exchange) {
        byte[] body = exchange.getAttachment(ServiceRouter.BODY);
        try {
            List<String> versions = QueryCodec.decodeForm(exchange.getQueryString(), body == null ? new byte[0] : body,
                    exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE)).get("Version");
            return versions == null || versions.isEmpty() ? null : versions.get(0);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Registers an operation whose refusals become the API's errors. */
    void operation(String action, Operation operation) {
        register(action, request -> {
            try {
                return operation.invoke(request);
            } catch (ElbRefusal refusal) {
                throw ElbError.of(refusal);
            } catch (PageTokens.InvalidTokenException e) {
                throw new AwsException(ElbError.VALIDATION_ERROR, "Invalid marker '" + e.getMessage() + "'");
            }
        });
    }

    /** Makes the operation's records durable; the answer waits for it. */
    CompletionStage<Void> commit(Changes changes) {
        CompletionStage<Void> last = CompletableFuture.completedFuture(null);
        StateJournal j = journal;
        for (Object record : changes.records()) {
            if (j != null) {
                last = j.append(record);
            }
        }
        if (!changes.records().isEmpty()) {
            topology.changed();
        }
        return last;
    }

    Changes changes() {
        return new Changes(store);
    }

    static String account(ActionRequest r) {
        return r.context().accountId();
    }

    static String region(ActionRequest r) {
        return r.context().region();
    }

    /** A page of a Describe's list, with its NextMarker. */
    static <T> Struct page(Struct result, String member, List<T> all, ActionRequest r,
                           java.util.function.Function<T, Object> shape) {
        int size = r.params().integer("PageSize", 400);
        if (size < 1 || size > 400) {
            throw new AwsException(ElbError.VALIDATION_ERROR, "1 validation error detected: Value '" + size
                    + "' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400");
        }
        PageTokens.Page<T> page = PageTokens.page(all, r.params().string("Marker"), size);
        return result.list(member, page.items(), shape).put("NextMarker", page.nextToken());
    }

    /** Whether the account has this target group of type {@code instance} in the region (Auto Scaling attaching it). */
    public boolean instanceTargetGroup(String account, String region, String targetGroupArn) {
        dev.gureum.elb.domain.TargetGroup tg = store.targetGroup(targetGroupArn);
        return tg != null && tg.account().equals(account) && tg.region().equals(region)
                && tg.targetType().equals("instance");
    }

    /** Registers instances on the group's port, as Auto Scaling does for a group's instances; durably. */
    public CompletionStage<Void> registerInstances(String account, String region, String targetGroupArn,
                                                   List<String> instanceIds) {
        Changes changes = changes();
        List<dev.gureum.elb.domain.Registration> added = targetGroups.register(targetGroupArn, account, region,
                instanceIds.stream().map(id -> new TargetGroups.TargetSpec(id, null, null)).toList(), changes);
        added.forEach(health::registered);
        return commit(changes);
    }

    /** Deregisters instances that are registered (others are left alone); durably. */
    public CompletionStage<Void> deregisterInstances(String account, String region, String targetGroupArn,
                                                     List<String> instanceIds) {
        dev.gureum.elb.domain.TargetGroup tg = store.targetGroup(targetGroupArn);
        if (tg == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<TargetGroups.TargetSpec> registered = instanceIds.stream()
                .filter(id -> store.registration(targetGroupArn, id + ":" + tg.port()) != null)
                .map(id -> new TargetGroups.TargetSpec(id, null, null)).toList();
        if (registered.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Changes changes = changes();
        targetGroups.deregister(targetGroupArn, account, region, registered, changes);
        return commit(changes);
    }

    /** An instance target's health state ({@code initial}, {@code healthy}, {@code unhealthy}...), or null. */
    public String instanceHealth(String targetGroupArn, String instanceId) {
        dev.gureum.elb.domain.TargetGroup tg = store.targetGroup(targetGroupArn);
        if (tg == null) {
            return null;
        }
        dev.gureum.elb.domain.Registration reg = store.registration(targetGroupArn, instanceId + ":" + tg.port());
        return reg == null ? null : health.status(tg, reg, !store.loadBalancersOf(tg.arn()).isEmpty()).state();
    }

    /** The data plane that hears of changes. */
    public Topology topology() {
        return topology;
    }

    ElbStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    TargetHealth health() {
        return health;
    }

    LoadBalancers loadBalancers() {
        return loadBalancers;
    }

    Listeners listeners() {
        return listeners;
    }

    TargetGroups targetGroups() {
        return targetGroups;
    }

    /** Removes the targets whose draining has ended, durably. */
    public CompletionStage<Void> removeDrained() {
        Changes changes = changes();
        targetGroups.drained(changes);
        return commit(changes);
    }

    /** Runs at close (the data plane's ports and timers). */
    public void onClose(Runnable task) {
        onClose.add(task);
    }

    @Override
    public void close() {
        onClose.forEach(Runnable::run);
    }

    @Override
    public void reset() {
        StateJournal j = journal;
        if (j != null) {
            j.reset().toCompletableFuture().join();
        } else {
            store.clear();
            health.clear();
        }
        topology.changed();
    }
}
