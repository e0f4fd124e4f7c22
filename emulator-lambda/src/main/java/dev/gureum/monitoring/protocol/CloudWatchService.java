package dev.gureum.monitoring.protocol;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.monitoring.CloudWatchModule;

/**
 * CloudWatch's API. Each group of operations (metrics, alarms, dashboards) registers its own; the rest of
 * the API answers 501 {@code NotImplemented}, as in every service.
 */
public final class CloudWatchService extends ActionService {

    private final AlarmOperations alarms;

    public CloudWatchService(EmulatorContext context) {
        super(CloudWatchModule.DESCRIPTOR);
        registerNotImplemented("/dev/gureum/monitoring/operations.txt", "CloudWatch");
        alarms = new AlarmOperations(context).register(this);
    }

    @Override
    public void reset() {
        alarms.reset();
    }

    @Override
    public void close() {
        alarms.close();
    }

    /** Serves {@code action} with {@code operation}: how the operation groups add themselves. */
    void operation(String action, Operation operation) {
        register(action, operation);
    }
}
