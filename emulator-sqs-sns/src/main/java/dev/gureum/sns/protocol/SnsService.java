package dev.gureum.sns.protocol;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.core.spi.TopicPublisher;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.sns.delivery.Envelopes;
import dev.gureum.sns.delivery.Fanout;
import dev.gureum.sns.delivery.HttpDelivery;
import dev.gureum.sns.delivery.SigningCertificate;
import dev.gureum.sns.domain.SentMessage;
import dev.gureum.sns.domain.SentMessages;
import dev.gureum.sns.domain.SnsException;
import dev.gureum.sns.domain.SnsState;
import dev.gureum.sns.domain.SnsStore;
import dev.gureum.sns.domain.Subscription;
import dev.gureum.sns.domain.Topic;
import io.undertow.server.HttpServerExchange;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * SNS over the query protocol: topics, subscriptions, publishing with fan-out to SQS, Lambda,
 * HTTP/S and recorded endpoints, mobile push and SMS bookkeeping. It is also the {@link TopicPublisher}
 * other services (S3 notifications) publish through.
 */
public final class SnsService extends ActionService implements TopicPublisher {

    /** How many recorded (not sent) messages are kept. */
    private static final int RECORDED_MESSAGES = 10_000;

    private final SnsStore store = new SnsStore();
    private final SnsState state = new SnsState(store, new SnsState.Parsers() {
        @Override
        public void topicDeliveryPolicy(Topic topic, String json) {
            TopicOperations.deliveryPolicy(topic, json);
        }

        @Override
        public Object subscriptionAttribute(Subscription subscription, String name, String value) {
            return SubscriptionOperations.parsed(subscription, name, value);
        }
    });
    private final StateJournal journal;
    private final HttpDelivery http;
    private final Fanout fanout;
    private final SubscriptionOperations subscriptions;
    private final PublishOperations publishing;
    /** With IAM enforced, a service needs the topic's policy within its own account too, as on AWS. */
    private final boolean enforceIam;
    private volatile String lastBaseUrl;

    public SnsService(EmulatorContext context, String certificateId) {
        super(dev.gureum.sns.SnsModule.DESCRIPTOR);
        this.enforceIam = context.config().enforceIam();
        SigningCertificate certificate = SigningCertificate.generate(context.clock().instant());
        this.http = new HttpDelivery(context.timers());
        this.fanout = new Fanout(new Envelopes(certificate, certificateId), context.crossService(), http,
                new SentMessages(RECORDED_MESSAGES), new dev.gureum.sns.delivery.TopicMetrics(
                        context.crossService().find(dev.gureum.core.spi.MetricSink.class).orElse(null), context.clock()));
        TopicOperations topics = new TopicOperations(store, state);
        this.subscriptions = new SubscriptionOperations(store, state, topics, fanout, context.accessKeys(),
                context.clock());
        this.publishing = new PublishOperations(store, topics, fanout, context.clock());
        PlatformOperations platform = new PlatformOperations(store, state);
        SmsOperations sms = new SmsOperations(store, state);
        this.journal = context.persistence().open(state);
        state.journal(journal);

        on("CreateTopic", topics::createTopic);
        on("DeleteTopic", topics::deleteTopic);
        on("ListTopics", topics::listTopics);
        on("GetTopicAttributes", topics::getTopicAttributes);
        on("SetTopicAttributes", topics::setTopicAttributes);
        on("AddPermission", topics::addPermission);
        on("RemovePermission", topics::removePermission);
        on("TagResource", topics::tagResource);
        on("UntagResource", topics::untagResource);
        on("ListTagsForResource", topics::listTagsForResource);
        on("PutDataProtectionPolicy", topics::putDataProtectionPolicy);
        on("GetDataProtectionPolicy", topics::getDataProtectionPolicy);

        on("Subscribe", subscriptions::subscribe);
        on("ConfirmSubscription", subscriptions::confirmSubscription);
        on("Unsubscribe", subscriptions::unsubscribe);
        on("ListSubscriptions", subscriptions::listSubscriptions);
        on("ListSubscriptionsByTopic", subscriptions::listSubscriptionsByTopic);
        on("GetSubscriptionAttributes", subscriptions::getSubscriptionAttributes);
        on("SetSubscriptionAttributes", subscriptions::setSubscriptionAttributes);

        on("Publish", publishing::publish);
        on("PublishBatch", publishing::publishBatch);

        on("CreatePlatformApplication", platform::createPlatformApplication);
        on("GetPlatformApplicationAttributes", platform::getPlatformApplicationAttributes);
        on("SetPlatformApplicationAttributes", platform::setPlatformApplicationAttributes);
        on("ListPlatformApplications", platform::listPlatformApplications);
        on("DeletePlatformApplication", platform::deletePlatformApplication);
        on("CreatePlatformEndpoint", platform::createPlatformEndpoint);
        on("GetEndpointAttributes", platform::getEndpointAttributes);
        on("SetEndpointAttributes", platform::setEndpointAttributes);
        on("ListEndpointsByPlatformApplication", platform::listEndpointsByPlatformApplication);
        on("DeleteEndpoint", platform::deleteEndpoint);

        on("SetSMSAttributes", sms::setSmsAttributes);
        on("GetSMSAttributes", sms::getSmsAttributes);
        on("CheckIfPhoneNumberIsOptedOut", sms::checkIfPhoneNumberIsOptedOut);
        on("ListPhoneNumbersOptedOut", sms::listPhoneNumbersOptedOut);
        on("OptInPhoneNumber", sms::optInPhoneNumber);
        on("GetSMSSandboxAccountStatus", sms::getSmsSandboxAccountStatus);
        on("CreateSMSSandboxPhoneNumber", sms::createSmsSandboxPhoneNumber);
        on("VerifySMSSandboxPhoneNumber", sms::verifySmsSandboxPhoneNumber);
        on("DeleteSMSSandboxPhoneNumber", sms::deleteSmsSandboxPhoneNumber);
        on("ListSMSSandboxPhoneNumbers", sms::listSmsSandboxPhoneNumbers);
        on("ListOriginationNumbers", sms::listOriginationNumbers);
        enforce(context, SnsAccess.rules(store));
    }

