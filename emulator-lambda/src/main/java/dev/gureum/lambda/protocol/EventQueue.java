package dev.gureum.lambda.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Ids;
import dev.gureum.lambda.domain.EventInvokeConfig;
import dev.gureum.lambda.domain.FunctionConfig;
import dev.gureum.lambda.domain.FunctionSettings;
import dev.gureum.lambda.domain.LambdaFunction;
import dev.gureum.lambda.protocol.InvocationRecords.Condition;
import dev.gureum.lambda.runtime.InvocationResult;
import dev.gureum.lambda.runtime.InvokeRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Lambda's queue of asynchronous invocations: runs each event, retries function errors (twice by default,
 * one and then two minutes later, as the event invoke configuration allows), retries throttles and system
 * errors with a growing backoff (1 s doubling to 5 minutes) while the event is younger than its maximum
 * age, and sends records to the destinations and discarded events to the dead-letter queue. Every delay is
 * on the server clock.
 */
final class EventQueue {

    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);
    private static final long[] ERROR_RETRY_DELAYS = {60_000, 120_000};
    private static final long MAX_THROTTLE_BACKOFF = 300_000;

    /** An event in the queue: the request id all its attempts share, and when it was queued. */
    private record Event(String requestId, FunctionRef ref, byte[] payload, String clientContext, long queuedMillis) {
    }

    private final LambdaState state;
    private final EventDestinations destinations;

    EventQueue(LambdaState state) {
        this.state = state;
        this.destinations = new EventDestinations(state, this::submitTo);
    }

    /** Queues an event for the function (and qualifier) {@code ref} names; the first attempt starts at once. */
    void submit(FunctionRef ref, byte[] payload, String clientContext) {
        attempt(new Event(Ids.uuid(), ref, payload, clientContext, state.clock.millis()), 0, 1000, null);
    }

    /** A record for a destination function (in its own account, with the permissions of the sender's role). */
    private void submitTo(String functionArn, byte[] record) {
        submit(FunctionRef.parse(functionArn, null, state.context.config().defaultAccount(),
                state.context.config().defaultRegion()), record, null);
    }

    /**
     * @param invokes the times the function ran with the event so far
     * @param last    the result of the last of them, or {@code null}
     */
    private void attempt(Event event, int invokes, long backoff, InvocationResult last) {
        LambdaFunction f;
        FunctionConfig config;
        try {
            f = state.function(event.ref());
            config = InvokeOperations.runnable(state.routedConfig(f, event.ref()));
        } catch (AwsException e) {
            LOG.info("Asynchronous invocation {} of {} dropped: {}", event.requestId(), event.ref().describedArn(),
                    e.getMessage());
            return;
        }
        EventInvokeConfig settings = settings(f, event.ref());
        // a dead-letter message's ErrorCode: the status of the last attempt, 429 for an event that never ran
        int errorCode = last == null ? 429 : 200;
        if (state.clock.millis() - event.queuedMillis() > settings.eventAgeSeconds() * 1000L) {
            discard(event, f, config, settings, Condition.EVENT_AGE_EXCEEDED, invokes, last, errorCode);
            return;
        }
        Integer reserved = f.reservedConcurrency();
        if (reserved != null && reserved == 0) {
            // a function kept from running: Lambda sends its events on to the failure targets without retries
            discard(event, f, config, settings, Condition.RETRIES_EXHAUSTED, invokes, last, errorCode);
            return;
        }
        CompletableFuture<InvocationResult> result;
        try {
            result = state.runner.invoke(config, new InvokeRequest(event.payload(), event.clientContext(),
                    InvokeOperations.invokedArn(f, event.ref()), reserved, event.requestId()));
        } catch (AwsException e) {
            retryLater(event, invokes, backoff, last);
            return;
        }
        result.whenComplete((done, failure) -> {
            try {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    LOG.debug("Asynchronous invocation {} will be retried: {}", event.requestId(), cause.toString());
                    retryLater(event, invokes, backoff, last);
                } else {
                    finished(event, f, config, invokes + 1, done);
                }
            } catch (RuntimeException e) {
                LOG.warn("Asynchronous invocation {} of {} failed", event.requestId(), event.ref().describedArn(), e);
            }
        });
    }

    private void finished(Event event, LambdaFunction f, FunctionConfig config, int invokes, InvocationResult done) {
        EventInvokeConfig settings = settings(f, event.ref());
        if (done.functionError() == null) {
            if (settings.onSuccess() != null) {
                destinations.record(settings.onSuccess(), qualifiedArn(f, event.ref()), config.accountId,
                        InvocationRecords.record(state.clock.instant(), event.requestId(), qualifiedArn(f, event.ref()),
                                Condition.SUCCESS, invokes, event.payload(), done));
            }
            return;
        }
        int retriesDone = invokes - 1;
        if (retriesDone < settings.retryAttempts()) {
            long delay = ERROR_RETRY_DELAYS[Math.min(retriesDone, ERROR_RETRY_DELAYS.length - 1)];
            state.runner.schedule(() -> attempt(event, invokes, 1000, done), delay);
        } else {
            discard(event, f, config, settings, Condition.RETRIES_EXHAUSTED, invokes, done, 200);
        }
    }

    /** A throttle or system error: the event goes back to the queue, to run again after the backoff. */
    private void retryLater(Event event, int invokes, long backoff, InvocationResult last) {
        state.runner.schedule(() -> attempt(event, invokes, Math.min(backoff * 2, MAX_THROTTLE_BACKOFF), last),
                backoff);
    }

    /** The event leaves the queue unprocessed: its record goes to the on-failure destination, the event to the DLQ. */
    private void discard(Event event, LambdaFunction f, FunctionConfig config, EventInvokeConfig settings,
                         Condition condition, int invokes, InvocationResult last, int errorCode) {
        String functionArn = qualifiedArn(f, event.ref());
        LOG.info("Asynchronous invocation {} of {} discarded: {} after {} attempts", event.requestId(), functionArn,
                condition.wire, invokes);
        if (settings.onFailure() != null) {
            destinations.record(settings.onFailure(), functionArn, config.accountId, InvocationRecords.record(
                    state.clock.instant(), event.requestId(), functionArn, condition, invokes, event.payload(), last));
        }
        if (config.deadLetterTargetArn != null) {
            destinations.deadLetter(config.deadLetterTargetArn, functionArn, config.accountId, event.payload(),
                    event.requestId(), errorCode, InvocationRecords.errorMessage(last));
        }
    }

    /** The event invoke configuration of the qualifier the event names ({@code $LATEST} when none). */
    private EventInvokeConfig settings(LambdaFunction f, FunctionRef ref) {
        FunctionSettings settings = state.store.settings(ref.accountId(), ref.region(), f.name(), false);
        EventInvokeConfig config = settings == null ? null : settings.eventInvokeConfig(qualifier(ref));
        return config == null ? EventInvokeConfig.DEFAULTS : config;
    }

    private static String qualifier(FunctionRef ref) {
        return ref.qualifier() == null ? FunctionConfig.LATEST : ref.qualifier();
    }

    private static String qualifiedArn(LambdaFunction f, FunctionRef ref) {
        return f.functionArn() + ":" + qualifier(ref);
    }
}
