package dev.gureum.monitoring.protocol;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.monitoring.CloudWatchModule;

/**
 * CloudWatch's API. Each group of operations (metrics, alarms, dashboards) registers its own; the rest of
 * the API answers 501 {@code NotImplemented}, as in every service.
 */
public final class CloudWatchService extends ActionService {

    public CloudWatchService(EmulatorContext context) {
        super(CloudWatchModule.DESCRIPTOR);
        registerNotImplemented("/dev/gureum/monitoring/operations.txt", "CloudWatch");
    }

    @Override
    public void reset() {
    }

    /** Serves {@code action} with {@code operation}: how the operation groups add themselves. */
    void operation(String action, Operation operation) {
        register(action, operation);
    }
}
