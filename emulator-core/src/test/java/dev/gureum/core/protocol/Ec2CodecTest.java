package dev.gureum.core.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static dev.gureum.core.testing.XmlAssert.assertXmlEquals;
import static org.assertj.core.api.Assertions.assertThat;

class Ec2CodecTest {

    private static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private static String encode(String action, Struct result, String requestId) {
        return new String(Ec2Codec.encode(action, EC2_NS, result, requestId), StandardCharsets.UTF_8);
    }

    @Test
    void describeInstancesSampleResponse() {
        Struct instance = Struct.of()
                .put("instanceId", "i-1234567890abcdef0")
                .put("imageId", "ami-bff32ccc")
                .put("instanceState", Struct.of().put("code", 16).put("name", "running"))
                .put("privateDnsName", "ip-192-168-1-88.eu-west-1.compute.internal")
                .put("dnsName", "ec2-54-194-252-215.eu-west-1.compute.amazonaws.com")
                .put("instanceType", "t2.micro")
                .put("launchTime", Instant.parse("2018-05-08T16:46:19Z"))
                .put("placement", Struct.of()
                        .put("availabilityZone", "eu-west-1c")
                        .put("groupName", "")
                        .put("tenancy", "default"))
                .put("monitoring", Struct.of().put("state", "disabled"))
                .put("sourceDestCheck", true)
                .list("tagSet", List.of(Struct.of().put("key", "Name").put("value", "Server_1")));
        Struct reservation = Struct.of()
                .put("reservationId", "r-1234567890abcdef0")
                .put("ownerId", "123456789012")
                .list("groupSet", List.of())
                .list("instancesSet", List.of(instance));

        String xml = encode("DescribeInstances", Struct.of().list("reservationSet", List.of(reservation)),
                "8f7724cf-496f-496e-8fe3-example");

        assertXmlEquals(xml, """
                <DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                    <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
                    <reservationSet>
                        <item>
                            <reservationId>r-1234567890abcdef0</reservationId>
                            <ownerId>123456789012</ownerId>
                            <groupSet/>
                            <instancesSet>
                                <item>
                                    <instanceId>i-1234567890abcdef0</instanceId>
                                    <imageId>ami-bff32ccc</imageId>
                                    <instanceState>
                                        <code>16</code>
                                        <name>running</name>
                                    </instanceState>
                                    <privateDnsName>ip-192-168-1-88.eu-west-1.compute.internal</privateDnsName>
                                    <dnsName>ec2-54-194-252-215.eu-west-1.compute.amazonaws.com</dnsName>
                                    <instanceType>t2.micro</instanceType>
                                    <launchTime>2018-05-08T16:46:19.000Z</launchTime>
                                    <placement>
                                        <availabilityZone>eu-west-1c</availabilityZone>
                                        <groupName></groupName>
                                        <tenancy>default</tenancy>
                                    </placement>
                                    <monitoring>
                                        <state>disabled</state>
                                    </monitoring>
                                    <sourceDestCheck>true</sourceDestCheck>
                                    <tagSet>
                                        <item>
                                            <key>Name</key>
                                            <value>Server_1</value>
                                        </item>
                                    </tagSet>
                                </item>
                            </instancesSet>
                        </item>
                    </reservationSet>
                </DescribeInstancesResponse>""");
    }

    @Test
    void runInstancesAnswersTheReservationAtTopLevel() {
        String xml = encode("RunInstances", Struct.of()
                        .put("reservationId", "r-1234567890abcdef0")
                        .put("ownerId", "123456789012")
                        .list("groupSet", List.of())
                        .list("instancesSet", List.of(Struct.of()
                                .put("instanceId", "i-1234567890abcdef0")
                                .put("amiLaunchIndex", 0))),
                "59dbff89-35bd-4eac-99ed-be587EXAMPLE");

        assertXmlEquals(xml, """
                <RunInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
                  <reservationId>r-1234567890abcdef0</reservationId>
                  <ownerId>123456789012</ownerId>
                  <groupSet/>
                  <instancesSet>
                    <item>
                      <instanceId>i-1234567890abcdef0</instanceId>
                      <amiLaunchIndex>0</amiLaunchIndex>
                    </item>
                  </instancesSet>
                </RunInstancesResponse>""");
    }

    @Test
    void layoutIsDeclarationThenResponseWithRequestIdFirst() {
        String xml = encode("DeleteTags", Struct.of().put("return", true), "7a62c49f-347e-4fc4-9331-6e8eEXAMPLE");

        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<DeleteTagsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>"
                + "<return>true</return>"
                + "</DeleteTagsResponse>");
    }

    @Test
    void noOutputStillCarriesTheRequestId() {
        assertXmlEquals(encode("ModifyInstanceAttribute", null, "r-1"), """
                <ModifyInstanceAttributeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>r-1</requestId>
                </ModifyInstanceAttributeResponse>""");
    }

    @Test
    void aListThatNamesItsItemsKeepsThatName() {
        assertXmlEquals(encode("DescribeThings", Struct.of()
                .put("valueSet", ListValue.wrapped(List.of("a", "b"), "value")), "r"), """
                <DescribeThingsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
                  <requestId>r</requestId>
                  <valueSet><value>a</value><value>b</value></valueSet>
                </DescribeThingsResponse>""");
    }
}
