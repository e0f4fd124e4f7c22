package dev.gureum.elb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateLoadBalancerNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Limit;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadBalancerIT {

    private final ElbHarness h = new ElbHarness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void anApplicationLoadBalancerHasAwsNamesAndTurnsActiveOnTheClock() {
        List<Subnet> subnets = h.defaultSubnets();
        LoadBalancer lb = h.alb("web");
        assertThat(lb.loadBalancerArn()).matches("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/[0-9a-f]{16}");
        assertThat(lb.dnsName()).matches("web-\\d{10}\\.us-east-1\\.elb\\.amazonaws\\.com");
        assertThat(lb.type()).isEqualTo(LoadBalancerTypeEnum.APPLICATION);
        assertThat(lb.scheme()).isEqualTo(LoadBalancerSchemeEnum.INTERNET_FACING);
        assertThat(lb.vpcId()).isEqualTo(subnets.get(0).vpcId());
        assertThat(lb.canonicalHostedZoneId()).isEqualTo("Z35SXDOTRQ7X7K");
        assertThat(lb.availabilityZones()).extracting(z -> z.zoneName())
                .containsExactly(subnets.get(0).availabilityZone(), subnets.get(1).availabilityZone());
        // an application load balancer without groups gets its VPC's default group
        assertThat(lb.securityGroups()).hasSize(1).allMatch(g -> g.startsWith("sg-"));
        assertThat(lb.state().code()).isEqualTo(LoadBalancerStateEnum.PROVISIONING);
        h.advance(Duration.ofSeconds(3));
        assertThat(h.elb.describeLoadBalancers(b -> b.names("web")).loadBalancers().get(0).state().code())
                .isEqualTo(LoadBalancerStateEnum.ACTIVE);
    }

    @Test
    void internalAndNetworkLoadBalancersHaveTheirDnsForms() {
        List<Subnet> subnets = h.defaultSubnets();
        LoadBalancer internal = h.elb.createLoadBalancer(b -> b.name("inside").scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnets.get(0).subnetId(), subnets.get(1).subnetId())).loadBalancers().get(0);
        assertThat(internal.dnsName()).matches("internal-inside-\\d{10}\\.us-east-1\\.elb\\.amazonaws\\.com");
        LoadBalancer nlb = h.elb.createLoadBalancer(b -> b.name("tcp").type(LoadBalancerTypeEnum.NETWORK)
                .subnetMappings(software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping.builder()
                        .subnetId(subnets.get(0).subnetId()).build())).loadBalancers().get(0);
        assertThat(nlb.loadBalancerArn()).contains(":loadbalancer/net/tcp/");
        assertThat(nlb.dnsName()).matches("tcp-[0-9a-f]{16}\\.elb\\.us-east-1\\.amazonaws\\.com");
        assertThat(nlb.securityGroups()).isEmpty();
    }

    @Test
    void anApplicationLoadBalancerNeedsTwoZonesAndRealSubnets() {
        List<Subnet> subnets = h.defaultSubnets();
        assertThatThrownBy(() -> h.elb.createLoadBalancer(b -> b.name("one").subnets(subnets.get(0).subnetId())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("At least two subnets in two different Availability Zones must be specified");
                });
        assertThatThrownBy(() -> h.elb.createLoadBalancer(b -> b.name("none").subnets(subnets.get(0).subnetId(),
                "subnet-0123456789abcdef0"))).isInstanceOf(SubnetNotFoundException.class);
        assertThatThrownBy(() -> h.elb.createLoadBalancer(b -> b.name("badsg").subnets(subnets.get(0).subnetId(),
                subnets.get(1).subnetId()).securityGroups("sg-0123456789abcdef0")))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSecurityGroup"));
        assertThatThrownBy(() -> h.elb.createLoadBalancer(b -> b.name("-bad").subnets(subnets.get(0).subnetId(),
                subnets.get(1).subnetId())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        h.alb("web");
        assertThatThrownBy(() -> h.alb("web")).isInstanceOf(DuplicateLoadBalancerNameException.class);
    }

    @Test
    void describeFindsByNameAndArnAndDeleteRemoves() {
        LoadBalancer a = h.alb("a");
        LoadBalancer b = h.alb("b");
        assertThat(h.elb.describeLoadBalancers().loadBalancers()).extracting(LoadBalancer::loadBalancerName)
                .containsExactly("a", "b");
        assertThat(h.elb.describeLoadBalancers(r -> r.loadBalancerArns(b.loadBalancerArn())).loadBalancers())
                .extracting(LoadBalancer::loadBalancerName).containsExactly("b");
        assertThat(h.elb.describeLoadBalancers(r -> r.pageSize(1)).nextMarker()).isNotNull();
        assertThatThrownBy(() -> h.elb.describeLoadBalancers(r -> r.names("c")))
                .isInstanceOf(LoadBalancerNotFoundException.class);
        h.elb.deleteLoadBalancer(r -> r.loadBalancerArn(a.loadBalancerArn()));
        assertThat(h.elb.describeLoadBalancers().loadBalancers()).extracting(LoadBalancer::loadBalancerName)
                .containsExactly("b");
    }

    @Test
    void attributesHaveAwsDefaultsAndAreChecked() {
        LoadBalancer lb = h.alb("web");
        Map<String, String> attributes = attributes(lb);
        assertThat(attributes).containsEntry("idle_timeout.timeout_seconds", "60")
                .containsEntry("deletion_protection.enabled", "false")
                .containsEntry("routing.http2.enabled", "true")
                .containsEntry("routing.http.xff_header_processing.mode", "append");
        h.elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()).attributes(
                LoadBalancerAttribute.builder().key("idle_timeout.timeout_seconds").value("120").build(),
                LoadBalancerAttribute.builder().key("deletion_protection.enabled").value("true").build()));
        assertThat(attributes(lb)).containsEntry("idle_timeout.timeout_seconds", "120");
        assertThatThrownBy(() -> h.elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
                .attributes(LoadBalancerAttribute.builder().key("idle_timeout.timeout_seconds").value("0").build())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> h.elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())
                .attributes(LoadBalancerAttribute.builder().key("no.such.key").value("1").build())))
                .hasMessageContaining("Load balancer attribute key 'no.such.key' is not recognized");
        assertThatThrownBy(() -> h.elb.deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn())))
                .isInstanceOf(OperationNotPermittedException.class);
    }

    private Map<String, String> attributes(LoadBalancer lb) {
        return h.elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn())).attributes().stream()
                .collect(Collectors.toMap(LoadBalancerAttribute::key, LoadBalancerAttribute::value));
    }

    @Test
    void securityGroupsAndSubnetsChange() {
        LoadBalancer lb = h.alb("web");
        String group = h.ec2.createSecurityGroup(b -> b.groupName("lb").description("lb").vpcId(lb.vpcId())).groupId();
        assertThat(h.elb.setSecurityGroups(r -> r.loadBalancerArn(lb.loadBalancerArn()).securityGroups(group))
                .securityGroupIds()).containsExactly(group);
        List<Subnet> subnets = h.defaultSubnets();
        assertThat(h.elb.setSubnets(r -> r.loadBalancerArn(lb.loadBalancerArn()).subnets(subnets.get(1).subnetId(),
                subnets.get(2).subnetId())).availabilityZones()).extracting(z -> z.subnetId())
                .containsExactly(subnets.get(1).subnetId(), subnets.get(2).subnetId());
        assertThat(h.elb.describeLoadBalancers().loadBalancers().get(0).securityGroups()).containsExactly(group);
    }

    @Test
    void tagsOfEveryKindOfResource() {
        LoadBalancer lb = h.elb.createLoadBalancer(b -> b.name("web").subnets(h.defaultSubnets().get(0).subnetId(),
                h.defaultSubnets().get(1).subnetId()).tags(Tag.builder().key("team").value("a").build())).loadBalancers().get(0);
        var tg = h.targetGroup("tg", software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum.IP, 80);
        h.elb.addTags(r -> r.resourceArns(lb.loadBalancerArn(), tg.targetGroupArn())
                .tags(Tag.builder().key("env").value("dev").build()));
        h.elb.removeTags(r -> r.resourceArns(lb.loadBalancerArn()).tagKeys("team"));
        List<TagDescription> tags = h.elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn(), tg.targetGroupArn()))
                .tagDescriptions();
        assertThat(tags).extracting(TagDescription::resourceArn).containsExactly(lb.loadBalancerArn(), tg.targetGroupArn());
        assertThat(tags.get(0).tags()).extracting(Tag::key).containsExactly("env");
        assertThat(tags.get(1).tags()).extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("env", "dev"));
        assertThatThrownBy(() -> h.elb.addTags(r -> r.resourceArns(lb.loadBalancerArn()).tags(
                Tag.builder().key("k").value("1").build(), Tag.builder().key("k").value("2").build())))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DuplicateTagKeys"));
        assertThatThrownBy(() -> h.elb.describeTags(r -> r.resourceArns(lb.loadBalancerArn() + "0")))
                .isInstanceOf(LoadBalancerNotFoundException.class);
    }

    @Test
    void accountLimitsAreAwsDefaults() {
        assertThat(h.elb.describeAccountLimits().limits()).extracting(Limit::name, Limit::max)
                .contains(org.assertj.core.groups.Tuple.tuple("application-load-balancers", "50"),
                        org.assertj.core.groups.Tuple.tuple("rules-per-application-load-balancer", "100"),
                        org.assertj.core.groups.Tuple.tuple("condition-values-per-alb-rule", "5"));
    }

    @Test
    void operationsNotServedAndTheClassicApiAnswerNotImplemented() throws IOException {
        assertThatThrownBy(() -> h.elb.describeTrustStores(b -> { }))
                .isInstanceOfSatisfying(ElasticLoadBalancingV2Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        String body = "Action=DescribeLoadBalancers&Version=2012-06-01";
        ElbHarness.Answer classic = ElbHarness.raw(h.frontEnd.port(), "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20250301/us-east-1/elasticloadbalancing/aws4_request, "
                + "SignedHeaders=host, Signature=0\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(classic.status()).isEqualTo(501);
        assertThat(classic.body()).contains("<Code>NotImplemented</Code>").contains("Classic Load Balancer API");
    }

    private ElbHarness.Answer form(String body) throws IOException {
        return ElbHarness.raw(h.frontEnd.port(), "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
    }

    @Test
    void malformedQueryCallsAreRefusedInTheQueryProtocolsShape() throws IOException {
        ElbHarness.Answer badType = form("Action=CreateLoadBalancer&Version=2015-12-01&Name=x&Type=bogus"
                + "&Subnets.member.1=subnet-0123456789abcdef0");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body()).contains("<ErrorResponse").contains("<Code>ValidationError</Code>")
                .contains("Member must satisfy enum value set: [application, gateway, network]");
        ElbHarness.Answer badPage = form("Action=DescribeLoadBalancers&Version=2015-12-01&PageSize=0");
        assertThat(badPage.status()).isEqualTo(400);
        assertThat(badPage.body()).contains("<Code>ValidationError</Code>");
        ElbHarness.Answer badMarker = form("Action=DescribeLoadBalancers&Version=2015-12-01&Marker=nonsense");
        assertThat(badMarker.status()).isEqualTo(400);
        assertThat(badMarker.body()).contains("<Code>ValidationError</Code>");
        ElbHarness.Answer notANumber = form("Action=CreateRule&Version=2015-12-01&ListenerArn=x&Priority=first");
        assertThat(notANumber.status()).isEqualTo(400);
        ElbHarness.Answer unknown = form("Action=DescribeNothing&Version=2015-12-01");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("<Code>InvalidAction</Code>");
        ElbHarness.Answer missing = form("Action=DescribeLoadBalancerAttributes&Version=2015-12-01");
        assertThat(missing.status()).isEqualTo(400);
    }
}
