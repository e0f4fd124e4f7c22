package dev.gureum.sns.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.json.Json;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.sns.delivery.Fanout;
import dev.gureum.sns.domain.DeliveryProtocol;
import dev.gureum.sns.domain.SnsStore;
import dev.gureum.sns.domain.Subscription;
import dev.gureum.sns.domain.Topic;
import dev.gureum.sns.filter.FilterPolicy;
import dev.gureum.sns.filter.FilterPolicyException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Subscriptions: subscribe, confirm, unsubscribe, list, attributes (filter, redrive, delivery policies). */
final class SubscriptionOperations {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    /** Digits with single separators between them, as AWS accepts SMS endpoints ({@code +12/34-567.890}). */
    static final Pattern PHONE = Pattern.compile("\\+?[0-9]+([./-][0-9]+)*");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Set<String> SETTABLE = Set.of(Subscription.RAW_MESSAGE_DELIVERY, Subscription.FILTER_POLICY,
            Subscription.FILTER_POLICY_SCOPE, Subscription.REDRIVE_POLICY, Subscription.DELIVERY_POLICY,
            Subscription.SUBSCRIPTION_ROLE_ARN, Subscription.REPLAY_POLICY);
    private static final Set<DeliveryProtocol> RAW_CAPABLE = Set.of(DeliveryProtocol.SQS, DeliveryProtocol.HTTP,
            DeliveryProtocol.HTTPS, DeliveryProtocol.FIREHOSE);
    /** AWS's default quota of subscriptions with a filter policy on one topic. */
    private static final int MAX_FILTER_POLICIES_PER_TOPIC = 200;
    private static final int PAGE = 100;

    private final SnsStore store;
    private final TopicOperations topics;
    private final Fanout fanout;
    private final AccessKeys accessKeys;
    private final Clock clock;
    /** Confirmation tokens (they stay valid once used, as AWS's do for a while) to their subscription. */
    private final Map<String, Subscription> byToken = new ConcurrentHashMap<>();

    SubscriptionOperations(SnsStore store, TopicOperations topics, Fanout fanout, AccessKeys accessKeys, Clock clock) {
        this.store = store;
        this.topics = topics;
        this.fanout = fanout;
        this.accessKeys = accessKeys;
        this.clock = clock;
    }

    void clear() {
        byToken.clear();
    }

    private Subscription subscription(ActionRequest r) {
        Arn arn = SnsInputs.subscriptionArn(r.params().string("SubscriptionArn"), "SubscriptionArn");
        Subscription s = store.subscription(arn.toString());
        if (s == null) {
            throw new AwsException(SnsError.NOT_FOUND, "Subscription does not exist");
        }
        return s;
    }

    // ---- subscribe -----------------------------------------------------------------------------