    /** Registers an operation whose domain refusals become SNS's errors. */
    private void on(String action, Operation operation) {
        register(action, request -> {
            try {
                return operation.invoke(request);
            } catch (SnsException e) {
                throw SnsErrors.aws(e);
            }
        });
    }

    @Override
    public void handle(HttpServerExchange exchange, RequestContext context) throws Exception {
        // remembered for messages other services publish, which come without a client's address
        lastBaseUrl = context.baseUrl();
        super.handle(exchange, context);
    }

    @Override
    public String publish(Caller publisher, String topicArn, String message, String subject,
                          Map<String, MessageAttribute> attributes) {
        Arn arn;
        try {
            arn = Arn.parse(topicArn);
        } catch (IllegalArgumentException e) {
            throw SnsError.invalidParameter("TopicArn");
        }
        Topic topic = store.topic(arn.accountId(), arn.region(), arn.resource());
        if (topic == null) {
            throw new AwsException(SnsError.NOT_FOUND, "Topic does not exist");
        }
        // another account's topic must allow the service; with IAM enforced, S3 needs one in its own account too
        boolean ownAccount = topic.accountId().equals(publisher.sourceAccount())
                && !(enforceIam && publisher.needsPolicyInOwnAccount());
        if (!ownAccount && !policyAllows(topic, publisher)) {
            throw new AwsException(SnsError.AUTHORIZATION_ERROR, "User: " + publisher.principal().arn()
                    + " is not authorized to perform: SNS:Publish on resource: " + topic.arn());
        }
        if (message == null || message.isEmpty()) {
            throw SnsError.invalidParameter("Empty message");
        }
        String baseUrl = lastBaseUrl != null ? lastBaseUrl : "http://localhost:4566";
        return publishing.publishFromService(topic, message, subject, attributes == null ? Map.of() : attributes, baseUrl);
    }

    private static boolean policyAllows(Topic topic, Caller publisher) {
        Map<String, String> conditions = new java.util.HashMap<>();
        if (publisher.sourceArn() != null) {
            conditions.put("aws:SourceArn", publisher.sourceArn());
        }
        if (publisher.sourceAccount() != null) {
            conditions.put("aws:SourceAccount", publisher.sourceAccount());
        }
        return TopicPolicies.decide(topic, AccessRequest.of(publisher.principal(), "SNS:Publish", topic.arn(), conditions))
                .allowed();
    }

    /** The signing certificate in PEM form, as {@code SigningCertURL} serves it. */
    /** Every topic and subscription, for Gureum's own views (the console). */
    public SnsStore store() {
        return store;
    }

    public String certificatePem() {
        return fanout.envelopes().certificate().pem();
    }

    /** The path {@code SigningCertURL} points at. */
    public String certificatePath() {
        return fanout.envelopes().certificatePath();
    }

    /** Messages recorded instead of sent (email, SMS, push, Firehose), oldest first. */
    public List<SentMessage> sentMessages(Predicate<SentMessage> filter) {
        return fanout.sent(filter);
    }

    public void clearSentMessages() {
        fanout.sentMessages().clear();
    }

    /** HTTP/S deliveries on the wire or waiting for a retry. */
    public int pendingHttpDeliveries() {
        return http.pending();
    }

    /** HTTP/S deliveries waiting for their next attempt. */
    public int httpRetriesWaiting() {
        return http.retriesWaiting();
    }

    @Override
    public void reset() {
        journal.reset();
        subscriptions.clear();
        http.clear();
        fanout.sentMessages().clear();
    }

    @Override
    public void close() {
        http.close();
        // the final snapshot first: it reads the topics
        journal.close();
        store.clear();
    }
}
