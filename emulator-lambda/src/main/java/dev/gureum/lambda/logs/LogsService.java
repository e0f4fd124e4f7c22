package dev.gureum.lambda.logs;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs, as much as reading Lambda's function logs needs (and writing one's own): log
 * groups, streams, PutLogEvents, GetLogEvents and FilterLogEvents, over its JSON 1.1 protocol.
 */
public final class LogsService extends ActionService {

    private static final Pattern GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]{1,512}");
    private static final Pattern STREAM_NAME = Pattern.compile("[^:*]{1,512}");
    private static final String LOG_GROUP = "log-group:";

    private final LogStore store;
    private final Clock clock;

    public LogsService(LogStore store, Clock clock) {
        super(dev.gureum.lambda.LogsModule.DESCRIPTOR);
        this.store = store;
        this.clock = clock;
        // the rest of the API answers 501 NotImplemented, as in every service; unknown names stay 400
        registerNotImplemented("/dev/gureum/lambda/logs/operations.txt", "CloudWatch Logs");
        register("CreateLogGroup", this::createLogGroup);
        register("DeleteLogGroup", this::deleteLogGroup);
        register("DescribeLogGroups", this::describeLogGroups);
        register("PutRetentionPolicy", this::putRetentionPolicy);
        register("DeleteRetentionPolicy", this::deleteRetentionPolicy);
        register("CreateLogStream", this::createLogStream);
        register("DeleteLogStream", this::deleteLogStream);
        register("DescribeLogStreams", this::describeLogStreams);
        register("PutLogEvents", this::putLogEvents);
        register("GetLogEvents", this::getLogEvents);
        register("FilterLogEvents", this::filterLogEvents);
        register("ListTagsLogGroup", this::listTagsLogGroup);
        register("TagLogGroup", this::tagLogGroup);
    }

    // ---- groups ---------------------------------------------------------------------------------

    private Object createLogGroup(ActionRequest r) {
        RequestContext ctx = r.context();
        String name = required(r.params(), "logGroupName");
        if (!GROUP_NAME.matcher(name).matches()) {
            throw invalid("1 validation error detected: Value '" + name + "' at 'logGroupName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: " + GROUP_NAME);
        }
        LogStore.LogGroup group = store.createGroup(ctx.accountId(), ctx.region(), name, clock.millis(),
                r.params().stringMap("tags", "key", "value"));
        if (group == null) {
            throw new AwsException(LogsError.RESOURCE_ALREADY_EXISTS, "The specified log group already exists");
        }
        return answered(store.save(group));
    }

    private Object deleteLogGroup(ActionRequest r) {
        RequestContext ctx = r.context();
        CompletionStage<Void> deleted = store.deleteGroup(ctx.accountId(), ctx.region(), groupName(r.params(), ctx));
        if (deleted == null) {
            throw groupNotFound();
        }
        return answered(deleted);
    }

    /** No output, once the change is durable. */
    private static CompletionStage<Struct> answered(CompletionStage<Void> durable) {
        return durable.thenApply(v -> null);
    }

    private Struct describeLogGroups(ActionRequest r) {
        RequestContext ctx = r.context();
        Params p = r.params();
        String prefix = p.string("logGroupNamePrefix");
        String pattern = p.string("logGroupNamePattern");
        if (prefix != null && pattern != null) {
            throw invalid("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }
        List<String> identifiers = p.stringList("logGroupIdentifiers");
        List<Struct> groups = new ArrayList<>();
        for (LogStore.LogGroup g : store.groups(ctx.accountId(), ctx.region())) {
            if (prefix != null && !g.name().startsWith(prefix)
                    || pattern != null && !g.name().toLowerCase(Locale.ROOT).contains(pattern.toLowerCase(Locale.ROOT))
                    || !identifiers.isEmpty() && !identifiers.contains(g.name()) && !identifiers.contains(g.arn())) {
                continue;
            }
            groups.add(Struct.of().put("logGroupName", g.name()).put("creationTime", g.creationTime())
                    .put("retentionInDays", g.retentionInDays()).put("metricFilterCount", 0)
                    .put("arn", g.arn() + ":*").put("storedBytes", g.storedBytes()).put("logGroupClass", "STANDARD")
                    .put("logGroupArn", g.arn()));
        }
        PageTokens.Page<Struct> page = page(groups, p.string("nextToken"), limit(p, 50, 50));
        return Struct.of().list("logGroups", page.items()).put("nextToken", page.nextToken());
    }

    private Object putRetentionPolicy(ActionRequest r) {
        LogStore.LogGroup g = group(r);
        Integer days = r.params().integer("retentionInDays");
        if (days == null) {
            throw invalid("1 validation error detected: Value null at 'retentionInDays' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        return answered(store.retention(g, days));
    }

    private Object deleteRetentionPolicy(ActionRequest r) {
        LogStore.LogGroup g = group(r);
        return answered(store.retention(g, null));
    }

    private Struct listTagsLogGroup(ActionRequest r) {
        LogStore.LogGroup g = group(r);
        synchronized (g) {
            return Struct.of().put("tags", dev.gureum.core.protocol.MapValue.of(g.tags));
        }
    }

    private Object tagLogGroup(ActionRequest r) {
        LogStore.LogGroup g = group(r);
        return answered(store.tag(g, r.params().stringMap("tags", "key", "value")));
    }

    // ---- streams --------------------------------------------------------------------------------

    private Object createLogStream(ActionRequest r) {
        LogStore.LogGroup g = group(r);
        String name = required(r.params(), "logStreamName");
        if (!STREAM_NAME.matcher(name).matches()) {
            throw invalid("1 validation error detected: Value '" + name + "' at 'logStreamName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: " + STREAM_NAME);
        }
        CompletionStage<Void> created = store.createStream(g, name, clock.millis());
        if (created == null) {
            throw new AwsException(LogsError.RESOURCE_ALREADY_EXISTS, "The specified log stream already exists");
        }
        return answered(created);
    }

    private Object deleteLogStream(ActionRequest r) {
        LogStore.LogGroup g = group(r);
        CompletionStage<Void> deleted = store.deleteStream(g, required(r.params(), "logStreamName"));
        if (deleted == null) {
            throw streamNotFound();
        }
        return answered(deleted);
    }

    private Struct describeLogStreams(ActionRequest r) {
        Params p = r.params();
        LogStore.LogGroup g = group(r);
        String prefix = p.string("logStreamNamePrefix");
        String orderBy = p.string("orderBy", "LogStreamName");
        if (!orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw invalid("1 validation error detected: Value '" + orderBy + "' at 'orderBy' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        if (prefix != null && orderBy.equals("LastEventTime")) {
            throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        List<LogStore.LogStream> streams = new ArrayList<>();
        for (LogStore.LogStream s : g.streams.values()) {
            if (prefix == null || s.name().startsWith(prefix)) {
                streams.add(s);
            }
        }
        if (orderBy.equals("LastEventTime")) {
            streams.sort(Comparator.comparing((LogStore.LogStream s) -> s.lastEventTimestamp() == null ? 0L
                    : s.lastEventTimestamp()).thenComparing(LogStore.LogStream::name));
        }
        if (p.bool("descending", false)) {
            java.util.Collections.reverse(streams);
        }
        List<Struct> out = new ArrayList<>();
        for (LogStore.LogStream s : streams) {
            out.add(Struct.of().put("logStreamName", s.name()).put("creationTime", s.creationTime())
                    .put("firstEventTimestamp", s.firstEventTimestamp()).put("lastEventTimestamp", s.lastEventTimestamp())
                    .put("lastIngestionTime", s.lastIngestionTime()).put("uploadSequenceToken", "1")
                    .put("arn", s.arn()).put("storedBytes", s.storedBytes()));
        }
        PageTokens.Page<Struct> page = page(out, p.string("nextToken"), limit(p, 50, 50));
        return Struct.of().list("logStreams", page.items()).put("nextToken", page.nextToken());
    }

    // ---- events ---------------------------------------------------------------------------------

    private Object putLogEvents(ActionRequest r) {
        Params p = r.params();
        LogStore.LogGroup g = group(r);
        LogStore.LogStream s = g.streams.get(required(p, "logStreamName"));
        if (s == null) {
            throw streamNotFound();
        }
        List<Params> events = p.list("logEvents");
        if (events.isEmpty() || events.size() > 10_000) {
            throw invalid("1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must "
                    + "have length between 1 and 10000");
        }
        long now = clock.millis();
        long previous = Long.MIN_VALUE;
        for (Params e : events) {
            Long timestamp = e.longValue("timestamp");
            if (timestamp == null || e.string("message") == null) {
                throw invalid("A log event needs a timestamp and a message.");
            }
            if (timestamp < previous) {
                throw invalid("Log events in a single PutLogEvents request must be in chronological order.");
            }
            previous = timestamp;
        }
        List<LogStore.NewEvent> batch = new ArrayList<>(events.size());
        for (Params e : events) {
            batch.add(new LogStore.NewEvent(e.longValue("timestamp"), e.string("message")));
        }
        Struct out = Struct.of().put("nextSequenceToken", String.format(Locale.ROOT, "%056d", now));
        return store.put(s, batch, now).thenApply(v -> out);
    }

    private Struct getLogEvents(ActionRequest r) {
        Params p = r.params();
        LogStore.LogGroup g = group(r);
        LogStore.LogStream s = g.streams.get(required(p, "logStreamName"));
        if (s == null) {
            throw streamNotFound();
        }
        Long startTime = p.longValue("startTime");
        Long endTime = p.longValue("endTime");
        int limit = limit(p, 10_000, 10_000);
        String token = p.string("nextToken");
        List<LogStore.LogEvent> events;
        long dropped;
        synchronized (s) {
            events = s.events();
            dropped = s.dropped();
        }
        // positions count from the stream's first event ever, so tokens survive old events being dropped
        List<long[]> positions = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            LogStore.LogEvent e = events.get(i);
            if ((startTime == null || e.timestamp() >= startTime) && (endTime == null || e.timestamp() < endTime)) {
                positions.add(new long[] {dropped + i, i});
            }
        }
        boolean forward;
        long from;
        if (token != null) {
            if (token.length() < 3 || token.charAt(1) != '/' || (token.charAt(0) != 'f' && token.charAt(0) != 'b')) {
                throw invalid("The specified nextToken is invalid.");
            }
            forward = token.charAt(0) == 'f';
            try {
                from = Long.parseLong(token.substring(2));
            } catch (NumberFormatException e) {
                throw invalid("The specified nextToken is invalid.");
            }
        } else {
            forward = p.bool("startFromHead", false);
            from = forward ? dropped : dropped + events.size();
        }
        List<long[]> selected = new ArrayList<>();
        if (forward) {
            for (long[] pos : positions) {
                if (pos[0] >= from && selected.size() < limit) {
                    selected.add(pos);
                }
            }
        } else {
            for (int i = positions.size() - 1; i >= 0 && selected.size() < limit; i--) {
                if (positions.get(i)[0] < from) {
                    selected.add(0, positions.get(i));
                }
            }
        }
        List<Struct> out = new ArrayList<>();
        for (long[] pos : selected) {
            LogStore.LogEvent e = events.get((int) pos[1]);
            out.add(Struct.of().put("timestamp", e.timestamp()).put("message", e.message())
                    .put("ingestionTime", e.ingestionTime()));
        }
        long first = selected.isEmpty() ? from : selected.get(0)[0];
        long after = selected.isEmpty() ? from : selected.get(selected.size() - 1)[0] + 1;
        return Struct.of().list("events", out)
                .put("nextForwardToken", String.format(Locale.ROOT, "f/%056d", after))
                .put("nextBackwardToken", String.format(Locale.ROOT, "b/%056d", first));
    }

    private Struct filterLogEvents(ActionRequest r) {
        Params p = r.params();
        LogStore.LogGroup g = group(r);
        List<String> names = p.stringList("logStreamNames");
        String prefix = p.string("logStreamNamePrefix");
        if (!names.isEmpty() && prefix != null) {
            throw invalid("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
        }
        Long startTime = p.longValue("startTime");
        Long endTime = p.longValue("endTime");
        FilterPattern pattern = new FilterPattern(p.string("filterPattern"));
        int limit = limit(p, 10_000, 10_000);
        long afterTime = Long.MIN_VALUE;
        long afterSequence = Long.MIN_VALUE;
        String token = p.string("nextToken");
        if (token != null) {
            // the position after the last event returned: its timestamp and sequence number
            try {
                String position = PageTokens.decode(token);
                int slash = position.indexOf('/');
                afterTime = Long.parseLong(position.substring(0, slash));
                afterSequence = Long.parseLong(position.substring(slash + 1));
            } catch (RuntimeException e) {
                throw invalid("The specified nextToken is invalid.");
            }
        }
        record Found(String stream, LogStore.LogEvent event) {
        }
        List<Found> found = new ArrayList<>();
        List<Struct> searched = new ArrayList<>();
        for (LogStore.LogStream s : g.streams.values()) {
            if (!names.isEmpty() && !names.contains(s.name()) || prefix != null && !s.name().startsWith(prefix)) {
                continue;
            }
            searched.add(Struct.of().put("logStreamName", s.name()).put("searchedCompletely", true));
            for (LogStore.LogEvent e : s.events()) {
                if ((startTime == null || e.timestamp() >= startTime) && (endTime == null || e.timestamp() <= endTime)
                        && pattern.matches(e.message())) {
                    found.add(new Found(s.name(), e));
                }
            }
        }
        found.sort(Comparator.comparingLong((Found f) -> f.event.timestamp()).thenComparingLong(f -> f.event.sequence()));
        List<Struct> out = new ArrayList<>();
        Found last = null;
        boolean more = false;
        for (Found f : found) {
            long t = f.event.timestamp();
            long seq = f.event.sequence();
            if (t < afterTime || t == afterTime && seq <= afterSequence) {
                continue;
            }
            if (out.size() == limit) {
                more = true;
                break;
            }
            out.add(Struct.of().put("logStreamName", f.stream).put("timestamp", t).put("message", f.event.message())
                    .put("ingestionTime", f.event.ingestionTime()).put("eventId", String.format(Locale.ROOT, "%056d", seq)));
            last = f;
        }
        return Struct.of().list("events", out).list("searchedLogStreams", searched)
                .put("nextToken", more ? PageTokens.encode(last.event.timestamp() + "/" + last.event.sequence()) : null);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private LogStore.LogGroup group(ActionRequest r) {
        RequestContext ctx = r.context();
        LogStore.LogGroup g = store.group(ctx.accountId(), ctx.region(), groupName(r.params(), ctx));
        if (g == null) {
            throw groupNotFound();
        }
        return g;
    }

    /**
     * {@code logGroupName}, or {@code logGroupIdentifier} (a name or an ARN). An ARN of another account or
     * region names a group the caller cannot reach: it is not found (never the caller's group of that name).
     */
    private static String groupName(Params p, RequestContext ctx) {
        String name = p.string("logGroupName");
        String identifier = p.string("logGroupIdentifier");
        if (name != null && identifier != null) {
            throw invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (name == null && identifier != null) {
            name = identifier.startsWith("arn:") ? groupNameOf(identifier, ctx) : identifier;
        }
        if (name == null) {
            throw invalid("1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        return name;
    }

    /** The group an ARN names ({@code arn:aws:logs:us-east-1:123456789012:log-group:name}, perhaps with {@code :*}). */
    private static String groupNameOf(String identifier, RequestContext ctx) {
        Arn arn;
        try {
            arn = Arn.parse(identifier);
        } catch (IllegalArgumentException e) {
            throw groupNotFound();
        }
        if (!arn.region().equals(ctx.region()) || !arn.accountId().equals(ctx.accountId())) {
            throw groupNotFound();
        }
        String resource = arn.resource();
        if (!arn.service().equals("logs") || !resource.startsWith(LOG_GROUP)) {
            // not a log group's ARN: the whole text is taken for a name, which no group has
            return identifier;
        }
        String name = resource.substring(LOG_GROUP.length());
        return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
    }

    private static String required(Params p, String name) {
        String value = p.string(name);
        if (value == null) {
            throw invalid("1 validation error detected: Value null at '" + name + "' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        return value;
    }

    private static int limit(Params p, int defaultValue, int max) {
        Integer limit = p.integer("limit");
        if (limit == null) {
            return defaultValue;
        }
        if (limit < 1 || limit > max) {
            throw invalid("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy constraint: "
                    + "Member must have value between 1 and " + max);
        }
        return limit;
    }

    /** A page of a list in stable order; a token past the end of a list that has since shrunk gives an empty page. */
    private static <T> PageTokens.Page<T> page(List<T> all, String token, int limit) {
        int start;
        try {
            if (token != null && token.isEmpty()) {
                throw new PageTokens.InvalidTokenException(token);
            }
            start = Math.min(PageTokens.decodeOffset(token, Integer.MAX_VALUE), all.size());
        } catch (PageTokens.InvalidTokenException e) {
            throw invalid("The specified nextToken is invalid.");
        }
        int end = (int) Math.min(all.size(), (long) start + limit);
        return new PageTokens.Page<>(all.subList(start, end), end < all.size() ? PageTokens.encodeOffset(end) : null);
    }

    private static AwsException invalid(String message) {
        return new AwsException(LogsError.INVALID_PARAMETER, message);
    }

    private static AwsException groupNotFound() {
        return new AwsException(LogsError.RESOURCE_NOT_FOUND, "The specified log group does not exist.");
    }

    private static AwsException streamNotFound() {
        return new AwsException(LogsError.RESOURCE_NOT_FOUND, "The specified log stream does not exist.");
    }

    @Override
    public void reset() {
        store.reset();
    }
}
