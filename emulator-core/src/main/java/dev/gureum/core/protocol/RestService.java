package dev.gureum.core.protocol;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.auth.AccessRules;
import dev.gureum.core.auth.Authorizer;
import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service of the REST protocols (rest-xml, rest-json): a dispatch table from (method, path template,
 * required query parameters) to an operation, as the botocore models' {@code http} traits describe.
 * The first route that matches wins, so register the more specific ones first. A request no route
 * matches is the protocol's unknown operation: {@code NotImplemented} (rest-xml) or
 * {@code UnknownOperationException} (rest-json).
 */
public abstract class RestService implements AwsService {

    /** One operation's handler: it writes the response (see {@link RestXmlCodec}, {@link RestJsonCodec}). */
    @FunctionalInterface
    public interface Operation {
        void handle(RestRequest request) throws Exception;
    }

    private record Route(HttpString method, PathTemplate path, Set<String> requiredQuery, String operation,
                         Operation handler) {
    }

    private final ServiceDescriptor descriptor;
    private final List<Route> routes = new ArrayList<>();

    protected RestService(ServiceDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public ServiceDescriptor descriptor() {
        return descriptor;
    }

    private AccessRules<RestRequest> accessRules;
    private Authorizer authorizer;

    /**
     * Authorizes every request by these rules before its operation runs, when {@code --enforce-iam} is on
     * (otherwise nothing changes and nothing is spent).
     */
    protected final void enforce(EmulatorContext context, AccessRules<RestRequest> rules) {
        Authorizer a = Authorizer.of(context);
        if (a.enforcing()) {
            this.authorizer = a;
            this.accessRules = rules;
        }
    }

    /**
     * @param requiredQuery query parameters that select this operation (S3's {@code ?tagging}), may be empty
     */
    protected final void route(String method, String pathTemplate, Set<String> requiredQuery, String operation,
                               Operation handler) {
        routes.add(new Route(HttpString.tryFromString(method), new PathTemplate(pathTemplate),
                Set.copyOf(requiredQuery), operation, handler));
    }

    protected final void route(String method, String pathTemplate, String operation, Operation handler) {
        route(method, pathTemplate, Set.of(), operation, handler);
    }

    @Override
    public void handle(HttpServerExchange exchange, RequestContext ctx) throws Exception {
        Map<String, List<String>> query;
        try {
            query = FormDecoder.decode(exchange.getQueryString());
        } catch (IllegalArgumentException e) {
            throw new AwsException(descriptor.protocol() == Protocol.REST_XML ? CommonError.INVALID_REQUEST
                    : CommonError.VALIDATION_EXCEPTION, "The query string is not valid: " + e.getMessage());
        }
        String rawPath = exchange.getRequestPath();
        int question = rawPath.indexOf('?');
        if (question >= 0) {
            rawPath = rawPath.substring(0, question);
        }
        for (Route route : routes) {
            if (!route.method.equals(exchange.getRequestMethod()) || !query.keySet().containsAll(route.requiredQuery)) {
                continue;
            }
            Map<String, String> labels;
            try {
                labels = route.path.match(rawPath);
            } catch (IllegalArgumentException e) {
                throw new AwsException(descriptor.protocol() == Protocol.REST_XML ? CommonError.INVALID_REQUEST
                        : CommonError.VALIDATION_EXCEPTION, "The request path is not valid: " + e.getMessage());
            }
            if (labels != null) {
                ctx.operation(route.operation);
                RestRequest request = new RestRequest(exchange, ctx, route.operation, labels, query);
                if (accessRules != null) {
                    accessRules.authorize(authorizer, exchange, ctx, route.operation, request);
                }
                route.handler.handle(request);
                return;
            }
        }
        throw unknownOperation(exchange);
    }

    /** The answer to a request that no route matches, in the protocol's words. */
    protected AwsException unknownOperation(HttpServerExchange exchange) {
        if (descriptor.protocol() == Protocol.REST_XML) {
            return new AwsException(CommonError.NOT_IMPLEMENTED,
                    "A header you provided implies functionality that is not implemented");
        }
        return new AwsException(CommonError.UNKNOWN_OPERATION_REST, "No operation of " + descriptor.name() + " matches "
                + exchange.getRequestMethod() + " " + exchange.getRequestPath());
    }
}
