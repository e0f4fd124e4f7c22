package dev.gureum.s3;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.s3.http.S3Service;

/** S3, wired into the server. */
public final class S3Module implements ServiceModule {

    @Override
    public ServiceDescriptor descriptor() {
        return ServiceDescriptor.S3;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new S3Service(context);
    }
}
