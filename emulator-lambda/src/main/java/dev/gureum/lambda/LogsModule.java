package dev.gureum.lambda;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.lambda.logs.LogsService;

/** CloudWatch Logs, wired into the server; it serves the logs Lambda's functions write. */
public final class LogsModule implements ServiceModule {

    private final LogStores stores;

    /** A Logs API of its own; use {@link LambdaModule#logs()} for the one that holds Lambda's logs. */
    public LogsModule() {
        this(new LogStores());
    }

    LogsModule(LogStores stores) {
        this.stores = stores;
    }

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceDescriptor.LOGS;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new LogsService(stores.of(context), context.clock());
    }
}
