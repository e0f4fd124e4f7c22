package dev.gureum.autoscaling.protocol;

import dev.gureum.autoscaling.AutoScalingModule;
import dev.gureum.autoscaling.domain.AutoScaling;
import dev.gureum.autoscaling.domain.AutoScalingRefusal;
import dev.gureum.autoscaling.domain.Changes;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.spi.ScalingPolicies;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * EC2 Auto Scaling's API (query protocol, version 2011-01-01). Operations are grouped one class per resource;
 * every other operation of the API answers {@code NotImplemented}.
 */
public final class AutoScalingService extends ActionService implements ScalingPolicies {

    private final AutoScaling domain;
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();

    public AutoScalingService(AutoScaling domain) {
        super(AutoScalingModule.DESCRIPTOR);
        this.domain = domain;
        registerNotImplemented("operations.txt", "Auto Scaling");
        new GroupOperations(this).register();
        new InstanceOperations(this).register();
        new LaunchConfigurationOperations(this).register();
        new DescriptionOperations(this).register();
        new MembershipOperations(this).register();
        new SettingsOperations(this).register();
        new TargetGroupOperations(this).register();
        new LifecycleHookOperations(this).register();
    }

    /** The domain, for other parts of Auto Scaling. */
    public AutoScaling domain() {
        return domain;
    }

    /**
     * Registers an operation whose refusals become the API's errors; other parts of Auto Scaling (policies,
     * scheduled actions) register theirs here too.
     */
    public void operation(String action, Operation operation) {
        register(action, request -> {
            try {
                return operation.invoke(request);
            } catch (AutoScalingRefusal refusal) {
                throw AutoScalingError.of(refusal);
            } catch (PageTokens.InvalidTokenException e) {
                throw new AwsException(AutoScalingError.INVALID_NEXT_TOKEN, "The token '" + e.getMessage()
                        + "' is invalid.");
            }
        });
    }

    /** Runs a change in the domain and answers with {@code shape} of its result once it is durable. */
    public <T> Object change(Function<Changes, T> operation, Function<T, Object> shape) {
        AutoScaling.Written<T> written = domain.write(operation);
        return written.durable().thenApply(v -> shape.apply(written.value()));
    }

    public static String account(ActionRequest r) {
        return r.context().accountId();
    }

    public static String region(ActionRequest r) {
        return r.context().region();
    }

    /** A page of a Describe's list, with its NextToken ({@code MaxRecords} up to {@code max}, 50 by default). */
    public static <T> Struct page(Struct result, String member, List<T> all, ActionRequest r, int max,
                                  Function<T, Object> shape) {
        int size = r.params().integer("MaxRecords", Math.min(50, max));
        if (size < 1 || size > max) {
            throw new AwsException(AutoScalingError.VALIDATION_ERROR, "1 validation error detected: Value '" + size
                    + "' at 'maxRecords' failed to satisfy constraint: Member must have value less than or equal to "
                    + max);
        }
        PageTokens.Page<T> page = PageTokens.page(all, r.params().string("NextToken"), size);
        return result.list(member, page.items(), shape).put("NextToken", page.nextToken());
    }

    public void onClose(Runnable task) {
        onClose.add(task);
    }

    @Override
    public void close() {
        onClose.forEach(Runnable::run);
    }

    @Override
    public void reset() {
        domain.reset().toCompletableFuture().join();
    }

    // ---- scaling policies, run by CloudWatch alarms ----

    private volatile ScalingPolicies policies = (policyArn, alarmArn) -> false;

    /** Where alarms' policy actions go, once scaling policies are installed. */
    public void scalingPolicies(ScalingPolicies policies) {
        this.policies = policies;
    }

    @Override
    public boolean execute(String policyArn, String alarmArn) {
        return policies.execute(policyArn, alarmArn);
    }

    @Override
    public boolean execute(String policyArn, String alarmArn, double metricValue, double threshold) {
        return policies.execute(policyArn, alarmArn, metricValue, threshold);
    }
}
