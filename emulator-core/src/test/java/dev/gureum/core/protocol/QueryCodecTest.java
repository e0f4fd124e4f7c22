package dev.gureum.core.protocol;

import dev.gureum.core.error.AwsException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gureum.core.testing.XmlAssert.assertXmlEquals;
import static dev.gureum.core.testing.XmlAssert.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryCodecTest {

    private static final String SNS_NS = "https://sns.amazonaws.com/doc/2010-03-31/";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static String encode(String action, String xmlns, Struct result, String requestId) {
        return new String(QueryCodec.encode(action, xmlns, result, requestId), StandardCharsets.UTF_8);
    }

    // ---- encoding, against the sample responses of the AWS API references --------------------------

    @Test
    void snsPublishSampleResponse() {
        String xml = encode("Publish", SNS_NS,
                Struct.of().put("MessageId", "567910cd-659e-55d4-8ccb-5aaf14679dc0"),
                "d74b8436-ae13-5ab4-a9ff-ce54dfea72a0");

        assertXmlEquals(xml, """
                <PublishResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
                    <PublishResult>
                        <MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId>
                    </PublishResult>
                    <ResponseMetadata>
                        <RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId>
                    </ResponseMetadata>
                </PublishResponse>""");
        // the layout is fully defined, so the bytes are too
        assertThat(xml).isEqualTo("<PublishResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\">"
                + "<PublishResult><MessageId>567910cd-659e-55d4-8ccb-5aaf14679dc0</MessageId></PublishResult>"
                + "<ResponseMetadata><RequestId>d74b8436-ae13-5ab4-a9ff-ce54dfea72a0</RequestId></ResponseMetadata>"
                + "</PublishResponse>");
    }

    @Test
    void snsCreateTopicSampleResponse() {
        String xml = encode("CreateTopic", SNS_NS,
                Struct.of().put("TopicArn", "arn:aws:sns:us-east-2:123456789012:My-Topic"),
                "a8dec8b3-33a4-11df-8963-01868b7c937a");

        assertXmlEquals(xml, """
                <CreateTopicResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
                    <CreateTopicResult>
                        <TopicArn>arn:aws:sns:us-east-2:123456789012:My-Topic</TopicArn>
                    </CreateTopicResult>
                    <ResponseMetadata>
                        <RequestId>a8dec8b3-33a4-11df-8963-01868b7c937a</RequestId>
                    </ResponseMetadata>
                </CreateTopicResponse>""");
    }

    @Test
    void snsListTopicsWrapsListItemsInMember() {
        String xml = encode("ListTopics", SNS_NS,
                Struct.of().list("Topics", List.of(
                        Struct.of().put("TopicArn", "arn:aws:sns:us-east-2:123456789012:My-Topic"))),
                "3f1478c7-33a9-11df-9540-99d0768312d3");

        assertXmlEquals(xml, """
                <ListTopicsResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
                  <ListTopicsResult>
                    <Topics>
                      <member>
                        <TopicArn>arn:aws:sns:us-east-2:123456789012:My-Topic</TopicArn>
                      </member>
                    </Topics>
                  </ListTopicsResult>
                  <ResponseMetadata>
                    <RequestId>3f1478c7-33a9-11df-9540-99d0768312d3</RequestId>
                  </ResponseMetadata>
                </ListTopicsResponse>""");
    }

    @Test
    void snsGetTopicAttributesWritesMapsAsEntryKeyValue() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Owner", "123456789012");
        attributes.put("Policy", "{\"Version\":\"2008-10-17\",\"Id\":\"us-east-2/698519295917/test__default_policy_ID\"}");
        attributes.put("TopicArn", "arn:aws:sns:us-east-2:123456789012:My-Topic");

        String xml = encode("GetTopicAttributes", SNS_NS, Struct.of().put("Attributes", MapValue.of(attributes)),
                "057f074c-33a7-11df-9540-99d0768312d3");

        assertXmlEquals(xml, """
                <GetTopicAttributesResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
                  <GetTopicAttributesResult>
                    <Attributes>
                      <entry>
                        <key>Owner</key>
                        <value>123456789012</value>
                      </entry>
                      <entry>
                        <key>Policy</key>
                        <value>{"Version":"2008-10-17","Id":"us-east-2/698519295917/test__default_policy_ID"}</value>
                      </entry>
                      <entry>
                        <key>TopicArn</key>
                        <value>arn:aws:sns:us-east-2:123456789012:My-Topic</value>
                      </entry>
                    </Attributes>
                  </GetTopicAttributesResult>
                  <ResponseMetadata>
                    <RequestId>057f074c-33a7-11df-9540-99d0768312d3</RequestId>
                  </ResponseMetadata>
                </GetTopicAttributesResponse>""");
    }

    @Test
    void stsGetCallerIdentitySampleResponse() {
        String xml = encode("GetCallerIdentity", STS_NS, Struct.of()
                        .put("Arn", "arn:aws:iam::123456789012:user/Alice")
                        .put("UserId", "AKIAI44QH8DHBEXAMPLE")
                        .put("Account", "123456789012"),
                "01234567-89ab-cdef-0123-456789abcdef");

        assertXmlEquals(xml, """
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult>
                   <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
                    <UserId>AKIAI44QH8DHBEXAMPLE</UserId>
                    <Account>123456789012</Account>
                  </GetCallerIdentityResult>
                  <ResponseMetadata>
                    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
                  </ResponseMetadata>
                </GetCallerIdentityResponse>""");
    }

    @Test
    void sqsSendMessageSampleResponse() {
        String xml = encode("SendMessage", null, Struct.of()
                        .put("MD5OfMessageBody", "fafb00f5732ab283681e124bf8747ed1")
                        .put("MD5OfMessageAttributes", "3ae8f24a165a8cedc005670c81a27295")
                        .put("MessageId", "5fea7756-0ea4-451a-a703-a558b933e274"),
                "27daac76-34dd-47df-bd01-1f6e873584a0");

        assertXmlEquals(xml, """
                <SendMessageResponse>
                    <SendMessageResult>
                        <MD5OfMessageBody>fafb00f5732ab283681e124bf8747ed1</MD5OfMessageBody>
                        <MD5OfMessageAttributes>3ae8f24a165a8cedc005670c81a27295</MD5OfMessageAttributes>
                        <MessageId>5fea7756-0ea4-451a-a703-a558b933e274</MessageId>
                    </SendMessageResult>
                    <ResponseMetadata>
                        <RequestId>27daac76-34dd-47df-bd01-1f6e873584a0</RequestId>
                    </ResponseMetadata>
                </SendMessageResponse>""");
    }

    @Test
    void sqsReceiveMessageFlattensMessagesAndAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("SenderId", "195004372649");
        attributes.put("SentTimestamp", "1238099229000");
        attributes.put("ApproximateReceiveCount", "5");
        attributes.put("ApproximateFirstReceiveTimestamp", "1250700979248");
        String receipt = "MbZj6wDWli+JvwwJaBV+3dcjk2YW2vA3+STFFljTM8tJJg6HRG6PYSasuWXPJB+CwLj1FjgXUv1uSj1gUPAWV66FU"
                + "/WeR4mq2OKpEGYWbnLmpRCJVAyeMjeU5ZBdtcQ+QEauMZc8ZRv37sIW2iJKq3M9MFx1YvV11A2x/KSbkJ0=";
        Struct message = Struct.of()
                .put("MessageId", "5fea7756-0ea4-451a-a703-a558b933e274")
                .put("ReceiptHandle", receipt)
                .put("MD5OfBody", "fafb00f5732ab283681e124bf8747ed1")
                .put("Body", "This is a test message")
                .put("Attribute", MapValue.flattened(attributes, "Attribute", "Name", "Value"));

        String xml = encode("ReceiveMessage", null, Struct.of().flatList("Message", List.of(message)),
                "b6633655-283d-45b4-aee4-4e84e0ae6afa");

        assertXmlEquals(xml, """
                <ReceiveMessageResponse>
                  <ReceiveMessageResult>
                    <Message>
                      <MessageId>5fea7756-0ea4-451a-a703-a558b933e274</MessageId>
                      <ReceiptHandle>%s</ReceiptHandle>
                      <MD5OfBody>fafb00f5732ab283681e124bf8747ed1</MD5OfBody>
                      <Body>This is a test message</Body>
                      <Attribute>
                        <Name>SenderId</Name>
                        <Value>195004372649</Value>
                      </Attribute>
                      <Attribute>
                        <Name>SentTimestamp</Name>
                        <Value>1238099229000</Value>
                      </Attribute>
                      <Attribute>
                        <Name>ApproximateReceiveCount</Name>
                        <Value>5</Value>
                      </Attribute>
                      <Attribute>
                        <Name>ApproximateFirstReceiveTimestamp</Name>
                        <Value>1250700979248</Value>
                      </Attribute>
                    </Message>
                  </ReceiveMessageResult>
                  <ResponseMetadata>
                    <RequestId>b6633655-283d-45b4-aee4-4e84e0ae6afa</RequestId>
                  </ResponseMetadata>
                </ReceiveMessageResponse>""".formatted(receipt));
    }

    @Test
    void anOperationWithoutOutputHasNoResultElement() {
        String xml = encode("DeleteQueue", null, null, "6fde8d1e-52cd-4581-8cd9-c512f4c64223");

        assertXmlEquals(xml, """
                <DeleteQueueResponse>
                  <ResponseMetadata>
                    <RequestId>6fde8d1e-52cd-4581-8cd9-c512f4c64223</RequestId>
                  </ResponseMetadata>
                </DeleteQueueResponse>""");
    }

    @Test
    void anEmptyOutputStillHasItsResultElement() {
        assertXmlEquals(encode("SetTopicAttributes", SNS_NS, Struct.of(), "r"), """
                <SetTopicAttributesResponse xmlns="https://sns.amazonaws.com/doc/2010-03-31/">
                  <SetTopicAttributesResult/>
                  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
                </SetTopicAttributesResponse>""");
    }

    @Test
    void timestampsAreIso8601WithMilliseconds() {
        String xml = encode("AssumeRole", STS_NS, Struct.of().put("Credentials", Struct.of()
                .put("AccessKeyId", "ASIAIOSFODNN7EXAMPLE")
                .put("Expiration", Instant.parse("2019-11-09T13:34:41Z"))), "r");

        Document doc = parse(xml);
        String expiration = doc.getElementsByTagName("Expiration").item(0).getTextContent();
        assertThat(expiration).isEqualTo("2019-11-09T13:34:41.000Z");
        assertThat(Instant.parse(expiration)).isEqualTo(Instant.parse("2019-11-09T13:34:41Z"));
    }

    @Test
    void markupAndLineBreaksInValuesReachTheClientUnchanged() {
        String body = "a & b < c > d \"quoted\" 'single'\r\nsecond line\ttab\rcr";
        String xml = encode("SendMessage", null, Struct.of().put("Body", body), "r");

        assertThat(xml).contains("a &amp; b &lt; c &gt; d &quot;quoted&quot; &apos;single&apos;&#xD;&#xA;second line");
        // a parser applies end-of-line normalization to raw CR/LF, but not to character references
        assertThat(parse(xml).getElementsByTagName("Body").item(0).getTextContent()).isEqualTo(body);
    }

    // ---- decoding ----------------------------------------------------------------------------------

    @Test
    void decodeFormJoinsTheQueryStringAndAFormBody() {
        byte[] body = "Action=CreateTopic&Name=My-Topic&Version=2010-03-31".getBytes(StandardCharsets.UTF_8);

        Map<String, List<String>> form = QueryCodec.decodeForm("X-Amz-Expires=60", body,
                "application/x-www-form-urlencoded; charset=utf-8");

        assertThat(form).containsEntry("X-Amz-Expires", List.of("60"))
                .containsEntry("Action", List.of("CreateTopic"))
                .containsEntry("Name", List.of("My-Topic"))
                .containsEntry("Version", List.of("2010-03-31"));
    }

    @Test
    void decodeFormReadsABodyWithoutContentTypeAsAForm() {
        assertThat(QueryCodec.decodeForm(null, "Action=ListTopics".getBytes(StandardCharsets.UTF_8), null))
                .containsEntry("Action", List.of("ListTopics"));
    }

    @Test
    void decodeFormIgnoresABodyThatIsNotAForm() {
        Map<String, List<String>> form = QueryCodec.decodeForm("Action=SendMessage",
                "{\"Action\":\"x\"}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertThat(form).containsOnlyKeys("Action").containsEntry("Action", List.of("SendMessage"));
    }

    @Test
    void decodeFormReportsBrokenEscapesAsMalformedQueryString() {
        assertThatThrownBy(() -> QueryCodec.decodeForm("Action=Publish&Message=%zz", null, null))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("MalformedQueryString");
                    assertThat(e.status()).isEqualTo(400);
                });
        assertThatThrownBy(() -> QueryCodec.decodeForm(null,
                "Action=Publish&Message=%C3%28".getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded"))
                .isInstanceOfSatisfying(AwsException.class,
                        e -> assertThat(e.code()).isEqualTo("MalformedQueryString"));
    }
}
