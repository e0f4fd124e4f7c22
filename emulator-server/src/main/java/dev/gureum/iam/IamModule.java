package dev.gureum.iam;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.iam.protocol.IamService;

import java.util.Set;

/**
 * IAM (query protocol, 2010-05-08), which the server carries beside STS: identity is the server's own. IAM is
 * global: clients sign for {@code us-east-1} at {@code iam.amazonaws.com}, and an account has one set of
 * users, groups, roles and policies whatever the region.
 */
public final class IamModule implements ServiceModule {

    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("iam", Set.of("iam"), Protocol.QUERY, null,
            "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/", false)
            .with(Set.of(), ServiceRoutes.builder().hostLabels("iam").build());

    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new IamService(context);
    }
}
