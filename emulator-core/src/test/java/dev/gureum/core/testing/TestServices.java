package dev.gureum.core.testing;

import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.protocol.Protocol;

import java.util.Set;

/**
 * Descriptors shaped like the real services' (name, protocols, namespaces), for tests of the front end
 * that run without the service modules. The modules' own descriptors carry their full routing rules.
 */
public final class TestServices {

    private TestServices() {
    }

    public static final ServiceDescriptor S3 = new ServiceDescriptor("s3", Set.of("s3"), Protocol.REST_XML,
            null, "2006-03-01", "http://s3.amazonaws.com/doc/2006-03-01/", false)
            .with(Set.of(), ServiceRoutes.builder().hostLabels("s3").fallback().unsignedIsAnonymous().build());
    public static final ServiceDescriptor SQS = new ServiceDescriptor("sqs", Set.of("sqs"), Protocol.JSON,
            "AmazonSQS", "2012-11-05", "http://queue.amazonaws.com/doc/2012-11-05/", true)
            .with(Set.of(Protocol.QUERY), ServiceRoutes.builder().hostLabels("sqs").build());
    public static final ServiceDescriptor SNS = new ServiceDescriptor("sns", Set.of("sns"), Protocol.QUERY,
            null, "2010-03-31", "http://sns.amazonaws.com/doc/2010-03-31/", false)
            .with(Set.of(), ServiceRoutes.builder().hostLabels("sns").build());
    public static final ServiceDescriptor LAMBDA = new ServiceDescriptor("lambda", Set.of("lambda"),
            Protocol.REST_JSON, null, "2015-03-31", null, false)
            .with(Set.of(), ServiceRoutes.builder().hostLabels("lambda").pathPrefixes("/2015-03-31/").build());
    public static final ServiceDescriptor EC2 = new ServiceDescriptor("ec2", Set.of("ec2"), Protocol.EC2,
            null, "2016-11-15", "http://ec2.amazonaws.com/doc/2016-11-15/", false)
            .with(Set.of(), ServiceRoutes.builder().hostLabels("ec2").actionFallback().build());
    public static final ServiceDescriptor STS = new ServiceDescriptor("sts", Set.of("sts"), Protocol.QUERY,
            "AWSSecurityTokenServiceV20110615", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/", false)
            .with(Set.of(Protocol.JSON), ServiceRoutes.builder().hostLabels("sts").build());
}
