package dev.gureum.server.sts;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.protocol.Protocol;

/** STS, which the server provides itself: every SDK's first call is often {@code GetCallerIdentity}. */
public final class StsModule implements ServiceModule {

    /** Query, and JSON for clients that send {@code X-Amz-Target}. */
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("sts", java.util.Set.of("sts"),
            Protocol.QUERY, "AWSSecurityTokenServiceV20110615", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/",
            false).with(java.util.Set.of(Protocol.JSON), ServiceRoutes.builder().hostLabels("sts")
            .queryActions(java.util.Set.of("GetCallerIdentity", "AssumeRole", "GetSessionToken",
                    "AssumeRoleWithWebIdentity", "AssumeRoleWithSAML", "GetFederationToken", "DecodeAuthorizationMessage",
                    "GetAccessKeyInfo", "AssumeRoot", "GetDelegatedAccessToken", "GetWebIdentityToken")).build());


    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new StsService(context);
    }
}
