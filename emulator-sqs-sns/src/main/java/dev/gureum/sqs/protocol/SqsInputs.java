package dev.gureum.sqs.protocol;

import dev.gureum.core.RequestContext;
import dev.gureum.core.auth.AccessRequest;
import dev.gureum.core.auth.PolicyDocument;
import dev.gureum.core.auth.Principal;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.sqs.domain.MessageRules;
import dev.gureum.sqs.domain.QueueAttributes;
import dev.gureum.sqs.domain.QueueStore;
import dev.gureum.sqs.domain.SqsQueue;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQS inputs as both protocols spell them: JSON uses plural member names ({@code Attributes},
 * {@code Entries}), the query protocol flattened singular ones ({@code Attribute.1.Name}).
 */
final class SqsInputs {

    private static final Pattern QUEUE_PATH = Pattern.compile("^/(?:queue/([a-z0-9-]+)/)?(\\d{12})/([^/]+)/?$");
    private static final Pattern REGION_HOST = Pattern.compile(
            "^(?:sqs[.-]([a-z]{2}(?:-gov)?-[a-z]+-\\d+)\\..*|([a-z]{2}(?:-gov)?-[a-z]+-\\d+)\\.queue\\.amazonaws\\.com)$");

    private SqsInputs() {
    }

    static boolean json(ActionRequest r) {
        return r.params().origin() == Params.Origin.JSON;
    }

    /** A list member: {@code jsonName} in JSON, the flattened {@code queryName} in the query protocol. */
    static List<Params> list(ActionRequest r, String jsonName, String queryName) {
        return r.params().list(json(r) ? jsonName : queryName);
    }

    static List<String> strings(ActionRequest r, String jsonName, String queryName) {
        return r.params().stringList(json(r) ? jsonName : queryName);
    }

    /** A map of strings: a JSON object, or query entries with the given key and value member names. */
    static Map<String, String> stringMap(ActionRequest r, String jsonName, String queryName, String key, String value) {
        return r.params().stringMap(json(r) ? jsonName : queryName, key, value);
    }

    static String required(Params p, String name) {
        String value = p.string(name);
        if (value == null) {
            throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter " + name + ".");
        }
        return value;
    }

    /** The queue a request addresses: its {@code QueueUrl}, or the path it was posted to (older query clients). */
    static SqsQueue queue(ActionRequest r, QueueStore store) {
        String url = r.params().string("QueueUrl");
        if (url == null) {
            if (QUEUE_PATH.matcher(r.path()).matches()) {
                url = r.context().baseUrl() + r.path();
            } else {
                throw new AwsException(SqsError.MISSING_PARAMETER, "The request must contain the parameter QueueUrl.");
            }
        }
        return byUrl(url, r.context(), store);
    }

    static SqsQueue byUrl(String url, RequestContext ctx, QueueStore store) {
        QueueAddress address = addressOf(url, ctx);
        String region = address.region() == null ? ctx.region() : address.region();
        SqsQueue queue = store.get(address.accountId(), region, address.name());
        if (queue == null) {
            throw new AwsException(SqsError.QUEUE_DOES_NOT_EXIST, "The specified queue does not exist.");
        }
        checkAccess(queue, ctx, url);
        return queue;
    }

    /** Queue URLs read so far, as clients send the same few on every call. */
    private static final Map<String, QueueAddress> ADDRESSES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_ADDRESSES = 4096;

    /**
     * What a queue URL names: the account, the queue's name, and the region when the URL tells it (else
     * the request's).
     *
     * @param fromUrl whether the URL alone tells this (not a bare queue name)
     */
    record QueueAddress(String accountId, String region, String name, boolean fromUrl) {
    }

    /** What a queue URL names, read once per URL. */
    static QueueAddress addressOf(String url, RequestContext ctx) {
        QueueAddress address = ADDRESSES.get(url);
        if (address == null) {
            address = address(url, ctx);
            // a bare queue name depends on the caller's account: only whole URLs are remembered
            if (address.fromUrl()) {
                if (ADDRESSES.size() >= MAX_ADDRESSES) {
                    ADDRESSES.clear();
                }
                ADDRESSES.put(url, address);
            }
        }
        return address;
    }

