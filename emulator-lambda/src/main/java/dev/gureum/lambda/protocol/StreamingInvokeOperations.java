package dev.gureum.lambda.protocol;

import dev.gureum.core.http.HttpLimits;
import dev.gureum.core.protocol.RestRequest;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.runtime.InvocationResult;
import dev.gureum.lambda.runtime.InvokeRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;

import java.util.concurrent.CompletableFuture;

/** InvokeWithResponseStream: a synchronous invocation answered as an event stream while the function runs. */
final class StreamingInvokeOperations {

    private final LambdaState state;
    private final long idleMillis;

    StreamingInvokeOperations(LambdaState state) {
        this.state = state;
        this.idleMillis = HttpLimits.from(state.context.config()).requestTimeoutMillis();
    }

    void invokeWithResponseStream(RestRequest r) {
        FunctionRef ref = FunctionRef.parse(r.label("FunctionName"), r.queryParam("Qualifier"), r.context());
        String type = InvokeOperations.header(r, "X-Amz-Invocation-Type", "RequestResponse");
        if (!type.equals("RequestResponse") && !type.equals("DryRun")) {
            throw Validation.enumValue("invocationType", type, "RequestResponse, DryRun");
        }
        String logType = InvokeOperations.header(r, "X-Amz-Log-Type", "None");
        if (!logType.equals("None") && !logType.equals("Tail")) {
            throw Validation.enumValue("logType", logType, "None, Tail");
        }
        byte[] payload = r.body();
        InvokeOperations.checkPayload(payload, InvokeOperations.MAX_SYNC_PAYLOAD, "InvokeWithResponseStream");
        String clientContext = InvokeOperations.clientContext(r.header("X-Amz-Client-Context"));
        LambdaFunction f = state.function(r.context(), ref, "lambda:InvokeFunction");
        FunctionConfig config = InvokeOperations.runnable(state.routedConfig(f, ref));
        HttpServerExchange exchange = r.exchange();
        if (type.equals("DryRun")) {
            exchange.setStatusCode(204);
            exchange.endExchange();
            return;
        }
        EventStreamAnswer answer = new EventStreamAnswer(exchange, config.version, logType.equals("Tail"), idleMillis);
        CompletableFuture<InvocationResult> result = state.runner.invoke(config, new InvokeRequest(payload,
                clientContext, InvokeOperations.invokedArn(f, ref), f.reservedConcurrency()), answer);
        // the worker goes back to the pool; the runtime's bytes and its end complete the exchange
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> result.whenComplete(answer::complete));
    }
}