    Struct subscribe(ActionRequest r) {
        RequestContext ctx = r.context();
        Params p = r.params();
        Topic topic = topics.topic(r, "TopicArn", "Subscribe");
        String protocolName = SnsInputs.required(p, "Protocol");
        DeliveryProtocol protocol = DeliveryProtocol.of(protocolName.toLowerCase(java.util.Locale.ROOT));
        if (protocol == null) {
            throw SnsError.invalidParameter("Amazon SNS does not support this protocol string: " + protocolName);
        }
        String endpoint = checkEndpoint(topic, protocol, p.string("Endpoint"));
        Map<String, String> attributes = SnsInputs.attributes(p, "Attributes");
        Subscription probe = new Subscription("probe", topic, ctx.accountId(), null, protocol, endpoint, null);
        List<Object[]> parsed = new ArrayList<>();
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            parsed.add(new Object[] {a.getKey(), a.getValue(), check(probe, a.getKey(), a.getValue(), attributes,
                    "Attributes Reason: ")});
        }
        boolean returnArn = p.bool("ReturnSubscriptionArn", false);
        synchronized (topic) {
            for (Subscription existing : topic.subscriptions()) {
                if (existing.protocol() == protocol && existing.endpoint().equals(endpoint)) {
                    for (Map.Entry<String, String> a : attributes.entrySet()) {
                        String current = existing.attribute(a.getKey());
                        String expected = current != null ? current
                                : a.getKey().equals(Subscription.RAW_MESSAGE_DELIVERY) ? "false"
                                : a.getKey().equals(Subscription.FILTER_POLICY_SCOPE) ? "MessageAttributes" : "";
                        if (!a.getValue().equals(expected)) {
                            throw SnsError.invalidParameter("Attributes Reason: Subscription already exists with "
                                    + "different attributes");
                        }
                    }
                    return Struct.of().put("SubscriptionArn",
                            existing.isConfirmed() || returnArn ? existing.arn() : "pending confirmation");
                }
            }
            if (attributes.containsKey(Subscription.FILTER_POLICY) && !attributes.get(Subscription.FILTER_POLICY).isEmpty()
                    && filterPolicies(topic) >= MAX_FILTER_POLICIES_PER_TOPIC) {
                throw new AwsException(SnsError.FILTER_POLICY_LIMIT_EXCEEDED, "Filter policy limit exceeded");
            }
            String arn = topic.arn() + ":" + Ids.uuid();
            String principal = accessKeys.principalArnOf(ctx.credential() == null ? null : ctx.credential().accessKeyId());
            Subscription s = new Subscription(arn, topic, ctx.accountId(), principal, protocol, endpoint,
                    protocol.needsConfirmation() ? Ids.hex(256) : null);
            applyAll(s, parsed);
            if (!protocol.needsConfirmation()) {
                s.confirm(true, false);
            }
            store.add(s);
            if (s.token() != null) {
                byToken.put(s.token(), s);
                fanout.requestConfirmation(s, ctx.baseUrl(), clock.instant());
            }
            return Struct.of().put("SubscriptionArn", s.isConfirmed() || returnArn ? arn : "pending confirmation");
        }
    }

    private static void applyAll(Subscription s, List<Object[]> parsed) {
        // the scope first, so that a policy set with it is parsed in it
        parsed.sort(Comparator.comparing(a -> a[0].equals(Subscription.FILTER_POLICY_SCOPE) ? 0 : 1));
        for (Object[] a : parsed) {
            s.attribute((String) a[0], (String) a[1], a[2]);
        }
    }

    private static int filterPolicies(Topic topic) {
        int n = 0;
        for (Subscription s : topic.subscriptions()) {
            n += s.filterPolicy() != null ? 1 : 0;
        }
        return n;
    }

    private static String checkEndpoint(Topic topic, DeliveryProtocol protocol, String endpoint) {
        if (topic.isFifo() && protocol != DeliveryProtocol.SQS) {
            throw SnsError.invalidParameter("Invalid protocol type: " + protocol.wireName());
        }
        if (endpoint == null || endpoint.isEmpty()) {
            throw SnsError.invalidParameter("Endpoint Reason: no value for required parameter");
        }
        switch (protocol) {
            case HTTP, HTTPS -> {
                if (!endpoint.toLowerCase(java.util.Locale.ROOT).startsWith(protocol.wireName() + "://")) {
                    throw SnsError.invalidParameter("Endpoint must match the specified protocol");
                }
                try {
                    java.net.URI uri = java.net.URI.create(endpoint);
                    if (uri.getHost() == null) {
                        throw new IllegalArgumentException();
                    }
                } catch (IllegalArgumentException e) {
                    throw SnsError.invalidParameter("Endpoint Reason: " + endpoint + " is not a valid URL");
                }
            }
            case EMAIL, EMAIL_JSON -> {
                if (!EMAIL.matcher(endpoint).matches()) {
                    throw SnsError.invalidParameter("Email address");
                }
            }
            case SMS -> {
                if (!PHONE.matcher(endpoint).matches()) {
                    throw SnsError.invalid("Invalid SMS endpoint: " + endpoint);
                }
            }
            case SQS -> {
                Arn queue = arnOrNull(endpoint);
                if (queue == null || !queue.service().equals("sqs") || queue.resource().isEmpty()) {
                    throw SnsError.invalidParameter("SQS endpoint ARN");
                }
                if (queue.resource().endsWith(".fifo") && !topic.isFifo()) {
                    throw SnsError.invalidParameter("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be "
                            + "subscribed to standard SNS topics");
                }
            }
            case LAMBDA -> {
                Arn function = arnOrNull(endpoint);
                if (function == null || !function.service().equals("lambda") || !function.resource().startsWith("function:")) {
                    throw SnsError.invalidParameter("Lambda endpoint ARN");
                }
            }
            case APPLICATION -> {
                Arn device = arnOrNull(endpoint);
                if (device == null || !device.service().equals("sns") || !device.resource().startsWith("endpoint/")) {
                    throw SnsError.invalidParameter("Application endpoint arn invalid:" + endpoint);
                }
            }
            case FIREHOSE -> {
                Arn stream = arnOrNull(endpoint);
                if (stream == null || !stream.service().equals("firehose")) {
                    throw SnsError.invalidParameter("Firehose endpoint ARN");
                }
            }
        }
        return endpoint;
    }

    private static Arn arnOrNull(String text) {
        try {
            return Arn.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- confirm / unsubscribe -----------------------------------------------------------------

    /**
     * Confirms with the token sent to the endpoint. The token identifies the subscription; the topic
     * ARN need only be one (a SubscribeURL fetched by a browser carries no credentials, so its
     * region is not checked).
     */
    Struct confirmSubscription(ActionRequest r) {
        String topicArn = r.params().string("TopicArn");
        Arn arn = arnOrNull(topicArn == null ? "" : topicArn);
        if (arn == null || !arn.service().equals("sns") || r.context().credential() != null
                && !arn.region().equals(r.context().region())) {
            throw SnsError.invalidParameter("Topic");
        }
        String token = r.params().string("Token", "");
        Subscription s = byToken.get(token);
        if (s != null && store.subscription(s.arn()) == null) {
            // unsubscribed, or its topic deleted
            byToken.remove(token);
            s = null;
        }
        if (s == null) {
            throw HEX.matcher(token).matches() ? SnsError.invalidParameter("Token") : SnsError.invalid("Invalid token");
        }
        boolean authenticateOnUnsubscribe = "true".equalsIgnoreCase(r.params().string("AuthenticateOnUnsubscribe"));
        if (!s.isConfirmed()) {
            s.confirm(r.context().credential() != null, authenticateOnUnsubscribe);
        }
        return Struct.of().put("SubscriptionArn", s.arn());
    }

    Struct unsubscribe(ActionRequest r) {
        Arn arn = SnsInputs.subscriptionArn(r.params().string("SubscriptionArn"), "SubscriptionArn");
        Subscription s = store.subscription(arn.toString());
        if (s == null) {
            return null;
        }
        String caller = r.context().accountId();
        boolean signed = r.context().credential() != null;
        boolean ownerOrTopicOwner = caller.equals(s.owner()) || caller.equals(s.topic().accountId());
        // the UnsubscribeURL works without credentials, unless the confirmation asked for them
        if (s.unsubscribeNeedsAuthentication() && !signed || signed && !ownerOrTopicOwner) {
            throw new AwsException(SnsError.AUTHORIZATION_ERROR, "User: arn:aws:iam::" + caller
                    + ":root is not authorized to perform: SNS:Unsubscribe on resource: " + s.arn());
        }
        store.remove(s);
        if (s.token() != null) {
            byToken.remove(s.token());
        }
        if (s.isConfirmed() && s.protocol().isHttp()) {
            fanout.confirmUnsubscribe(s, r.context().baseUrl(), clock.instant());
        }
        return null;
    }

    // ---- listing -------------------------------------------------------------------------------

    Struct listSubscriptions(ActionRequest r) {
        String account = r.context().accountId();
        String region = r.context().region();
        List<Subscription> mine = new ArrayList<>();
        for (Subscription s : store.subscriptions()) {
            if (s.owner().equals(account) && s.topic().region().equals(region)) {
                mine.add(s);
            }
        }
        return listing(mine, r.params().string("NextToken"));
    }

    Struct listSubscriptionsByTopic(ActionRequest r) {
        Topic topic = topics.topic(r, "TopicArn", "ListSubscriptionsByTopic");
        return listing(new ArrayList<>(topic.subscriptions()), r.params().string("NextToken"));
    }

    private static Struct listing(List<Subscription> subscriptions, String token) {
        subscriptions.sort(Comparator.comparing(Subscription::arn));
        SnsInputs.Page<Subscription> page = SnsInputs.page(subscriptions, Subscription::arn, token, PAGE);
        return Struct.of().list("Subscriptions", page.items(), s -> Struct.of()
                        .put("SubscriptionArn", s.isConfirmed() ? s.arn() : "PendingConfirmation")
                        .put("Owner", s.owner()).put("Protocol", s.protocol().wireName())
                        .put("Endpoint", s.endpoint()).put("TopicArn", s.topicArn()))
                .put("NextToken", page.nextToken());
    }

    // ---- attributes ----------------------------------------------------------------------------

    Struct getSubscriptionAttributes(ActionRequest r) {
        Subscription s = subscription(r);
        Map<String, String> attributes = new java.util.TreeMap<>(s.attributes());
        attributes.put("SubscriptionArn", s.arn());
        attributes.put("TopicArn", s.topicArn());
        attributes.put("Owner", s.owner());
        attributes.put("Protocol", s.protocol().wireName());
        attributes.put("Endpoint", s.endpoint());
        attributes.put("PendingConfirmation", String.valueOf(!s.isConfirmed()));
        attributes.put("ConfirmationWasAuthenticated", String.valueOf(s.isConfirmationAuthenticated()));
        attributes.putIfAbsent(Subscription.RAW_MESSAGE_DELIVERY, "false");
        if (s.principal() != null) {
            attributes.put("SubscriptionPrincipal", s.principal());
        }
        if (s.filterPolicy() != null) {
            attributes.putIfAbsent(Subscription.FILTER_POLICY_SCOPE, FilterPolicy.Scope.MESSAGE_ATTRIBUTES.wireName());
        }
        if (s.protocol().isHttp()) {
            attributes.put("EffectiveDeliveryPolicy",
                    DeliveryPolicies.effectiveSubscriptionPolicy(Fanout.effectivePolicy(s.topic(), s)));
        }
        return Struct.of().put("Attributes", MapValue.of(attributes));
    }

    Struct setSubscriptionAttributes(ActionRequest r) {
        Subscription s = subscription(r);
        String name = SnsInputs.required(r.params(), "AttributeName");
        String value = r.params().string("AttributeValue", "");
        synchronized (s.topic()) {
            if (name.equals(Subscription.FILTER_POLICY) && !value.isEmpty() && s.filterPolicy() == null
                    && filterPolicies(s.topic()) >= MAX_FILTER_POLICIES_PER_TOPIC) {
                throw new AwsException(SnsError.FILTER_POLICY_LIMIT_EXCEEDED, "Filter policy limit exceeded");
            }
            Object parsed = check(s, name, value, Map.of(), "");
            if (name.equals(Subscription.FILTER_POLICY_SCOPE) && s.filterPolicy() != null) {
                // the policy is read again in the new scope (a nested one is refused in MessageAttributes)
                FilterPolicy policy = filterPolicy(s.attribute(Subscription.FILTER_POLICY), (FilterPolicy.Scope) parsed, "");
                s.attribute(name, value, parsed);
                s.attribute(Subscription.FILTER_POLICY, s.attribute(Subscription.FILTER_POLICY), policy);
                return null;
            }
            s.attribute(name, value, parsed);
        }
        return null;
    }

    /**
     * Checks an attribute and returns its parsed form ({@code null} for attributes without one).
     *
     * @param others the other attributes set along with it (Subscribe), for the filter policy's scope
     * @param prefix {@code "Attributes Reason: "} when AWS reports it as part of Subscribe's attributes
     */
    private Object check(Subscription s, String name, String value, Map<String, String> others, String prefix) {
        if (!SETTABLE.contains(name)) {
            throw SnsError.invalidParameter(prefix.isEmpty() ? "AttributeName" : prefix + "Invalid attribute name: " + name);
        }
        switch (name) {
            case Subscription.RAW_MESSAGE_DELIVERY -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw SnsError.invalidParameter(prefix + "RawMessageDelivery: Invalid value [" + value
                            + "]. Must be true or false.");
                }
                if (value.equalsIgnoreCase("true") && !RAW_CAPABLE.contains(s.protocol())) {
                    throw SnsError.invalidParameter(prefix + "Delivery protocol [" + s.protocol().wireName()
                            + "] does not support raw message delivery.");
                }
                return null;
            }
            case Subscription.FILTER_POLICY_SCOPE -> {
                FilterPolicy.Scope scope = FilterPolicy.Scope.of(value);
                if (scope == null) {
                    throw SnsError.invalidParameter(prefix + "FilterPolicyScope: Invalid value [" + value
                            + "]. Please use either MessageBody or MessageAttributes");
                }
                return scope;
            }
            case Subscription.FILTER_POLICY -> {
                if (value.isEmpty()) {
                    return null;
                }
                String scopeName = others.containsKey(Subscription.FILTER_POLICY_SCOPE)
                        ? others.get(Subscription.FILTER_POLICY_SCOPE) : s.attribute(Subscription.FILTER_POLICY_SCOPE);
                FilterPolicy.Scope scope = scopeName == null ? FilterPolicy.Scope.MESSAGE_ATTRIBUTES
                        : FilterPolicy.Scope.of(scopeName);
                return filterPolicy(value, scope == null ? FilterPolicy.Scope.MESSAGE_ATTRIBUTES : scope, prefix);
            }
            case Subscription.REDRIVE_POLICY -> {
                return value.isEmpty() ? null : deadLetterQueue(s, value, prefix);
            }
            case Subscription.DELIVERY_POLICY -> {
                return DeliveryPolicies.parseSubscription(value, prefix + "DeliveryPolicy");
            }
            default -> {
                return null;
            }
        }
    }

    private static FilterPolicy filterPolicy(String json, FilterPolicy.Scope scope, String prefix) {
        try {
            return FilterPolicy.parse(json, scope);
        } catch (FilterPolicyException e) {
            throw SnsError.invalidParameter(e.isScopeError() ? e.getMessage() : prefix + "FilterPolicy: " + e.getMessage());
        }
    }

    /** Checks a RedrivePolicy and returns its dead-letter queue's ARN. */
    private static String deadLetterQueue(Subscription s, String json, String prefix) {
        JsonNode policy;
        try {
            policy = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw SnsError.invalidParameter(prefix + "RedrivePolicy: failed to parse JSON. " + e.getOriginalMessage());
        }
        String target = policy == null ? null : policy.path("deadLetterTargetArn").asText(null);
        Arn arn = target == null ? null : arnOrNull(target);
        if (arn == null || !arn.service().equals("sqs") || arn.accountId().isEmpty() || arn.region().isEmpty()) {
            throw SnsError.invalidParameter(prefix + "RedrivePolicy: deadLetterTargetArn is an invalid arn");
        }
        if (s.topic().isFifo() && s.endpoint().endsWith(".fifo") && !arn.resource().endsWith(".fifo")) {
            throw SnsError.invalidParameter(prefix + "RedrivePolicy: must use a FIFO queue as DLQ for a FIFO "
                    + "Subscription to a FIFO Topic.");
        }
        return target;
    }
}
