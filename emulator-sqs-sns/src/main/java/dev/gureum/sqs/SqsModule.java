package dev.gureum.sqs;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.sqs.protocol.SqsService;

/** SQS, wired into the server. */
public final class SqsModule implements ServiceModule {

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceDescriptor.SQS;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new SqsService(context);
    }
}
