package dev.gureum.lambda.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An event source mapping: Lambda polling a queue for a function. Mutable; the poller reads it on every
 * round, so updates take effect at the next batch.
 */
public final class EventSourceMapping {

    private final String uuid;
    private final String arn;
    private final String accountId;
    private final String region;
    private final String eventSourceArn;
    private volatile String functionArn;
    private volatile int batchSize;
    private volatile int maximumBatchingWindowInSeconds;
    private volatile FilterCriteria filterCriteria;
    private volatile List<String> functionResponseTypes;
    private volatile Integer maximumConcurrency;
    private volatile String state;
    private volatile String stateTransitionReason = "USER_INITIATED";
    private volatile String lastProcessingResult = "No records processed";
    private volatile Instant lastModified;
    private final Map<String, String> tags = new TreeMap<>();

    public EventSourceMapping(String uuid, String arn, String accountId, String region, String eventSourceArn) {
        this.uuid = uuid;
        this.arn = arn;
        this.accountId = accountId;
        this.region = region;
        this.eventSourceArn = eventSourceArn;
    }

    public String uuid() {
        return uuid;
    }

    public String arn() {
        return arn;
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    public String eventSourceArn() {
        return eventSourceArn;
    }

    public String functionArn() {
        return functionArn;
    }

    public void functionArn(String functionArn) {
        this.functionArn = functionArn;
    }

    public int batchSize() {
        return batchSize;
    }

    public void batchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public int maximumBatchingWindowInSeconds() {
        return maximumBatchingWindowInSeconds;
    }

    public void maximumBatchingWindowInSeconds(int seconds) {
        this.maximumBatchingWindowInSeconds = seconds;
    }

    /** The mapping's filters, or {@code null} when it has none. */
    public FilterCriteria filterCriteria() {
        return filterCriteria;
    }

    public void filterCriteria(FilterCriteria filterCriteria) {
        this.filterCriteria = filterCriteria;
    }

    public List<String> functionResponseTypes() {
        return functionResponseTypes == null ? List.of() : functionResponseTypes;
    }

    public void functionResponseTypes(List<String> types) {
        this.functionResponseTypes = types == null ? null : List.copyOf(types);
    }

    public Integer maximumConcurrency() {
        return maximumConcurrency;
    }

    public void maximumConcurrency(Integer maximumConcurrency) {
        this.maximumConcurrency = maximumConcurrency;
    }

    /** {@code Creating}, {@code Enabled}, {@code Disabled}, {@code Enabling}, {@code Disabling}, {@code Updating}, {@code Deleting}. */
    public String state() {
        return state;
    }

    public void state(String state) {
        this.state = state;
    }

    public boolean enabled() {
        return "Enabled".equals(state) || "Enabling".equals(state) || "Creating".equals(state)
                || "Updating".equals(state);
    }

    public String stateTransitionReason() {
        return stateTransitionReason;
    }

    public void stateTransitionReason(String reason) {
        this.stateTransitionReason = reason;
    }

    public String lastProcessingResult() {
        return lastProcessingResult;
    }

    public void lastProcessingResult(String result) {
        this.lastProcessingResult = result;
    }

    public Instant lastModified() {
        return lastModified;
    }

    public void lastModified(Instant lastModified) {
        this.lastModified = lastModified;
    }

    public synchronized Map<String, String> tags() {
        return new TreeMap<>(tags);
    }

    public synchronized void tag(Map<String, String> add) {
        tags.putAll(add);
    }

    public synchronized void untag(List<String> keys) {
        keys.forEach(tags::remove);
    }

    /** The mapping as a journal record. */
    public synchronized LambdaRecords.MappingSaved saved() {
        return new LambdaRecords.MappingSaved(uuid, arn, accountId, region, eventSourceArn, functionArn, batchSize,
                maximumBatchingWindowInSeconds, filterCriteria, functionResponseTypes, maximumConcurrency, state,
                stateTransitionReason, lastProcessingResult, lastModified, tags);
    }

    /** The mapping a journal record describes. */
    public static EventSourceMapping restore(LambdaRecords.MappingSaved saved) {
        EventSourceMapping m = new EventSourceMapping(saved.uuid(), saved.arn(), saved.accountId(), saved.region(),
                saved.eventSourceArn());
        m.functionArn = saved.functionArn();
        m.batchSize = saved.batchSize();
        m.maximumBatchingWindowInSeconds = saved.maximumBatchingWindowInSeconds();
        m.filterCriteria = saved.filterCriteria();
        m.functionResponseTypes = saved.functionResponseTypes();
        m.maximumConcurrency = saved.maximumConcurrency();
        m.state = saved.state();
        m.stateTransitionReason = saved.stateTransitionReason();
        m.lastProcessingResult = saved.lastProcessingResult();
        m.lastModified = saved.lastModified();
        m.tag(saved.tags());
        return m;
    }
}
