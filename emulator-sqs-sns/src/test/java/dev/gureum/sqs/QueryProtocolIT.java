package dev.gureum.sqs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The query protocol as older SDKs and hand-written clients speak it: forms in, XML out. */
class QueryProtocolIT {

    static SqsTestSupport sqs;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sqs = new SqsTestSupport();
    }

    @AfterAll
    static void stop() {
        sqs.close();
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sqs.server.endpoint() + path))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, "
                        + "SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String element(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void aWholeConversationInForms() throws Exception {
        HttpResponse<String> created = post("/", "Action=CreateQueue&Version=2012-11-05&QueueName=legacy"
                + "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=40&Tag.1.Key=team&Tag.1.Value=ops");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).startsWith("<CreateQueueResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">")
                .contains("<CreateQueueResult><QueueUrl>" + sqs.server.endpoint() + "/000000000000/legacy</QueueUrl>")
                .contains("<ResponseMetadata><RequestId>");

        // older SDKs post to the queue URL itself, without a QueueUrl field
        HttpResponse<String> sent = post("/000000000000/legacy", "Action=SendMessage&Version=2012-11-05"
                + "&MessageBody=%EA%B5%AC%EB%A6%84+%26+%3Cxml%3E&MessageAttribute.1.Name=k"
                + "&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=v");
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(element(sent.body(), "MD5OfMessageBody")).isEqualTo(
                dev.gureum.sqs.domain.MessageMd5.ofBody("구름 & <xml>"));
        assertThat(element(sent.body(), "MD5OfMessageAttributes")).hasSize(32);

        HttpResponse<String> received = post("/", "Action=ReceiveMessage&Version=2012-11-05&QueueUrl="
                + sqs.server.endpoint() + "/000000000000/legacy&AttributeName.1=All&MessageAttributeName.1=All");
        assertThat(received.body()).contains("<ReceiveMessageResult><Message><MessageId>")
                .contains("<Body>구름 &amp; &lt;xml&gt;</Body>")
                .contains("<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>")
                .contains("<MessageAttribute><Name>k</Name><Value><StringValue>v</StringValue>"
                        + "<DataType>String</DataType></Value></MessageAttribute>");
        String handle = element(received.body(), "ReceiptHandle");

        HttpResponse<String> attributes = post("/000000000000/legacy",
                "Action=GetQueueAttributes&AttributeName.1=VisibilityTimeout&AttributeName.2=ApproximateNumberOfMessagesNotVisible");
        assertThat(attributes.body()).contains("<Attribute><Name>VisibilityTimeout</Name><Value>40</Value></Attribute>")
                .contains("<Attribute><Name>ApproximateNumberOfMessagesNotVisible</Name><Value>1</Value></Attribute>");

        HttpResponse<String> deleted = post("/000000000000/legacy", "Action=DeleteMessage&ReceiptHandle=" + handle);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).contains("<DeleteMessageResponse").doesNotContain("<DeleteMessageResult>");

        HttpResponse<String> tags = post("/000000000000/legacy", "Action=ListQueueTags");
        assertThat(tags.body()).contains("<Tag><Key>team</Key><Value>ops</Value></Tag>");

        HttpResponse<String> list = post("/", "Action=ListQueues&QueueNamePrefix=leg");
        assertThat(list.body()).contains("<ListQueuesResult><QueueUrl>" + sqs.server.endpoint()
                + "/000000000000/legacy</QueueUrl></ListQueuesResult>");
    }

    @Test
    void errorsHaveTheQueryShapeAndCodes() throws Exception {
        HttpResponse<String> missing = post("/", "Action=GetQueueUrl&QueueName=nowhere");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">")
                .contains("<Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>")
                .contains("<Message>The specified queue does not exist.</Message>").contains("<RequestId>");
        HttpResponse<String> batch = post("/", "Action=CreateQueue&QueueName=b");
        assertThat(batch.statusCode()).isEqualTo(200);
        HttpResponse<String> empty = post("/000000000000/b", "Action=SendMessageBatch");
        assertThat(empty.body()).contains("<Code>AWS.SimpleQueueService.EmptyBatchRequest</Code>");
        HttpResponse<String> unknown = post("/", "Action=Frobnicate");
        assertThat(unknown.body()).contains("<Code>InvalidAction</Code>");
    }

    @Test
    void jsonErrorsCarryTheQueryCodeHeader() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(sqs.server.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0").header("X-Amz-Target", "AmazonSQS.GetQueueUrl")
                .POST(HttpRequest.BodyPublishers.ofString("{\"QueueName\":\"nowhere\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\"");
        assertThat(response.headers().firstValue("x-amzn-query-error"))
                .hasValue("AWS.SimpleQueueService.NonExistentQueue;Sender");
    }
}
