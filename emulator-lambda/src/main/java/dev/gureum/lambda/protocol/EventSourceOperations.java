package dev.gureum.lambda.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.RestJsonCodec;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.spi.QueueConsumer;
import dev.gureum.lambda.domain.EventSourceMapping;
import dev.gureum.lambda.domain.FilterCriteria;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.events.EventPattern;
import dev.gureum.lambda.events.SqsPoller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Event source mappings (SQS queues), and the pollers that run them. */
final class EventSourceOperations {

    private final LambdaState state;
    private final InvokeOperations invocations;
    private final Map<String, SqsPoller> pollers = new ConcurrentHashMap<>();

    EventSourceOperations(LambdaState state, InvokeOperations invocations) {
        this.state = state;
        this.invocations = invocations;
    }

    private QueueConsumer sqs() {
        return state.context.crossService().find(QueueConsumer.class).orElseThrow(() -> LambdaErrors.invalid(
                "SQS is not enabled on this server, so it cannot be an event source."));
    }

    void create(RestRequest r) {
        Params p = Validation.body(r);
        RequestContext ctx = r.context();
        String source = p.string("EventSourceArn");
        if (source == null) {
            throw LambdaErrors.invalid("Unrecognized event source, must be kafka or specify an EventSourceArn.");
        }
        Arn sourceArn;
        try {
            sourceArn = Arn.parse(source);
        } catch (IllegalArgumentException e) {
            throw LambdaErrors.validation("eventSourceArn", source, "Member must satisfy regular expression pattern: "
                    + "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
        }
        if (!sourceArn.service().equals("sqs")) {
            throw LambdaErrors.invalid("Unsupported event source type: Gureum maps SQS queues to functions; "
                    + sourceArn.service() + " is not supported.");
        }
        checkRanges(p);
        FunctionRef ref = FunctionRef.parse(Validation.required(p, "FunctionName", "functionName"), null, ctx);
        LambdaFunction f = state.function(ctx, ref, "lambda:CreateEventSourceMapping");
        FunctionConfig target = state.config(f, ref);
        String functionArn = ref.qualifier() == null ? f.functionArn() : f.functionArn() + ":" + ref.qualifier();
        ExecutionRoles.checkQueueReader(state.context, target.role, f.name(), source);
        Map<String, String> queue = queueAttributes(consumer(f, ctx.accountId()), source);
        boolean fifo = "true".equals(queue.get("FifoQueue"));
        int visibility = Integer.parseInt(queue.getOrDefault("VisibilityTimeout", "30"));
        if (visibility < target.timeout) {
            throw LambdaErrors.invalid("Queue visibility timeout: " + visibility + " seconds is less than Function "
                    + "timeout: " + target.timeout + " seconds");
        }
        for (EventSourceMapping existing : state.store.mappings(ctx.accountId(), ctx.region())) {
            if (existing.eventSourceArn().equals(source) && existing.functionArn().equals(functionArn)) {
                throw LambdaErrors.conflict("An event source mapping with SQS arn (\" " + source + " \") and function "
                        + "(\" " + f.name() + " \") already exists. Please update or delete the existing mapping with "
                        + "UUID " + existing.uuid());
            }
        }
        String uuid = Ids.uuid();
        EventSourceMapping m = new EventSourceMapping(uuid,
                Arn.of("lambda", ctx.region(), ctx.accountId(), "event-source-mapping:" + uuid).toString(),
                ctx.accountId(), ctx.region(), source);
        m.functionArn(functionArn);
        m.batchSize(10);
        m.maximumBatchingWindowInSeconds(0);
        configure(m, p, fifo);
        boolean enabled = p.bool("Enabled", true);
        m.state(enabled ? "Enabled" : "Disabled");
        m.lastModified(state.clock.instant());
        m.tag(p.stringMap("Tags", "Key", "Value"));
        state.store.putMapping(m);
        Struct reported = Shapes.mapping(m).put("State", "Creating");
        if (enabled) {
            start(m, fifo);
        }
        LambdaState.answer(r, state.save(m), 202, reported);
    }

    private void configure(EventSourceMapping m, Params p, boolean fifo) {
        if (p.has("BatchSize")) {
            Integer size = p.integer("BatchSize");
            Validation.range("batchSize", size, 1, 10000);
            if (fifo && size > 10) {
                throw LambdaErrors.invalid("BatchSize must be between 1 and 10 for FIFO queues.");
            }
            m.batchSize(size);
        }
        if (p.has("MaximumBatchingWindowInSeconds")) {
            Integer window = p.integer("MaximumBatchingWindowInSeconds");
            Validation.range("maximumBatchingWindowInSeconds", window, 0, 300);
            if (fifo && window > 0) {
                throw LambdaErrors.invalid("Batching window is not supported for FIFO queues");
            }
            m.maximumBatchingWindowInSeconds(window);
        }
        if (m.batchSize() > 10 && m.maximumBatchingWindowInSeconds() < 1) {
            throw LambdaErrors.invalid("Maximum batch window in seconds must be greater than 0 if maximum batch size "
                    + "is greater than 10");
        }
        if (p.has("FilterCriteria")) {
            m.filterCriteria(filterCriteria(p.get("FilterCriteria").node()));
        }
        if (p.has("FunctionResponseTypes")) {
            List<String> types = p.stringList("FunctionResponseTypes");
            for (String t : types) {
                if (!t.equals("ReportBatchItemFailures")) {
                    throw Validation.enumValue("functionResponseTypes", t, "ReportBatchItemFailures");
                }
            }
            m.functionResponseTypes(types);
        }
        if (p.has("ScalingConfig")) {
            Integer max = p.object("ScalingConfig").integer("MaximumConcurrency");
            checkRanges(p);
            m.maximumConcurrency(max);
        }
    }

    /**
     * The settings' ranges, which Lambda checks before it looks for a conflicting mapping or at the queue:
     * a {@code MaximumConcurrency} outside 2 to 1000 is {@code InvalidParameterValueException}.
     */
    private static void checkRanges(Params p) {
        if (p.has("BatchSize")) {
            Validation.range("batchSize", p.integer("BatchSize"), 1, 10000);
        }
        if (p.has("MaximumBatchingWindowInSeconds")) {
            Validation.range("maximumBatchingWindowInSeconds", p.integer("MaximumBatchingWindowInSeconds"), 0, 300);
        }
        if (p.has("ScalingConfig")) {
            Integer max = p.object("ScalingConfig").integer("MaximumConcurrency");
            if (max != null && (max < 2 || max > 1000)) {
                throw LambdaErrors.invalid("Invalid MaximumConcurrency value: " + max + ". MaximumConcurrency must be "
                        + "between 2 and 1000.");
            }
        }
    }

    /**
     * {@code FilterCriteria} as given: {@code {"Filters": [{"Pattern": "..."}]}}, each pattern checked;
     * {@code null} when there are no filters, which Lambda then leaves out of the mapping.
     */
    private static FilterCriteria filterCriteria(JsonNode criteria) {
        JsonNode filters = criteria.get("Filters");
        if (filters == null || !filters.isArray() || filters.isEmpty()) {
            return null;
        }
        if (filters.size() > FilterCriteria.MAX_FILTERS) {
            throw LambdaErrors.invalid("The number of filters exceeds the limit of " + FilterCriteria.MAX_FILTERS + ".");
        }
        List<String> patterns = new ArrayList<>();
        for (JsonNode f : filters) {
            String pattern = f.path("Pattern").asText();
            try {
                EventPattern.parse(pattern);
            } catch (IllegalArgumentException e) {
                throw LambdaErrors.invalid("Invalid filter pattern definition.");
            }
            patterns.add(pattern);
        }
        return new FilterCriteria(patterns);
    }

    /** Lambda reads a mapping's queue as the function's execution role, in the function's account. */
    private static Principal consumer(LambdaFunction f, String accountId) {
        String role = f == null ? null : f.latest().role;
        return role != null && isRoleOf(role, Arn.parse(f.functionArn()).partition(), accountId)
                ? Principal.of(role, accountId) : Principal.account(accountId);
    }

    /** Whether {@code role} is an IAM role of the account, in the function's partition. */
    private static boolean isRoleOf(String role, String partition, String accountId) {
        try {
            Arn arn = Arn.parse(role);
            return arn.partition().equals(partition) && arn.service().equals("iam") && arn.region().isEmpty()
                    && arn.accountId().equals(accountId) && arn.resource().startsWith("role/");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Principal consumer(EventSourceMapping m) {
        FunctionRef ref = FunctionRef.parse(m.functionArn(), null, m.accountId(), m.region());
        return consumer(state.store.function(ref.accountId(), ref.region(), ref.name()), m.accountId());
    }

    private Map<String, String> queueAttributes(Principal consumer, String queueArn) {
        try {
            return sqs().attributes(consumer, queueArn);
        } catch (AwsException e) {
            throw LambdaErrors.invalid("Error occurred while ReceiveMessage. SQS Error Code: " + e.error().queryCode()
                    + ". SQS Error Message: " + e.getMessage());
        }
    }

    void get(RestRequest r) {
        RestJsonCodec.send(r.exchange(), 200, Shapes.mapping(mapping(r)));
    }

    void list(RestRequest r) {
        RequestContext ctx = r.context();
        String source = r.queryParam("EventSourceArn");
        String function = r.queryParam("FunctionName");
        String functionArn = null;
        if (function != null) {
            FunctionRef ref = FunctionRef.parse(function, null, ctx);
            functionArn = ref.qualifier() == null ? ref.unqualifiedArn() : ref.unqualifiedArn() + ":" + ref.qualifier();
        }
        List<EventSourceMapping> matching = new ArrayList<>();
        for (EventSourceMapping m : state.store.mappings(ctx.accountId(), ctx.region())) {
            if ((source == null || m.eventSourceArn().equals(source))
                    && (functionArn == null || m.functionArn().equals(functionArn))) {
                matching.add(m);
            }
        }
        matching.sort(java.util.Comparator.comparing(EventSourceMapping::uuid));
        PageTokens.Page<EventSourceMapping> page = Pages.page(matching, r.queryParam("Marker"),
                Validation.maxItems(r, 100, 10000));
        RestJsonCodec.send(r.exchange(), 200, Struct.of().put("NextMarker", page.nextToken())
                .list("EventSourceMappings", page.items(), Shapes::mapping));
    }

    void update(RestRequest r) {
        Params p = Validation.body(r);
        checkRanges(p);
        EventSourceMapping m = mapping(r);
        Map<String, String> queue = queueAttributes(consumer(m), m.eventSourceArn());
        boolean fifo = "true".equals(queue.get("FifoQueue"));
        String reportedState;
        synchronized (m) {
            if (p.has("FunctionName")) {
                FunctionRef ref = FunctionRef.parse(p.string("FunctionName"), null, r.context());
                LambdaFunction f = state.function(r.context(), ref, "lambda:UpdateEventSourceMapping");
                state.config(f, ref);
                m.functionArn(ref.qualifier() == null ? f.functionArn() : f.functionArn() + ":" + ref.qualifier());
            }
            configure(m, p, fifo);
            boolean wasEnabled = m.enabled();
            boolean enabled = p.bool("Enabled", wasEnabled);
            m.lastModified(state.clock.instant());
            m.state(enabled ? "Enabled" : "Disabled");
            reportedState = enabled == wasEnabled ? "Updating" : enabled ? "Enabling" : "Disabling";
            stop(m);
            if (enabled) {
                start(m, fifo);
            }
        }
        LambdaState.answer(r, state.save(m), 202, Shapes.mapping(m).put("State", reportedState));
    }

    void delete(RestRequest r) {
        EventSourceMapping m = mapping(r);
        CompletionStage<Void> durable = state.delete(m);
        m.state("Deleting");
        stop(m);
        LambdaState.answer(r, durable, 202, Shapes.mapping(m));
    }

    private EventSourceMapping mapping(RestRequest r) {
        RequestContext ctx = r.context();
        EventSourceMapping m = state.store.mapping(ctx.accountId(), ctx.region(), r.label("UUID"));
        if (m == null) {
            throw LambdaErrors.notFound("The resource you requested does not exist.");
        }
        return m;
    }

    private void start(EventSourceMapping m, boolean fifo) {
        QueueConsumer sqs = sqs();
        SqsPoller poller = new SqsPoller(m, sqs, consumer(m),
                (arn, payload) -> invocations.invokeForMapping(arn, payload),
                (task, delay) -> state.runner.schedule(task, delay), state.clock, fifo);
        SqsPoller previous = pollers.put(m.uuid(), poller);
        if (previous != null) {
            previous.stop();
        }
        poller.start();
    }

    private void stop(EventSourceMapping m) {
        SqsPoller poller = pollers.remove(m.uuid());
        if (poller != null) {
            poller.stop();
        }
    }

    /**
     * A deleted function's mappings stop polling (they remain, failing, as on AWS until deleted); the
     * stage completes when their change is durable.
     */
    CompletionStage<Void> functionDeleted(LambdaFunction f) {
        Arn functionArn = Arn.parse(f.functionArn());
        CompletionStage<Void> durable = CompletableFuture.completedFuture(null);
        for (EventSourceMapping m : state.store.mappings(functionArn.accountId(), functionArn.region())) {
            if (m.functionArn().equals(f.functionArn()) || m.functionArn().startsWith(f.functionArn() + ":")) {
                stop(m);
                m.state("Disabled");
                m.stateTransitionReason("USER_INITIATED");
                m.lastProcessingResult("PROBLEM: Function not found");
                durable = durable.thenCombine(state.save(m), (a, b) -> null);
            }
        }
        return durable;
    }

    /**
     * After a restart, the mappings that were enabled poll again. SQS may still be starting (or not built
     * yet): a mapping whose queue cannot be read yet is tried again a second later, while it stays enabled.
     */
    void resume() {
        for (EventSourceMapping m : state.store.allMappings()) {
            if (m.enabled()) {
                resume(m);
            }
        }
    }

    private void resume(EventSourceMapping m) {
        synchronized (m) {
            if (!m.enabled() || pollers.containsKey(m.uuid())
                    || state.store.mapping(m.accountId(), m.region(), m.uuid()) != m) {
                return;
            }
            try {
                QueueConsumer sqs = state.context.crossService().find(QueueConsumer.class).orElse(null);
                if (sqs != null) {
                    Map<String, String> queue = sqs.attributes(consumer(m), m.eventSourceArn());
                    start(m, "true".equals(queue.get("FifoQueue")));
                    return;
                }
            } catch (RuntimeException e) {
                // the queue is not there (yet): tried again below
            }
        }
        state.runner.schedule(() -> resume(m), 1000);
    }

    void stopAll() {
        pollers.values().forEach(SqsPoller::stop);
        pollers.clear();
    }
}
