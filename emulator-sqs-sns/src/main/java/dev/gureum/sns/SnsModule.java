package dev.gureum.sns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.http.Responses;
import dev.gureum.core.id.Ids;
import dev.gureum.core.json.Json;
import dev.gureum.core.protocol.FormDecoder;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.core.protocol.Values;
import dev.gureum.core.spi.MessageAttribute;
import dev.gureum.sns.delivery.Envelopes;
import dev.gureum.sns.domain.SentMessage;
import dev.gureum.sns.protocol.SnsService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * SNS, wired into the server, with its own endpoints: the signing certificate that
 * {@code SigningCertURL} points at, and {@code /_gureum/sns/messages}, the messages recorded
 * instead of sent (email, SMS, push), filterable by {@code topicArn}, {@code endpoint},
 * {@code protocol} and {@code subscriptionArn}; {@code DELETE} empties it.
 */
public final class SnsModule implements ServiceModule {

    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("sns", java.util.Set.of("sns"),
            Protocol.QUERY, null, "2010-03-31", "http://sns.amazonaws.com/doc/2010-03-31/", false)
            .with(java.util.Set.of(), ServiceRoutes.builder().hostLabels("sns").queryActions(java.util.Set.of(
                    "AddPermission", "CheckIfPhoneNumberIsOptedOut", "ConfirmSubscription", "CreatePlatformApplication",
                    "CreatePlatformEndpoint", "CreateSMSSandboxPhoneNumber", "CreateTopic", "DeleteEndpoint",
                    "DeletePlatformApplication", "DeleteSMSSandboxPhoneNumber", "DeleteTopic", "GetDataProtectionPolicy",
                    "GetEndpointAttributes", "GetPlatformApplicationAttributes", "GetSMSAttributes",
                    "GetSMSSandboxAccountStatus", "GetSubscriptionAttributes", "GetTopicAttributes",
                    "ListEndpointsByPlatformApplication", "ListOriginationNumbers", "ListPhoneNumbersOptedOut",
                    "ListPlatformApplications", "ListSMSSandboxPhoneNumbers", "ListSubscriptions",
                    "ListSubscriptionsByTopic", "ListTagsForResource", "ListTopics", "OptInPhoneNumber", "Publish",
                    "PublishBatch", "PutDataProtectionPolicy", "RemovePermission", "SetEndpointAttributes",
                    "SetPlatformApplicationAttributes", "SetSMSAttributes", "SetSubscriptionAttributes",
                    "SetTopicAttributes", "Subscribe", "TagResource", "Unsubscribe", "UntagResource",
                    "VerifySMSSandboxPhoneNumber")).build());


    public static final String MESSAGES_PATH = "/_gureum/sns/messages";

    /** Names the certificate's URL, as AWS's {@code SimpleNotificationService-<id>.pem}. */
    private final String certificateId = Ids.hex(32);

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new SnsService(context, certificateId);
    }

    @Override
    public void installInternalRoutes(InternalRoutes routes, ServiceRegistry registry) {
        String certificatePath = Envelopes.CERTIFICATE_PATH_PREFIX + certificateId + ".pem";
        routes.get(certificatePath, blocking(exchange -> {
            SnsService sns = sns(registry);
            if (sns == null) {
                Responses.json(exchange, 404, "{\"error\":\"SNS is not enabled\"}");
                return;
            }
            Responses.send(exchange, "application/x-x509-ca-cert", sns.certificatePem());
        }));
        routes.get(MESSAGES_PATH, blocking(exchange -> {
            SnsService sns = sns(registry);
            List<SentMessage> messages = sns == null ? List.of() : sns.sentMessages(filter(exchange));
            ObjectNode body = Json.mapper().createObjectNode();
            ArrayNode list = body.putArray("messages");
            messages.forEach(m -> list.add(json(m)));
            Responses.json(exchange, 200, body.toString());
        }));
        routes.add(Methods.DELETE, MESSAGES_PATH, blocking(exchange -> {
            SnsService sns = sns(registry);
            if (sns != null) {
                sns.clearSentMessages();
            }
            exchange.setStatusCode(204);
            exchange.endExchange();
        }));
    }

    private static SnsService sns(ServiceRegistry registry) {
        return registry.get(SnsModule.DESCRIPTOR.name()) instanceof SnsService sns ? sns : null;
    }

    /** Starting SNS creates its key, which is not work for an IO thread. */
    private static HttpHandler blocking(HttpHandler handler) {
        return exchange -> {
            if (exchange.isInIoThread()) {
                exchange.dispatch(handler);
                return;
            }
            handler.handleRequest(exchange);
        };
    }

    private static Predicate<SentMessage> filter(HttpServerExchange exchange) {
        Map<String, List<String>> query = FormDecoder.decode(exchange.getQueryString());
        String topicArn = first(query, "topicArn");
        String endpoint = first(query, "endpoint");
        String protocol = first(query, "protocol");
        String subscriptionArn = first(query, "subscriptionArn");
        return m -> (topicArn == null || topicArn.equals(m.topicArn()))
                && (endpoint == null || endpoint.equals(m.endpoint()))
                && (protocol == null || protocol.equals(m.protocol()))
                && (subscriptionArn == null || subscriptionArn.equals(m.subscriptionArn()));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static ObjectNode json(SentMessage m) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("protocol", m.protocol());
        node.put("endpoint", m.endpoint());
        node.put("topicArn", m.topicArn());
        node.put("subscriptionArn", m.subscriptionArn());
        node.put("messageId", m.messageId());
        node.put("type", m.type());
        node.put("subject", m.subject());
        node.put("message", m.message());
        node.put("body", m.body());
        ObjectNode attributes = node.putObject("messageAttributes");
        for (Map.Entry<String, MessageAttribute> a : m.attributes().entrySet()) {
            ObjectNode value = attributes.putObject(a.getKey());
            value.put("Type", a.getValue().dataType());
            value.put("Value", a.getValue().binaryValue() != null
                    ? Base64.getEncoder().encodeToString(a.getValue().binaryValue()) : a.getValue().stringValue());
        }
        node.put("timestamp", Values.iso(m.timestamp()));
        if (m.subscribeUrl() != null) {
            node.put("subscribeUrl", m.subscribeUrl());
            node.put("token", m.token());
        }
        return node;
    }
}
