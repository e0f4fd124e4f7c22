package dev.gureum.sns.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.json.Json;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.MapValue;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.sns.delivery.Fanout;
import dev.gureum.sns.domain.DeliveryProtocol;
import dev.gureum.sns.domain.SnsException;
import dev.gureum.sns.domain.SnsState;
import dev.gureum.sns.domain.SnsStore;
import dev.gureum.sns.domain.Subscription;
import dev.gureum.sns.domain.SubscriptionAttributes;
import dev.gureum.sns.domain.SubscriptionEndpoints;
import dev.gureum.sns.domain.Topic;
import dev.gureum.sns.filter.FilterPolicy;
import dev.gureum.sns.filter.FilterPolicyException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Subscriptions: subscribe, confirm, unsubscribe, list, attributes (filter, redrive, delivery policies). */
final class SubscriptionOperations {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final int PAGE = 100;

    private final SnsStore store;
    private final SnsState state;
    private final TopicOperations topics;
    private final Fanout fanout;
    private final AccessKeys accessKeys;
    private final Clock clock;
    /** Confirmation tokens (they stay valid once used, as AWS's do for a while) to their subscription. */
    private final Map<String, Subscription> byToken = new ConcurrentHashMap<>();

    SubscriptionOperations(SnsStore store, SnsState state, TopicOperations topics, Fanout fanout, AccessKeys accessKeys,
                           Clock clock) {
        this.store = store;
        this.state = state;
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

    CompletionStage<Struct> subscribe(ActionRequest r) {
        RequestContext ctx = r.context();
        Params p = r.params();
        Topic topic = topics.topic(r, "TopicArn", "Subscribe");
        String protocolName = SnsInputs.required(p, "Protocol");
        Map<String, String> attributes = SnsInputs.attributes(p, "Attributes");
        try {
            return subscribe(r, topic, protocolName, p.string("Endpoint"), attributes);
        } catch (SnsException e) {
            throw SnsErrors.aws(e, SnsErrors.IN_ATTRIBUTES);
        }
    }

    private CompletionStage<Struct> subscribe(ActionRequest r, Topic topic, String protocolName, String givenEndpoint,
                             Map<String, String> attributes) {
        RequestContext ctx = r.context();
        Params p = r.params();
        DeliveryProtocol protocol = SubscriptionEndpoints.protocol(protocolName);
        String endpoint = SubscriptionEndpoints.check(topic, protocol, givenEndpoint);
        Subscription probe = new Subscription("probe", topic, ctx.accountId(), null, protocol, endpoint, null);
        List<Object[]> parsed = new ArrayList<>();
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            parsed.add(new Object[] {a.getKey(), a.getValue(), check(probe, a.getKey(), a.getValue(), attributes,
                    SnsErrors.IN_ATTRIBUTES)});
        }
        boolean returnArn = p.bool("ReturnSubscriptionArn", false);
        synchronized (topic) {
            for (Subscription existing : topic.subscriptions()) {
                if (existing.protocol() == protocol && existing.endpoint().equals(endpoint)) {
                    SubscriptionAttributes.checkSameAs(existing, attributes);
                    return CompletableFuture.completedFuture(Struct.of().put("SubscriptionArn",
                            existing.isConfirmed() || returnArn ? existing.arn() : "pending confirmation"));
                }
            }
            if (attributes.containsKey(Subscription.FILTER_POLICY) && !attributes.get(Subscription.FILTER_POLICY).isEmpty()) {
                SubscriptionAttributes.checkFilterPolicyQuota(topic);
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
            CompletionStage<Void> durable = state.save(s);
            if (s.token() != null) {
                byToken.put(s.token(), s);
                fanout.requestConfirmation(s, ctx.baseUrl(), clock.instant());
            }
            Struct answer = Struct.of().put("SubscriptionArn", s.isConfirmed() || returnArn ? arn : "pending confirmation");
            return durable.thenApply(done -> answer);
        }
    }

    private static void applyAll(Subscription s, List<Object[]> parsed) {
        // the scope first, so that a policy set with it is parsed in it
        parsed.sort(Comparator.comparing(a -> a[0].equals(Subscription.FILTER_POLICY_SCOPE) ? 0 : 1));
        for (Object[] a : parsed) {
            s.attribute((String) a[0], (String) a[1], a[2]);
        }
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
    CompletionStage<Struct> confirmSubscription(ActionRequest r) {
        String topicArn = r.params().string("TopicArn");
        Arn arn = arnOrNull(topicArn == null ? "" : topicArn);
        if (arn == null || !arn.service().equals("sns") || r.context().credential() != null
                && !arn.region().equals(r.context().region())) {
            throw SnsError.invalidParameter("Topic");
        }
        String token = r.params().string("Token", "");
        Subscription s = byToken.get(token);
        if (s == null) {
            // a subscription read back from the data directory is found by its token once
            s = store.subscriptions().stream().filter(c -> token.equals(c.token())).findFirst().orElse(null);
        }
        if (s != null && store.subscription(s.arn()) == null) {
            // unsubscribed, or its topic deleted
            byToken.remove(token);
            s = null;
        }
        if (s == null) {
            throw HEX.matcher(token).matches() ? SnsError.invalidParameter("Token") : SnsError.invalid("Invalid token");
        }
        boolean authenticateOnUnsubscribe = "true".equalsIgnoreCase(r.params().string("AuthenticateOnUnsubscribe"));
        if (s.isConfirmed()) {
            return CompletableFuture.completedFuture(Struct.of().put("SubscriptionArn", s.arn()));
        }
        s.confirm(r.context().credential() != null, authenticateOnUnsubscribe);
        Struct answer = Struct.of().put("SubscriptionArn", s.arn());
        return state.save(s).thenApply(done -> answer);
    }

    CompletionStage<Struct> unsubscribe(ActionRequest r) {
        Arn arn = SnsInputs.subscriptionArn(r.params().string("SubscriptionArn"), "SubscriptionArn");
        Subscription s = store.subscription(arn.toString());
        if (s == null) {
            return CompletableFuture.completedFuture(null);
        }
        String caller = r.context().accountId();
        boolean signed = r.context().credential() != null;
        boolean ownerOrTopicOwner = caller.equals(s.owner()) || caller.equals(s.topic().accountId());
        // the UnsubscribeURL works without credentials, unless the confirmation asked for them
        if (s.unsubscribeNeedsAuthentication() && !signed || signed && !ownerOrTopicOwner) {
            throw new AwsException(SnsError.AUTHORIZATION_ERROR, "User: " + TopicPolicies.rootArn(s.topic(), caller)
                    + " is not authorized to perform: SNS:Unsubscribe on resource: " + s.arn());
        }
        store.remove(s);
        CompletionStage<Void> durable = state.deleted(s);
        if (s.token() != null) {
            byToken.remove(s.token());
        }
        if (s.isConfirmed() && s.protocol().isHttp()) {
            fanout.confirmUnsubscribe(s, r.context().baseUrl(), clock.instant());
        }
        return durable.thenApply(done -> null);
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

    CompletionStage<Struct> setSubscriptionAttributes(ActionRequest r) {
        Subscription s = subscription(r);
        String name = SnsInputs.required(r.params(), "AttributeName");
        String value = r.params().string("AttributeValue", "");
        synchronized (s.topic()) {
            if (name.equals(Subscription.FILTER_POLICY) && !value.isEmpty() && s.filterPolicy() == null) {
                SubscriptionAttributes.checkFilterPolicyQuota(s.topic());
            }
            Object parsed = check(s, name, value, Map.of(), "");
            if (name.equals(Subscription.FILTER_POLICY_SCOPE) && s.filterPolicy() != null) {
                // the policy is read again in the new scope (a nested one is refused in MessageAttributes)
                FilterPolicy policy = filterPolicy(s.attribute(Subscription.FILTER_POLICY), (FilterPolicy.Scope) parsed, "");
                s.attribute(name, value, parsed);
                s.attribute(Subscription.FILTER_POLICY, s.attribute(Subscription.FILTER_POLICY), policy);
            } else {
                s.attribute(name, value, parsed);
            }
            return state.save(s).thenApply(done -> null);
        }
    }

    /** A subscription attribute's parsed form, from its text (a subscription read back from its record). */
    static Object parsed(Subscription s, String name, String value) {
        return check(s, name, value, Map.of(), "");
    }

    /**
     * Checks an attribute and returns its parsed form ({@code null} for attributes without one).
     *
     * @param others the other attributes set along with it (Subscribe), for the filter policy's scope
     * @param prefix {@code "Attributes Reason: "} when AWS reports it as part of Subscribe's attributes
     */
    private static Object check(Subscription s, String name, String value, Map<String, String> others, String prefix) {
        SubscriptionAttributes.check(s.protocol(), name, value);
        switch (name) {
            case Subscription.FILTER_POLICY_SCOPE -> {
                return SubscriptionAttributes.filterPolicyScope(value);
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
                return value.isEmpty() ? null : SubscriptionAttributes.deadLetterQueue(s.topic(), s.endpoint(),
                        deadLetterTargetArn(value));
            }
            case Subscription.DELIVERY_POLICY -> {
                return DeliveryPolicies.parseSubscription(value);
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

    /** A RedrivePolicy's {@code deadLetterTargetArn}, {@code null} when it has none. */
    private static String deadLetterTargetArn(String json) {
        JsonNode policy;
        try {
            policy = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SnsException(SnsException.Reason.DOCUMENT_NOT_JSON, Subscription.REDRIVE_POLICY,
                    e.getOriginalMessage());
        }
        return policy == null ? null : policy.path("deadLetterTargetArn").asText(null);
    }
}
