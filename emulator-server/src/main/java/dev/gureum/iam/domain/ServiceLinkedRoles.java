package dev.gureum.iam.domain;

import java.util.Locale;
import java.util.Map;

/** The names AWS gives the service-linked roles of its services. */
final class ServiceLinkedRoles {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling"),
            Map.entry("elasticloadbalancing.amazonaws.com", "AWSServiceRoleForElasticLoadBalancing"),
            Map.entry("spot.amazonaws.com", "AWSServiceRoleForEC2Spot"),
            Map.entry("spotfleet.amazonaws.com", "AWSServiceRoleForEC2SpotFleet"),
            Map.entry("ecs.amazonaws.com", "AWSServiceRoleForECS"),
            Map.entry("eks.amazonaws.com", "AWSServiceRoleForAmazonEKS"),
            Map.entry("rds.amazonaws.com", "AWSServiceRoleForRDS"),
            Map.entry("es.amazonaws.com", "AWSServiceRoleForAmazonElasticsearchService"),
            Map.entry("opensearchservice.amazonaws.com", "AWSServiceRoleForAmazonOpenSearchService"),
            Map.entry("replicator.lambda.amazonaws.com", "AWSServiceRoleForLambdaReplicator"),
            Map.entry("replication.dynamodb.amazonaws.com", "AWSServiceRoleForDynamoDBReplication"),
            Map.entry("dax.amazonaws.com", "AWSServiceRoleForDAX"),
            Map.entry("organizations.amazonaws.com", "AWSServiceRoleForOrganizations"),
            Map.entry("support.amazonaws.com", "AWSServiceRoleForSupport"),
            Map.entry("trustedadvisor.amazonaws.com", "AWSServiceRoleForTrustedAdvisor"),
            Map.entry("ssm.amazonaws.com", "AWSServiceRoleForAmazonSSM"),
            Map.entry("cloudtrail.amazonaws.com", "AWSServiceRoleForCloudTrail"),
            Map.entry("events.amazonaws.com", "AWSServiceRoleForCloudWatchEvents"),
            Map.entry("elasticbeanstalk.amazonaws.com", "AWSServiceRoleForElasticBeanstalk"),
            Map.entry("transitgateway.amazonaws.com", "AWSServiceRoleForVPCTransitGateway"),
            Map.entry("ec2scheduled.amazonaws.com", "AWSServiceRoleForEC2Scheduled"),
            Map.entry("apigateway.amazonaws.com", "AWSServiceRoleForAPIGateway"));

    private ServiceLinkedRoles() {
    }

    /** AWS's name for the service's role; for a service not listed, its first label capitalised. */
    static String roleName(String servicePrincipal) {
        String known = NAMES.get(servicePrincipal.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        String label = servicePrincipal.split("\\.")[0];
        return "AWSServiceRoleFor" + (label.isEmpty() ? "" : Character.toUpperCase(label.charAt(0)) + label.substring(1));
    }
}
