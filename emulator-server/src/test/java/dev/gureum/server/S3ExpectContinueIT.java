package dev.gureum.server;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upload that holds its body back ({@code Expect: 100-continue}) is judged before the body is asked
 * for: a caller who may not write is answered 403 at once, never {@code 100 Continue}; one who may is
 * asked for the body and its upload is stored.
 */
class S3ExpectContinueIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.verifySignatures(true));

    /** Sends an unsigned PUT's head, waits for the server's first answer, then sends the body if told to. */
    private static String unsignedPut(String path, String body) throws Exception {
        URI endpoint = gureum.endpoint();
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + path + " HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                    + "\r\nContent-Length: " + body.length() + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String first = readHead(in);
            if (!first.startsWith("HTTP/1.1 100")) {
                return first;
            }
            out.write(body.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return first + readHead(in);
        }
    }

    /** The status line and headers of one answer, up to the blank line. */
    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void anUploadThatMayNotBeMadeIsRefusedBeforeItsBodyIsAskedFor() throws Exception {
        S3Client owner = gureum.configure(S3Client.builder()).build();
        owner.createBucket(b -> b.bucket("expect-private"));
        owner.createBucket(b -> b.bucket("expect-open"));
        owner.deletePublicAccessBlock(b -> b.bucket("expect-open"));
        owner.putBucketPolicy(b -> b.bucket("expect-open").policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject",
                 "Resource":"arn:aws:s3:::expect-open/*"}]}"""));

        String refused = unsignedPut("/expect-private/k", "hello");
        assertThat(refused).startsWith("HTTP/1.1 403").doesNotContain("100 Continue");

        String stored = unsignedPut("/expect-open/k", "hello");
        assertThat(stored).startsWith("HTTP/1.1 100").contains("HTTP/1.1 200");
        assertThat(owner.getObjectAsBytes(b -> b.bucket("expect-open").key("k")).asUtf8String()).isEqualTo("hello");
        owner.close();
    }
}
