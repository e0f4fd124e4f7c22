package dev.gureum.core.http;

import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.SigV4Credential;
import dev.gureum.core.auth.SigV4Parser;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.FormDecoder;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.Methods;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which service a request is for, by the rules AWS clients leave evidence for, in this order:
 * <ol>
 *   <li>the SigV4 credential scope (Authorization header, or {@code X-Amz-Credential} of a presigned URL);</li>
 *   <li>the {@code X-Amz-Target} prefix of the JSON protocols;</li>
 *   <li>paths only one service uses (Lambda's dated API paths, SQS queue URLs {@code /<account>/<queue>});</li>
 *   <li>the Host header ({@code <bucket>.s3.localhost.localstack.cloud}, {@code sqs.<region>.localhost...});</li>
 *   <li>the {@code Action} (and {@code Version}) field of the query and ec2 protocols;</li>
 *   <li>otherwise S3, which owns every other path (path-style buckets, presigned GETs).</li>
 * </ol>
 * It then fills the {@link RequestContext}: service, account (from the access key), region (from the
 * scope, else the host, else the default) and the base URL the client used.
 */
public final class ServiceRouter implements HttpHandler {

    /** The request body, when the router or the front end has already read it whole. */
    public static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

    /** How much of a form body the router reads to find an {@code Action}; larger forms are not query calls. */
    private static final int MAX_FORM_PEEK = 1024 * 1024;

    private static final Set<String> LAMBDA_PATH_PREFIXES = Set.of("/2014-11-13/", "/2015-03-31/", "/2016-08-19/",
            "/2017-03-31/", "/2017-10-31/", "/2018-06-01/runtime/", "/2018-10-31/", "/2019-09-25/", "/2019-09-30/",
            "/2020-04-22/", "/2020-06-30/", "/2021-10-31/", "/2021-11-15/", "/2022-07-01/", "/2024-08-31/");
    private static final Pattern QUEUE_PATH = Pattern.compile("^/(\\d{12})/([A-Za-z0-9_-]{1,80}(\\.fifo)?)/?$");
    private static final Pattern SERVICE_HOST = Pattern.compile(
            "^(?:.+\\.)?(s3|sqs|sns|lambda|logs|ec2|sts)(?:[.-]([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d+))?\\."
                    + "(?:localhost\\.localstack\\.cloud|amazonaws\\.com(?:\\.cn)?)$");
    private static final Pattern LEGACY_SQS_HOST = Pattern.compile(
            "^(?:([a-z]{2}(?:-gov)?-[a-z]+-\\d+)\\.)?queue\\.amazonaws\\.com$");
    private static final Map<String, ServiceDescriptor> BY_QUERY_VERSION = Map.of(
            "2012-11-05", ServiceDescriptor.SQS,
            "2010-03-31", ServiceDescriptor.SNS,
            "2016-11-15", ServiceDescriptor.EC2,
            "2011-06-15", ServiceDescriptor.STS);
    private static final Set<String> STS_ACTIONS = Set.of("GetCallerIdentity", "AssumeRole", "GetSessionToken",
            "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML", "GetFederationToken", "DecodeAuthorizationMessage",
            "GetAccessKeyInfo", "AssumeRoot", "GetDelegatedAccessToken", "GetWebIdentityToken");
    private static final Set<String> SQS_ACTIONS = Set.of("CancelMessageMoveTask", "ChangeMessageVisibility",
            "ChangeMessageVisibilityBatch", "CreateQueue", "DeleteMessage", "DeleteMessageBatch", "DeleteQueue",
            "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues", "ListMessageMoveTasks", "ListQueueTags",
            "ListQueues", "PurgeQueue", "ReceiveMessage", "SendMessage", "SendMessageBatch", "SetQueueAttributes",
            "StartMessageMoveTask", "TagQueue", "UntagQueue");
    private static final Set<String> SNS_ACTIONS = Set.of("AddPermission", "CheckIfPhoneNumberIsOptedOut",
            "ConfirmSubscription", "CreatePlatformApplication", "CreatePlatformEndpoint", "CreateSMSSandboxPhoneNumber",
            "CreateTopic", "DeleteEndpoint", "DeletePlatformApplication", "DeleteSMSSandboxPhoneNumber", "DeleteTopic",
            "GetDataProtectionPolicy", "GetEndpointAttributes", "GetPlatformApplicationAttributes", "GetSMSAttributes",
            "GetSMSSandboxAccountStatus", "GetSubscriptionAttributes", "GetTopicAttributes",
            "ListEndpointsByPlatformApplication", "ListOriginationNumbers", "ListPhoneNumbersOptedOut",
            "ListPlatformApplications", "ListSMSSandboxPhoneNumbers", "ListSubscriptions", "ListSubscriptionsByTopic",
            "ListTagsForResource", "ListTopics", "OptInPhoneNumber", "Publish", "PublishBatch", "PutDataProtectionPolicy",
            "RemovePermission", "SetEndpointAttributes", "SetPlatformApplicationAttributes", "SetSMSAttributes",
            "SetSubscriptionAttributes", "SetTopicAttributes", "Subscribe", "TagResource", "Unsubscribe", "UntagResource",
            "VerifySMSSandboxPhoneNumber");

    private final AccessKeys accessKeys;
    private final String defaultRegion;
    private final boolean strictSignatures;
    private final HttpHandler next;

    public ServiceRouter(AccessKeys accessKeys, String defaultRegion, boolean strictSignatures, HttpHandler next) {
        this.accessKeys = accessKeys;
        this.defaultRegion = defaultRegion;
        this.strictSignatures = strictSignatures;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        RequestContext ctx = exchange.getAttachment(RequestContext.KEY);
        Map<String, String> query = lenientQuery(exchange.getQueryString());
        SigV4Parser.Result auth = SigV4Parser.parse(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION), query);
        SigV4Credential credential = auth instanceof SigV4Parser.Parsed parsed ? parsed.credential() : null;
        ctx.credential(credential);
        ctx.baseUrl(exchange.getRequestScheme() + "://" + hostHeader(exchange));

        String host = hostName(exchange);
        ServiceDescriptor service = byHeaders(exchange, credential, host);
        if (service == null && isFormPost(exchange)) {
            // rule 5 needs the form: read it without blocking, then route
            exchange.setMaxEntitySize(MAX_FORM_PEEK);
            exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
                ex.putAttachment(BODY, body);
                String action = null;
                String version = null;
                try {
                    Map<String, List<String>> form = FormDecoder.decode(new String(body, StandardCharsets.UTF_8));
                    action = first(form, "Action");
                    version = first(form, "Version");
                } catch (IllegalArgumentException e) {
                    // a form that cannot be decoded names no action; the service's codec reports it
                }
                ServiceDescriptor byAction = byAction(action, version);
                continueWith(ex, ctx, byAction == null ? ServiceDescriptor.S3 : byAction, auth, host);
            }, (ex, failure) -> EdgeHandler.fail(ex, failure));
            return;
        }
        if (service == null) {
            service = byAction(query.get("Action"), query.get("Version"));
        }
        continueWith(exchange, ctx, service == null ? ServiceDescriptor.S3 : service, auth, host);
    }

    private void continueWith(HttpServerExchange exchange, RequestContext ctx, ServiceDescriptor service,
                              SigV4Parser.Result auth, String host) {
        ctx.service(service);
        SigV4Credential credential = ctx.credential();
        if (credential == null && strictSignatures && service == ServiceDescriptor.S3) {
            // verified signatures: an unsigned S3 request is anonymous and acts as no account
            ctx.accountId(null);
        } else {
            ctx.accountId(accessKeys.accountOf(credential == null ? null : credential.accessKeyId()));
        }
        String region = credential == null ? null : credential.region();
        if (region == null) {
            region = regionFromHost(host);
        }
        ctx.region(region == null ? defaultRegion : region);
        try {
            if (auth instanceof SigV4Parser.Malformed malformed && strictSignatures) {
                throw new AwsException(CommonError.INCOMPLETE_SIGNATURE, malformed.message());
            }
            next.handleRequest(exchange);
        } catch (Throwable t) {
            EdgeHandler.fail(exchange, t);
        }
    }

    /** Rules 1 to 4; {@code null} when none applies. */
    ServiceDescriptor byHeaders(HttpServerExchange exchange, SigV4Credential credential, String host) {
        if (credential != null && credential.service() != null) {
            ServiceDescriptor bySigningName = bySigningName(credential.service());
            if (bySigningName != null) {
                return bySigningName;
            }
            throw unsupported(credential.service());
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            int dot = target.indexOf('.');
            String prefix = dot < 0 ? target : target.substring(0, dot);
            for (ServiceDescriptor d : ServiceDescriptor.ALL) {
                if (prefix.equals(d.targetPrefix())) {
                    return d;
                }
            }
            throw unsupported(prefix);
        }
        String path = exchange.getRequestPath();
        for (String prefix : LAMBDA_PATH_PREFIXES) {
            if (path.startsWith(prefix)) {
                return ServiceDescriptor.LAMBDA;
            }
        }
        if (QUEUE_PATH.matcher(path).matches()) {
            return ServiceDescriptor.SQS;
        }
        Matcher m = SERVICE_HOST.matcher(host);
        if (m.matches()) {
            return ServiceDescriptor.byName(m.group(1));
        }
        if (LEGACY_SQS_HOST.matcher(host).matches()) {
            return ServiceDescriptor.SQS;
        }
        return null;
    }

    static ServiceDescriptor bySigningName(String signingName) {
        for (ServiceDescriptor d : ServiceDescriptor.ALL) {
            if (d.signingNames().contains(signingName)) {
                return d;
            }
        }
        return null;
    }

    /** Rule 5: the query API version names the service; without one, a few action names are telling. */
    static ServiceDescriptor byAction(String action, String version) {
        if (action == null || action.isEmpty()) {
            return null;
        }
        ServiceDescriptor byVersion = version == null ? null : BY_QUERY_VERSION.get(version);
        if (byVersion != null) {
            return byVersion;
        }
        if (STS_ACTIONS.contains(action)) {
            return ServiceDescriptor.STS;
        }
        if (SNS_ACTIONS.contains(action)) {
            return ServiceDescriptor.SNS;
        }
        if (SQS_ACTIONS.contains(action)) {
            return ServiceDescriptor.SQS;
        }
        return ServiceDescriptor.EC2;
    }

    private static AwsException unsupported(String name) {
        return new AwsException(CommonError.NOT_IMPLEMENTED,
                "Service '" + name + "' is not supported by Gureum (it serves s3, sqs, sns, lambda, logs, ec2 and sts).");
    }

    private static boolean isFormPost(HttpServerExchange exchange) {
        if (!Methods.POST.equals(exchange.getRequestMethod())) {
            return false;
        }
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    static String regionFromHost(String host) {
        Matcher m = SERVICE_HOST.matcher(host);
        if (m.matches() && m.group(2) != null) {
            return m.group(2);
        }
        Matcher legacy = LEGACY_SQS_HOST.matcher(host);
        if (legacy.matches() && legacy.group(1) != null) {
            return legacy.group(1);
        }
        return null;
    }

    private static String hostHeader(HttpServerExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        return host == null || host.isEmpty() ? exchange.getHostAndPort() : host;
    }

    /** The Host header without the port, lower case. */
    static String hostName(HttpServerExchange exchange) {
        String host = hostHeader(exchange).toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static Map<String, String> lenientQuery(String queryString) {
        Map<String, String> result = new HashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return result;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                result.putIfAbsent(FormDecoder.percentDecode(name, true), FormDecoder.percentDecode(value, true));
            } catch (IllegalArgumentException e) {
                // routing ignores what cannot be decoded; the service's codec answers the error
            }
        }
        return result;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
