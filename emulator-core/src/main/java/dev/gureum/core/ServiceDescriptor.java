package dev.gureum.core;

import dev.gureum.core.protocol.Protocol;

import java.util.Objects;
import java.util.Set;

/**
 * What the front end must know of a service before it is built: its name, how clients address it
 * (signing name, JSON target prefix, query API version), and its wire protocol.
 *
 * @param name          the service name used in health output and {@code --services}: {@code s3}, {@code sqs}...
 * @param signingNames  SigV4 credential-scope service names that route here
 * @param protocol      the protocol of the service model
 * @param targetPrefix  the {@code X-Amz-Target} prefix of its JSON protocol, or {@code null}
 * @param apiVersion    the API version (the query protocols' {@code Version} field)
 * @param xmlNamespace  the XML namespace of its responses, or {@code null}
 * @param queryCompatible whether its JSON protocol stands in for an older query protocol, so that JSON
 *                      errors also carry the query error code in {@code x-amzn-query-error} (SQS)
 */
public record ServiceDescriptor(String name, Set<String> signingNames, Protocol protocol, String targetPrefix,
                                String apiVersion, String xmlNamespace, boolean queryCompatible) {

    public ServiceDescriptor {
        Objects.requireNonNull(name, "name");
        signingNames = Set.copyOf(signingNames);
        Objects.requireNonNull(protocol, "protocol");
    }

    public static final ServiceDescriptor S3 = new ServiceDescriptor("s3", Set.of("s3"), Protocol.REST_XML,
            null, "2006-03-01", "http://s3.amazonaws.com/doc/2006-03-01/", false);
    public static final ServiceDescriptor SQS = new ServiceDescriptor("sqs", Set.of("sqs"), Protocol.JSON,
            "AmazonSQS", "2012-11-05", "http://queue.amazonaws.com/doc/2012-11-05/", true);
    public static final ServiceDescriptor SNS = new ServiceDescriptor("sns", Set.of("sns"), Protocol.QUERY,
            null, "2010-03-31", "http://sns.amazonaws.com/doc/2010-03-31/", false);
    public static final ServiceDescriptor LAMBDA = new ServiceDescriptor("lambda", Set.of("lambda"),
            Protocol.REST_JSON, null, "2015-03-31", null, false);
    public static final ServiceDescriptor EC2 = new ServiceDescriptor("ec2", Set.of("ec2"), Protocol.EC2,
            null, "2016-11-15", "http://ec2.amazonaws.com/doc/2016-11-15/", false);
    public static final ServiceDescriptor STS = new ServiceDescriptor("sts", Set.of("sts"), Protocol.QUERY,
            "AWSSecurityTokenServiceV20110615", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/", false);
    /** CloudWatch Logs, as far as Lambda's function logs need it (JSON 1.1). */
    public static final ServiceDescriptor LOGS = new ServiceDescriptor("logs", Set.of("logs"), Protocol.JSON,
            "Logs_20140328", "2014-03-28", null, false);

    /** The services Gureum knows, in the order health output lists them. */
    public static final java.util.List<ServiceDescriptor> ALL = java.util.List.of(S3, SQS, SNS, LAMBDA, EC2, STS, LOGS);

    public static ServiceDescriptor byName(String name) {
        for (ServiceDescriptor d : ALL) {
            if (d.name.equals(name)) {
                return d;
            }
        }
        return null;
    }
}
