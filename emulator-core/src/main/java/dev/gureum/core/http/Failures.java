package dev.gureum.core.http;

import dev.gureum.core.RequestContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import io.undertow.server.RequestTooBigException;

/** Turns any failure into the {@link AwsException} a client should see. */
public final class Failures {

    private Failures() {
    }

    public static AwsException toAwsException(Throwable failure, RequestContext ctx) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof AwsException aws) {
            return aws;
        }
        if (t instanceof RequestTooBigException || t instanceof io.undertow.io.Receiver.RequestToLargeException) {
            return new AwsException(CommonError.REQUEST_ENTITY_TOO_LARGE, "Request entity too large");
        }
        String requestId = ctx == null ? "" : ctx.requestId();
        return new AwsException(CommonError.INTERNAL_ERROR,
                "We encountered an internal error. Please try again. (request " + requestId + ")", t);
    }
}
