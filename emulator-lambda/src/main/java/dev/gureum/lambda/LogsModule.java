package dev.gureum.lambda;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.lambda.logs.LogsService;

/** CloudWatch Logs, wired into the server; it serves the logs Lambda's functions write. */
public final class LogsModule implements ServiceModule {

    /** CloudWatch Logs, as far as Lambda's function logs need it (JSON 1.1). */
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("logs", java.util.Set.of("logs"),
            Protocol.JSON, "Logs_20140328", "2014-03-28", null, false)
            .with(java.util.Set.of(), ServiceRoutes.builder().hostLabels("logs").build());


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
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        LogsService service = new LogsService(stores.of(context), context.clock());
        service.enforce(context, dev.gureum.lambda.logs.LogsAccess.rules());
        return service;
    }
}
