package dev.gureum.monitoring;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.monitoring.math.MetricMathEvaluator;
import dev.gureum.monitoring.protocol.CloudWatchService;

import java.util.Set;

/** CloudWatch, the metrics service: metrics, alarms and dashboards. */
public final class CloudWatchModule implements ServiceModule {

    /**
     * CloudWatch (signing name {@code monitoring}): its model's Smithy RPC v2 CBOR, and the JSON 1.0 (what
     * botocore 1.43, so boto3 and the CLI, picks from the model's protocols) and query (the Java SDK 2.40)
     * forms it also answers. Unsigned CBOR calls are
     * recognised by their {@code /service/GraniteServiceVersion20100801/operation/} path.
     */
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("cloudwatch", Set.of("monitoring"),
            Protocol.RPC_V2_CBOR, "GraniteServiceVersion20100801", "2010-08-01",
            "http://monitoring.amazonaws.com/doc/2010-08-01/", true)
            .with(Set.of(Protocol.JSON, Protocol.QUERY), ServiceRoutes.builder().hostLabels("monitoring")
                    .pathPrefixes("/service/GraniteServiceVersion20100801/operation/").build());

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        CloudWatchService service = new CloudWatchService(context, new MetricMathEvaluator());
        service.enforce(context, dev.gureum.monitoring.protocol.CloudWatchAccess.rules());
        return service;
    }
}
