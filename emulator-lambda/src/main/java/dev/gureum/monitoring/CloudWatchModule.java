package dev.gureum.monitoring;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.monitoring.protocol.CloudWatchService;

import java.util.Set;

/** CloudWatch, the metrics service: metrics, alarms and dashboards. */
public final class CloudWatchModule implements ServiceModule {

    /** CloudWatch (signing name {@code monitoring}), in its query form and its JSON 1.0 form. */
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("cloudwatch", Set.of("monitoring"),
            Protocol.QUERY, "GraniteServiceVersion20100801", "2010-08-01",
            "http://monitoring.amazonaws.com/doc/2010-08-01/", true)
            .with(Set.of(Protocol.JSON), ServiceRoutes.builder().hostLabels("monitoring").build());

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new CloudWatchService(context);
    }
}
