package dev.gureum.sns;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.RequestContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.spi.Caller;
import dev.gureum.core.spi.FunctionInvoker;
import io.undertow.server.HttpServerExchange;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Lambda until it is built: records the events it is invoked with, and answers
 * {@code ResourceNotFoundException} for functions whose name starts with {@code missing}.
 */
public final class RecordingFunctions implements ServiceModule {

    public record Invocation(String functionArn, byte[] payload, FunctionInvoker.InvocationType type,
                             Caller caller) {
    }

    public final List<Invocation> invocations = new CopyOnWriteArrayList<>();

    @Override
    public ServiceDescriptor descriptor() {
        return dev.gureum.core.testing.TestServices.LAMBDA;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new Service();
    }

    private final class Service implements AwsService, FunctionInvoker {
        @Override
        public ServiceDescriptor descriptor() {
            return dev.gureum.core.testing.TestServices.LAMBDA;
        }

        @Override
        public void handle(HttpServerExchange exchange, RequestContext context) {
            throw new AwsException(CommonError.NOT_IMPLEMENTED, "Not a real Lambda");
        }

        @Override
        public void reset() {
            invocations.clear();
        }

        @Override
        public void checkInvoke(String functionArn, Caller caller) {
        }

        @Override
        public CompletionStage<Result> invoke(String functionArn, byte[] payload, InvocationType type, Caller caller) {
            if (functionArn.contains(":function:missing")) {
                return CompletableFuture.failedFuture(new AwsException(CommonError.INVALID_PARAMETER_VALUE,
                        "Function not found: " + functionArn));
            }
            invocations.add(new Invocation(functionArn, payload, type, caller));
            return CompletableFuture.completedFuture(new Result(new byte[0], null));
        }
    }
}
