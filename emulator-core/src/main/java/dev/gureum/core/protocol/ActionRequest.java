package dev.gureum.core.protocol;

import dev.gureum.core.RequestContext;

/**
 * A decoded call of an action protocol (query, ec2, json): the context, the operation's input, and
 * the request path (SQS's query protocol addresses the queue by the path it posts to).
 */
public record ActionRequest(RequestContext context, String action, Params params, String path) {
}
