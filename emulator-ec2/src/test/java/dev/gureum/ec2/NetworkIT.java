package dev.gureum.ec2;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkIT {

    private final Ec2Harness harness = new Ec2Harness();
    private final Ec2Client ec2 = harness.ec2();

    @AfterEach
    void close() {
        harness.close();
    }

    private static String code(Throwable e) {
        return ((Ec2Exception) e).awsErrorDetails().errorCode();
    }

    @Test
    void everyRegionHasADefaultVpcWithASubnetPerZone() {
        try (Ec2Client seoul = harness.ec2("test", "ap-northeast-2")) {
            Vpc vpc = seoul.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build()))
                    .vpcs().get(0);
            assertThat(vpc.cidrBlock()).isEqualTo("172.31.0.0/16");
            assertThat(vpc.isDefault()).isTrue();
            List<Subnet> subnets = seoul.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id")
                    .values(vpc.vpcId()).build())).subnets();
            assertThat(subnets).extracting(Subnet::availabilityZone)
                    .containsExactly("ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d");
            assertThat(subnets).extracting(Subnet::cidrBlock)
                    .containsExactly("172.31.0.0/20", "172.31.16.0/20", "172.31.32.0/20", "172.31.48.0/20");
            assertThat(subnets).allSatisfy(s -> {
                assertThat(s.defaultForAz()).isTrue();
                assertThat(s.mapPublicIpOnLaunch()).isTrue();
                assertThat(s.availableIpAddressCount()).isEqualTo(4091);
            });
            assertThat(seoul.describeAccountAttributes(r -> r.attributeNamesWithStrings("default-vpc"))
                    .accountAttributes().get(0).attributeValues().get(0).attributeValue()).isEqualTo(vpc.vpcId());
        }
        // accounts have their own default VPCs
        try (Ec2Client other = harness.ec2("111122223333", "ap-northeast-2")) {
            assertThat(other.describeVpcs().vpcs()).singleElement()
                    .satisfies(v -> assertThat(v.ownerId()).isEqualTo("111122223333"));
        }
    }

    @Test
    void vpcAndSubnetRangesAreChecked() {
        assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/8")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVpc.Range"));
        assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.0.0.0/29")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVpc.Range"));
        assertThatThrownBy(() -> ec2.createVpc(r -> r.cidrBlock("10.0.0/16")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidParameterValue"));
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc();
        assertThat(vpc.vpcId()).matches("vpc-[0-9a-f]{17}");
        assertThat(vpc.isDefault()).isFalse();
        assertThat(ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("vpc-id").values(vpc.vpcId()).build()))
                .securityGroups()).singleElement().satisfies(g -> assertThat(g.groupName()).isEqualTo("default"));

        Subnet a = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.0.1.0/24").availabilityZone("us-east-1b")).subnet();
        assertThat(a.availabilityZone()).isEqualTo("us-east-1b");
        assertThat(a.availableIpAddressCount()).isEqualTo(251);
        assertThat(a.mapPublicIpOnLaunch()).isFalse();
        assertThatThrownBy(() -> ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.0.1.128/25")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSubnet.Conflict"));
        assertThatThrownBy(() -> ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.1.0.0/24")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSubnet.Range"));
        assertThatThrownBy(() -> ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.0.2.0/29")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidSubnet.Range"));
        assertThatThrownBy(() -> ec2.createSubnet(r -> r.vpcId("vpc-0123456789abcdef0").cidrBlock("10.0.2.0/24")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVpcID.NotFound"));

        assertThatThrownBy(() -> ec2.deleteVpc(r -> r.vpcId(vpc.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        Instance i = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).subnetId(a.subnetId())).instances().get(0);
        assertThat(i.privateIpAddress()).isEqualTo("10.0.1.4");
        assertThat(i.publicIpAddress()).isNull();
        assertThat(i.placement().availabilityZone()).isEqualTo("us-east-1b");
        assertThatThrownBy(() -> ec2.deleteSubnet(r -> r.subnetId(a.subnetId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
        harness.clock.advanceSeconds(5);
        ec2.deleteSubnet(r -> r.subnetId(a.subnetId()));
        ec2.deleteVpc(r -> r.vpcId(vpc.vpcId()));
        assertThatThrownBy(() -> ec2.describeVpcs(r -> r.vpcIds(vpc.vpcId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidVpcID.NotFound"));
    }

    @Test
    void privateAddressesAreUniqueInASubnet() {
        Vpc vpc = ec2.createVpc(r -> r.cidrBlock("10.9.0.0/16")).vpc();
        Subnet tiny = ec2.createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.9.0.0/28")).subnet();
        assertThat(tiny.availableIpAddressCount()).isEqualTo(11);
        List<Instance> all = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_NANO)
                .minCount(1).maxCount(20).subnetId(tiny.subnetId())).instances();
        assertThat(all).hasSize(11);
        Set<String> ips = new HashSet<>();
        all.forEach(i -> ips.add(i.privateIpAddress()));
        assertThat(ips).hasSize(11).contains("10.9.0.4", "10.9.0.14").doesNotContain("10.9.0.15", "10.9.0.3");
        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_NANO)
                .minCount(1).maxCount(1).subnetId(tiny.subnetId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InsufficientFreeAddressesInSubnet"));
    }

    @Test
    void securityGroupRules() {
        String groupId = ec2.createSecurityGroup(r -> r.groupName("web").description("web servers")).groupId();
        assertThat(groupId).matches("sg-[0-9a-f]{17}");
        assertThatThrownBy(() -> ec2.createSecurityGroup(r -> r.groupName("web").description("again")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.Duplicate"));

        IpPermission ssh = IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(x -> x.cidrIp("203.0.113.0/24").description("office")).build();
        IpPermission https = IpPermission.builder().ipProtocol("tcp").fromPort(443).toPort(443)
                .ipRanges(x -> x.cidrIp("0.0.0.0/0")).build();
        assertThat(ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(ssh, https))
                .securityGroupRules()).hasSize(2).allSatisfy(rule -> assertThat(rule.securityGroupRuleId()).startsWith("sgr-"));
        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(ssh)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPermission.Duplicate"));
        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId("sg-0123456789abcdef0").ipPermissions(ssh)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.NotFound"));
        assertThatThrownBy(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(
                IpPermission.builder().ipProtocol("tcp").fromPort(80).toPort(80)
                        .userIdGroupPairs(x -> x.groupId("sg-0123456789abcdef0")).build())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.NotFound"));

        SecurityGroup group = ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
        assertThat(group.description()).isEqualTo("web servers");
        assertThat(group.ipPermissions()).hasSize(2);
        assertThat(group.ipPermissions().get(0).ipRanges().get(0).description()).isEqualTo("office");
        assertThat(group.ipPermissionsEgress()).singleElement().satisfies(p -> {
            assertThat(p.ipProtocol()).isEqualTo("-1");
            assertThat(p.ipRanges().get(0).cidrIp()).isEqualTo("0.0.0.0/0");
        });
        assertThat(ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("ip-permission.from-port")
                .values("443").build())).securityGroups()).extracting(SecurityGroup::groupId).containsExactly(groupId);

        ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(ssh));
        assertThat(ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0).ipPermissions()).hasSize(1);
        assertThatThrownBy(() -> ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(ssh)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidPermission.NotFound"));

        Instance i = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1).securityGroupIds(groupId)).instances().get(0);
        assertThat(i.securityGroups()).singleElement().satisfies(g -> assertThat(g.groupName()).isEqualTo("web"));
        assertThatThrownBy(() -> ec2.deleteSecurityGroup(r -> r.groupId(groupId)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("DependencyViolation"));
        String defaultGroup = ec2.describeSecurityGroups(r -> r.groupNames("default")).securityGroups().get(0).groupId();
        assertThatThrownBy(() -> ec2.deleteSecurityGroup(r -> r.groupId(defaultGroup)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("CannotDelete"));
        ec2.terminateInstances(r -> r.instanceIds(i.instanceId()));
        harness.clock.advanceSeconds(5);
        ec2.deleteSecurityGroup(r -> r.groupId(groupId));
        assertThatThrownBy(() -> ec2.describeSecurityGroups(r -> r.groupIds(groupId)))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidGroup.NotFound"));
    }

    @Test
    void createdKeyPairsAreRealKeys() throws Exception {
        CreateKeyPairResponse rsa = ec2.createKeyPair(r -> r.keyName("laptop"));
        assertThat(rsa.keyPairId()).matches("key-[0-9a-f]{17}");
        assertThat(rsa.keyMaterial()).startsWith("-----BEGIN RSA PRIVATE KEY-----\n").endsWith("-----END RSA PRIVATE KEY-----");
        assertThat(rsa.keyFingerprint()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
        assertThatThrownBy(() -> ec2.createKeyPair(r -> r.keyName("laptop")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidKeyPair.Duplicate"));

        CreateKeyPairResponse ed = ec2.createKeyPair(r -> r.keyName("modern").keyType(KeyType.ED25519));
        assertThat(ed.keyMaterial()).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n");
        KeyPairInfo info = ec2.describeKeyPairs(r -> r.keyNames("modern").includePublicKey(true)).keyPairs().get(0);
        assertThat(info.keyTypeAsString()).isEqualTo("ed25519");
        assertThat(info.publicKey()).startsWith("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5").endsWith(" modern");
        byte[] blob = Base64.getDecoder().decode(info.publicKey().split(" ")[1]);
        assertThat(ed.keyFingerprint()).isEqualTo(Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(blob)));

        assertThat(ec2.describeKeyPairs().keyPairs()).extracting(KeyPairInfo::keyName).containsExactly("laptop", "modern");
        assertThatThrownBy(() -> ec2.describeKeyPairs(r -> r.keyNames("nobody")))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidKeyPair.NotFound"));
        ec2.deleteKeyPair(r -> r.keyName("laptop"));
        ec2.deleteKeyPair(r -> r.keyName("laptop"));
        assertThat(ec2.describeKeyPairs().keyPairs()).extracting(KeyPairInfo::keyName).containsExactly("modern");
    }

    @Test
    void importedRsaKeysHaveTheMd5FingerprintOfTheirPublicKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(blob);
        for (byte[] part : new byte[][] {"ssh-rsa".getBytes(StandardCharsets.US_ASCII),
                pub.getPublicExponent().toByteArray(), pub.getModulus().toByteArray()}) {
            out.writeInt(part.length);
            out.write(part);
        }
        String openSsh = "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " me@laptop\n";
        String fingerprint = ec2.importKeyPair(r -> r.keyName("imported")
                .publicKeyMaterial(SdkBytes.fromUtf8String(openSsh))).keyFingerprint();
        assertThat(fingerprint).isEqualTo(HexFormat.ofDelimiter(":").formatHex(
                MessageDigest.getInstance("MD5").digest(pub.getEncoded())));
        assertThatThrownBy(() -> ec2.importKeyPair(r -> r.keyName("broken")
                .publicKeyMaterial(SdkBytes.fromUtf8String("ssh-rsa not-base64!"))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidKey.Format"));
        assertThat(new BigInteger(1, pub.getModulus().toByteArray()).bitLength()).isEqualTo(2048);
    }

    @Test
    void anElasticIpStaysWithItsInstanceAcrossStopAndStart() {
        Instance i = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1)).instances().get(0);
        Instance other = ec2.runInstances(r -> r.imageId(InstancesIT.PASTED_AMI).instanceType(InstanceType.T3_MICRO)
                .minCount(1).maxCount(1)).instances().get(0);
        String otherFirstIp = other.publicIpAddress();
        AllocateAddressResponse eip = ec2.allocateAddress(r -> r.domain("vpc"));
        assertThat(eip.allocationId()).matches("eipalloc-[0-9a-f]{17}");
        String association = ec2.associateAddress(r -> r.allocationId(eip.allocationId()).instanceId(i.instanceId()))
                .associationId();
        assertThat(association).startsWith("eipassoc-");
        assertThat(publicIp(i.instanceId())).isEqualTo(eip.publicIp());

        harness.clock.advanceSeconds(5);
        ec2.stopInstances(r -> r.instanceIds(i.instanceId(), other.instanceId()));
        harness.clock.advanceSeconds(5);
        assertThat(publicIp(i.instanceId())).isEqualTo(eip.publicIp());
        assertThat(publicIp(other.instanceId())).isNull();
        ec2.startInstances(r -> r.instanceIds(i.instanceId(), other.instanceId()));
        harness.clock.advanceSeconds(5);
        assertThat(publicIp(i.instanceId())).isEqualTo(eip.publicIp());
        assertThat(publicIp(other.instanceId())).isNotNull().isNotEqualTo(otherFirstIp);

        assertThat(ec2.describeAddresses(r -> r.allocationIds(eip.allocationId())).addresses().get(0).instanceId())
                .isEqualTo(i.instanceId());
        assertThatThrownBy(() -> ec2.releaseAddress(r -> r.allocationId(eip.allocationId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidIPAddress.InUse"));
        assertThatThrownBy(() -> ec2.associateAddress(r -> r.allocationId(eip.allocationId()).instanceId(other.instanceId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("Resource.AlreadyAssociated"));
        ec2.disassociateAddress(r -> r.associationId(association));
        assertThat(publicIp(i.instanceId())).isNotNull().isNotEqualTo(eip.publicIp());
        ec2.releaseAddress(r -> r.allocationId(eip.allocationId()));
        assertThat(ec2.describeAddresses().addresses()).isEmpty();
        assertThatThrownBy(() -> ec2.releaseAddress(r -> r.allocationId(eip.allocationId())))
                .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidAllocationID.NotFound"));
    }

    private String publicIp(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).publicIpAddress();
    }
}
