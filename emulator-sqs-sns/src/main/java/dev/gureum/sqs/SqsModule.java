package dev.gureum.sqs;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.sqs.protocol.SqsService;
import java.util.Set;

/** SQS, wired into the server. */
public final class SqsModule implements ServiceModule {

    /** JSON 1.0 for current SDKs, query for older ones; queue URLs are paths of their own. */
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("sqs", Set.of("sqs"), Protocol.JSON,
            "AmazonSQS", "2012-11-05", "http://queue.amazonaws.com/doc/2012-11-05/", true)
            .with(Set.of(Protocol.QUERY), ServiceRoutes.builder()
                    .queryActions(Set.of("CancelMessageMoveTask", "ChangeMessageVisibility",
                            "ChangeMessageVisibilityBatch", "CreateQueue", "DeleteMessage", "DeleteMessageBatch",
                            "DeleteQueue", "GetQueueAttributes", "GetQueueUrl", "ListDeadLetterSourceQueues",
                            "ListMessageMoveTasks", "ListQueueTags", "ListQueues", "PurgeQueue", "ReceiveMessage",
                            "SendMessage", "SendMessageBatch", "SetQueueAttributes", "StartMessageMoveTask", "TagQueue",
                            "UntagQueue"))
                    .pathPattern("^/(\\d{12})/([A-Za-z0-9_-]{1,80}(\\.fifo)?)/?$")
                    .hostLabels("sqs")
                    .hostPattern("^(?:(?<region>[a-z]{2}(?:-gov)?-[a-z]+-\\d+)\\.)?queue\\.amazonaws\\.com$")
                    .build());


    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new SqsService(context);
    }
}