    private static QueueAddress address(String url, RequestContext ctx) {
        String path;
        String host;
        try {
            URI uri = URI.create(url.trim());
            path = uri.getRawPath() == null ? "" : uri.getRawPath();
            host = uri.getHost() == null ? "" : uri.getHost();
        } catch (IllegalArgumentException e) {
            throw invalidAddress(url);
        }
        boolean fromUrl = true;
        if (path.isEmpty() && !url.contains("/")) {
            // a bare queue name, which some clients pass
            path = "/" + ctx.accountId() + "/" + url;
            fromUrl = false;
        }
        Matcher m = QUEUE_PATH.matcher(path);
        if (!m.matches()) {
            throw invalidAddress(url);
        }
        String region = m.group(1);
        if (region == null) {
            Matcher h = REGION_HOST.matcher(host);
            if (h.matches()) {
                region = h.group(1) != null ? h.group(1) : h.group(2);
            }
        }
        return new QueueAddress(m.group(2), region, m.group(3), fromUrl);
    }

    /**
     * The queue's policy decides: another account's caller gets only what it allows the caller's account, and an
     * explicit deny refuses the queue's own account too.
     */
    static void checkAccess(SqsQueue queue, RequestContext ctx, String url) {
        boolean owner = queue.accountId().equals(ctx.accountId());
        PolicyDocument policy = PolicyDocument.ofStored(queue.attribute(QueueAttributes.POLICY));
        // without a Deny the policy cannot refuse the queue's own account
        if (owner && (policy == null || !policy.hasDeny())) {
            return;
        }
        AccessRequest request = AccessRequest.of(Principal.account(ctx.accountId()),
                QueuePolicies.action(ctx.operation()), queue.arn()).at(ctx.now());
        if (QueuePolicies.decide(queue, request).allowed()) {
            return;
        }
        throw new AwsException(SqsError.ACCESS_DENIED, "Access to the resource " + url + " is denied.");
    }

    private static AwsException invalidAddress(String url) {
        return new AwsException(SqsError.INVALID_ADDRESS, "The address " + url + " is not valid for this endpoint.");
    }

    /** Message attributes of a send as the request spells them; the domain checks them. */
    static Map<String, MessageRules.AttributeInput> messageAttributes(Params entry, boolean json) {
        return attributes(entry.map(json ? "MessageAttributes" : "MessageAttribute", "Name", "Value"));
    }

    static Map<String, MessageRules.AttributeInput> systemAttributes(Params entry, boolean json) {
        return attributes(entry.map(json ? "MessageSystemAttributes" : "MessageSystemAttribute", "Name", "Value"));
    }

    private static Map<String, MessageRules.AttributeInput> attributes(Map<String, Params> raw) {
        Map<String, MessageRules.AttributeInput> result = new LinkedHashMap<>();
        raw.forEach((name, value) -> result.put(name, new MessageRules.AttributeInput(value.string("DataType"),
                value.string("StringValue"), () -> value.blob("BinaryValue"))));
        return result;
    }

    /** Batch entries: 1 to 10, with distinct, well-formed ids. */
    static List<Params> batchEntries(ActionRequest r, String queryEntryName) {
        List<Params> entries = list(r, "Entries", queryEntryName);
        if (entries.isEmpty()) {
            throw new AwsException(SqsError.EMPTY_BATCH_REQUEST, "There should be at least one "
                    + queryEntryName + " in the request.");
        }
        if (entries.size() > 10) {
            throw new AwsException(SqsError.TOO_MANY_ENTRIES_IN_BATCH_REQUEST,
                    "Maximum number of entries per request are 10. You have sent " + entries.size() + ".");
        }
        List<String> ids = new ArrayList<>();
        for (Params e : entries) {
            String id = e.string("Id");
            if (id == null || !id.matches("[A-Za-z0-9_-]{1,80}")) {
                throw new AwsException(SqsError.INVALID_BATCH_ENTRY_ID, "A batch entry id can only contain "
                        + "alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.");
            }
            if (ids.contains(id)) {
                throw new AwsException(SqsError.BATCH_ENTRY_IDS_NOT_DISTINCT, "Id " + id + " repeated.");
            }
            ids.add(id);
        }
        return entries;
    }
}
