package dev.gureum.s3.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsChunkedInputStreamTest {

    private static final String SIGNATURE = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";

    private static AwsChunkedInputStream stream(String framing) {
        return new AwsChunkedInputStream(new ByteArrayInputStream(framing.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void unsignedChunksWithATrailer() throws IOException {
        // STREAMING-UNSIGNED-PAYLOAD-TRAILER, as the SDKs send it over HTTPS
        AwsChunkedInputStream in = stream("7\r\nhello, \r\n6\r\nworld!\r\n0\r\n"
                + "x-amz-checksum-crc32:WJiNEw==\r\n\r\n");
        assertThat(readAll(in)).isEqualTo("hello, world!");
        assertThat(in.trailers()).containsExactly(java.util.Map.entry("x-amz-checksum-crc32", "WJiNEw=="));
        assertThat(in.decodedLength()).isEqualTo(13);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void signedChunks() throws IOException {
        // STREAMING-AWS4-HMAC-SHA256-PAYLOAD: each chunk carries its signature, and so does the last
        AwsChunkedInputStream in = stream("10000;chunk-signature=" + SIGNATURE + "\r\n" + "a".repeat(65536) + "\r\n"
                + "400;chunk-signature=" + SIGNATURE + "\r\n" + "b".repeat(1024) + "\r\n"
                + "0;chunk-signature=" + SIGNATURE + "\r\n\r\n");
        String body = readAll(in);
        assertThat(body).hasSize(66560).startsWith("aaa").endsWith("bbb");
        assertThat(in.trailers()).isEmpty();
    }

    @Test
    void signedChunksWithASignedTrailer() throws IOException {
        AwsChunkedInputStream in = stream("5;chunk-signature=" + SIGNATURE + "\r\nhello\r\n"
                + "0;chunk-signature=" + SIGNATURE + "\r\nX-Amz-Checksum-Sha256:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=\r\n"
                + "x-amz-trailer-signature:" + SIGNATURE + "\r\n\r\n");
        assertThat(readAll(in)).isEqualTo("hello");
        assertThat(in.trailers()).containsEntry("x-amz-checksum-sha256", "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")
                .containsEntry("x-amz-trailer-signature", SIGNATURE);
    }

    @Test
    void readingByteByByteGivesTheSameBytes() throws IOException {
        AwsChunkedInputStream in = stream("3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            out.write(b);
        }
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("abcde");
    }

    @Test
    void anEmptyBody() throws IOException {
        AwsChunkedInputStream in = stream("0\r\nx-amz-checksum-crc32c:AAAAAA==\r\n\r\n");
        assertThat(readAll(in)).isEmpty();
        assertThat(in.trailers()).containsEntry("x-amz-checksum-crc32c", "AAAAAA==");
    }

    @Test
    void upperCaseHexSizes() throws IOException {
        assertThat(readAll(stream("A\r\n0123456789\r\n0\r\n\r\n"))).isEqualTo("0123456789");
    }

    @Test
    void malformedFraming() {
        String[] broken = {
                "zz\r\nhello\r\n0\r\n\r\n",              // size is not hex
                ";chunk-signature=x\r\nhello\r\n0\r\n\r\n", // no size
                "-5\r\nhello\r\n0\r\n\r\n",              // negative size
                "5\r\nhelloXY0\r\n\r\n",                 // chunk not followed by CRLF
                "5\r\nhel",                              // ends inside a chunk
                "5\r\nhello\r\n",                        // ends before the last chunk
                "",                                      // nothing at all
                "1" + "0".repeat(5000) + "\r\n",         // a header line that never ends
                "ffffffffffffffffff\r\nx\r\n",           // a size beyond any long
        };
        for (String framing : broken) {
            assertThatThrownBy(() -> readAll(stream(framing))).as(framing.length() > 40 ? framing.substring(0, 40) : framing)
                    .isInstanceOf(AwsChunkedInputStream.MalformedChunkException.class);
        }
    }
}
