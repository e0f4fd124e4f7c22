package dev.gureum.s3.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsChunkedDecoderTest {

    private static final String SIGNATURE = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";

    /** The body decoded when it arrives whole, and again when it arrives one byte at a time. */
    private record Decoded(String body, Map<String, String> trailers, long length, List<String> signatures) {
    }

    private static Decoded decode(String framing) throws IOException {
        byte[] bytes = framing.getBytes(StandardCharsets.ISO_8859_1);
        Decoded whole = decode(bytes, Math.max(1, bytes.length));
        Decoded trickled = decode(bytes, 1);
        assertThat(trickled).isEqualTo(whole);
        return whole;
    }

    private static Decoded decode(byte[] bytes, int piece) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> signatures = new ArrayList<>();
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(new AwsChunkedDecoder.Output() {
            @Override
            public void data(byte[] b, int off, int len) {
                out.write(b, off, len);
            }

            @Override
            public void chunk(long size, String signature) {
                signatures.add(signature);
            }
        });
        for (int i = 0; i < bytes.length; i += piece) {
            decoder.feed(bytes, i, Math.min(piece, bytes.length - i));
        }
        decoder.finish();
        return new Decoded(out.toString(StandardCharsets.ISO_8859_1), decoder.trailers(), decoder.decodedLength(),
                signatures);
    }

    @Test
    void unsignedChunksWithATrailer() throws IOException {
        // STREAMING-UNSIGNED-PAYLOAD-TRAILER, as the SDKs send it over HTTPS
        Decoded d = decode("7\r\nhello, \r\n6\r\nworld!\r\n0\r\nx-amz-checksum-crc32:WJiNEw==\r\n\r\n");
        assertThat(d.body()).isEqualTo("hello, world!");
        assertThat(d.trailers()).containsExactly(Map.entry("x-amz-checksum-crc32", "WJiNEw=="));
        assertThat(d.length()).isEqualTo(13);
    }

    @Test
    void signedChunks() throws IOException {
        // STREAMING-AWS4-HMAC-SHA256-PAYLOAD: each chunk carries its signature, and so does the last
        Decoded d = decode("10000;chunk-signature=" + SIGNATURE + "\r\n" + "a".repeat(65536) + "\r\n"
                + "400;chunk-signature=" + SIGNATURE + "\r\n" + "b".repeat(1024) + "\r\n"
                + "0;chunk-signature=" + SIGNATURE + "\r\n\r\n");
        assertThat(d.body()).hasSize(66560).startsWith("aaa").endsWith("bbb");
        assertThat(d.trailers()).isEmpty();
        assertThat(d.signatures()).containsExactly(SIGNATURE, SIGNATURE, SIGNATURE);
    }

    @Test
    void signedChunksWithASignedTrailer() throws IOException {
        Decoded d = decode("5;chunk-signature=" + SIGNATURE + "\r\nhello\r\n"
                + "0;chunk-signature=" + SIGNATURE + "\r\nX-Amz-Checksum-Sha256:LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=\r\n"
                + "x-amz-trailer-signature:" + SIGNATURE + "\r\n\r\n");
        assertThat(d.body()).isEqualTo("hello");
        assertThat(d.trailers()).containsEntry("x-amz-checksum-sha256", "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")
                .containsEntry("x-amz-trailer-signature", SIGNATURE);
    }

    @Test
    void anEmptyBody() throws IOException {
        Decoded d = decode("0\r\nx-amz-checksum-crc32c:AAAAAA==\r\n\r\n");
        assertThat(d.body()).isEmpty();
        assertThat(d.trailers()).containsEntry("x-amz-checksum-crc32c", "AAAAAA==");
    }

    @Test
    void aBodyEndingRightAfterTheLastChunk() throws IOException {
        assertThat(decode("3\r\nabc\r\n0\r\n").body()).isEqualTo("abc");
        assertThat(decode("3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAAAA==").trailers())
                .containsEntry("x-amz-checksum-crc32", "AAAAAA==");
    }

    @Test
    void upperCaseHexSizes() throws IOException {
        assertThat(decode("A\r\n0123456789\r\n0\r\n\r\n").body()).isEqualTo("0123456789");
    }

    @Test
    void malformedFraming() {
        String[] broken = {
                "zz\r\nhello\r\n0\r\n\r\n",              // size is not hex
                "zz;chunk-signature=" + SIGNATURE + "\r\nhello\r\n0\r\n\r\n",
                ";chunk-signature=x\r\nhello\r\n0\r\n\r\n", // no size
                "-5\r\nhello\r\n0\r\n\r\n",              // negative size
                "+5\r\nhello\r\n0\r\n\r\n",              // a sign is not hex
                "5\r\nhelloXY0\r\n\r\n",                 // chunk not followed by CRLF
                "5\r\nhel",                              // ends inside a chunk
                "5\r\nhello\r\n",                        // ends before the last chunk
                "",                                      // nothing at all
                "1" + "0".repeat(5000) + "\r\n",         // a header line that never ends
                "ffffffffffffffffff\r\nx\r\n",           // a size beyond any long
        };
        for (String framing : broken) {
            assertThatThrownBy(() -> decode(framing)).as(framing.length() > 40 ? framing.substring(0, 40) : framing)
                    .isInstanceOf(AwsChunkedDecoder.MalformedChunkException.class);
        }
    }
}
