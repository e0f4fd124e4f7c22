package dev.gureum.s3;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.s3.http.S3Service;

/** S3, wired into the server. */
public final class S3Module implements ServiceModule {

    /** S3 takes every request no other service claims: path-style buckets, presigned GETs. */
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("s3", java.util.Set.of("s3"),
            Protocol.REST_XML, null, "2006-03-01", "http://s3.amazonaws.com/doc/2006-03-01/", false)
            .with(java.util.Set.of(), ServiceRoutes.builder().hostLabels("s3").fallback().unsignedIsAnonymous().build());


    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new S3Service(context);
    }
}
