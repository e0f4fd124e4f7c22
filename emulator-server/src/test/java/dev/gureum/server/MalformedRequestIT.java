package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import dev.gureum.sqs.SqsModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What SDKs never send: the server answers each with the protocol's 400 and keeps serving. */
class MalformedRequestIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b
            .module(TestModules.actions(SqsModule.DESCRIPTOR)));

    private static final String STS_AUTH = RawHttp.authorization("test", "us-east-1", "sts");

    @AfterEach
    void serverStillServes() throws Exception {
        assertThat(RawHttp.get(gureum.endpoint(), "/_gureum/health").statusCode()).isEqualTo(200);
    }

    @Test
    void brokenPercentEncodingInForm() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of("Authorization", STS_AUTH,
                "Content-Type", "application/x-www-form-urlencoded"), "Action=GetCallerIdentity&Version=%zz");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MalformedQueryString</Code>").contains("<ErrorResponse");
    }

    @Test
    void invalidUtf8InForm() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of("Authorization", STS_AUTH,
                "Content-Type", "application/x-www-form-urlencoded"), "Action=GetCallerIdentity&X=%C3%28");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MalformedQueryString</Code>");
    }

    @Test
    void missingAction() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of("Authorization", STS_AUTH,
                "Content-Type", "application/x-www-form-urlencoded"), "Version=2011-06-15");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MissingAction</Code>");
    }

    @Test
    void brokenJson() throws Exception {
        for (String body : new String[] {"{\"Value\":", "[1,2]", "{\"a\":1} trailing", "\"text\"", "{\"a\":1,\"a\":2}"}) {
            HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of(
                    "X-Amz-Target", "AmazonSQS.Echo", "Content-Type", "application/x-amz-json-1.0"), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).contains("\"__type\":\"com.amazon.coral.service#SerializationException\"");
        }
    }

    @Test
    void wrongJsonTypes() throws Exception {
        HttpResponse<String> response = RawHttp.post(gureum.endpoint(), "/", Map.of(
                "X-Amz-Target", "AmazonSQS.Echo", "Content-Type", "application/x-amz-json-1.0"),
                "{\"Value\":{\"nested\":true}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidParameterValue").contains("Value");
    }

    @Test
    void garbageRequestLine() throws Exception {
        String answer = RawHttp.exchange(gureum.server().port(), "NOT HTTP AT ALL\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400");
    }

    @Test
    void bodyShorterThanContentLength() throws Exception {
        String answer = RawHttp.exchange(gureum.server().port(), "POST / HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nAction=GetCa");
        // the client gave up mid-body: nothing sensible to answer, and nothing may hang or break
        assertThat(answer).doesNotContain("Exception");
    }

    @Test
    void absurdContentLengthIsRefusedWithoutReadingIt() throws Exception {
        String answer = RawHttp.exchange(gureum.server().port(), "POST / HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Amz-Target: AmazonSQS.Echo\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "Content-Length: 999999999999\r\n\r\n{}");
        assertThat(answer).startsWith("HTTP/1.1 413");
    }

    @Test
    void pipelinedRequestsOnOneConnection() throws Exception {
        String form = "Action=GetCallerIdentity&Version=2011-06-15";
        String one = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + form.length() + "\r\n\r\n" + form;
        String answer = RawHttp.exchange(gureum.server().port(), one + one.replace("Host: localhost", "Host: 127.0.0.1"));
        assertThat(answer.split("HTTP/1.1 200", -1)).hasSize(3);
    }
}
