package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service switched off with {@code --services} answers 501 {@code NotImplemented} in the protocol the
 * client speaks, which the dispatcher decides before it looks at the service: SQS's query clients get
 * XML, its JSON clients JSON.
 */
class DisabledServiceIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.services(Set.of("s3")));

    private static final String SQS_AUTH = RawHttp.authorization("test", "us-east-1", "sqs");

    @Test
    void queryClientOfADisabledJsonServiceGetsXml() throws Exception {
        HttpResponse<String> r = RawHttp.post(gureum.endpoint(), "/", Map.of("Authorization", SQS_AUTH,
                "Content-Type", "application/x-www-form-urlencoded"), "Action=ListQueues&Version=2012-11-05");
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).startsWith("<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\">")
                .contains("<Code>NotImplemented</Code>").contains("disabled on this server");
    }

    @Test
    void jsonClientOfADisabledServiceGetsJson() throws Exception {
        HttpResponse<String> r = RawHttp.post(gureum.endpoint(), "/", Map.of("Authorization", SQS_AUTH,
                "X-Amz-Target", "AmazonSQS.ListQueues", "Content-Type", "application/x-amz-json-1.0"), "{}");
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).contains("\"__type\":\"com.amazonaws.sqs#NotImplemented\"")
                .contains("disabled on this server");
    }

    @Test
    void queryClientOfADisabledQueryServiceGetsXml() throws Exception {
        HttpResponse<String> r = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "Content-Type", "application/x-www-form-urlencoded"), "Action=ListTopics&Version=2010-03-31");
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.body()).startsWith("<ErrorResponse").contains("<Code>NotImplemented</Code>");
    }
}
