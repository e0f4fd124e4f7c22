package dev.gureum.server.sts;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;

/** STS, which the server provides itself: every SDK's first call is often {@code GetCallerIdentity}. */
public final class StsModule implements ServiceModule {

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceDescriptor.STS;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new StsService(context);
    }
}
