package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectTorrentResponse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static dev.gureum.s3.S3Clients.digest;
import static dev.gureum.s3.S3Clients.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

/** GetObjectTorrent: the object's bencoded metainfo, its pieces hashed with SHA-1, as S3 made it. */
class ObjectTorrentIT {

    private static final String ANNOUNCE = "http://tracker.amazonaws.com:6969/announce";
    private static final int PIECE = 256 * 1024;

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        bucket = bucketName("torrent");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static Map<String, Object> torrentOf(String key) {
        ResponseBytes<GetObjectTorrentResponse> torrent = s3.getObjectTorrentAsBytes(b -> b.bucket(bucket).key(key));
        assertThat(torrent.response().sdkHttpResponse().firstMatchingHeader("Content-Type"))
                .contains("application/x-bittorrent");
        Bencode decoder = new Bencode(torrent.asByteArray());
        @SuppressWarnings("unchecked")
        Map<String, Object> metainfo = (Map<String, Object>) decoder.value();
        assertThat(decoder.at).as("nothing after the dictionary").isEqualTo(torrent.asByteArray().length);
        return metainfo;
    }

    @Test
    void piecesAreTheSha1OfEach256KiBOfTheObject() {
        byte[] body = randomBytes(2 * PIECE + 1000, 7);
        s3.putObject(b -> b.bucket(bucket).key("films/Avatar.mpg"), RequestBody.fromBytes(body));

        Map<String, Object> metainfo = torrentOf("films/Avatar.mpg");
        assertThat(metainfo.keySet()).containsExactly("announce", "announce-list", "info");
        assertThat(text(metainfo.get("announce"))).isEqualTo(ANNOUNCE);
        assertThat(metainfo.get("announce-list")).asList().hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) metainfo.get("info");
        assertThat(info.keySet()).containsExactly("length", "name", "piece length", "pieces", "x-amz-bucket", "x-amz-key");
        assertThat(info.get("length")).isEqualTo((long) body.length);
        assertThat(text(info.get("name"))).isEqualTo("Avatar.mpg");
        assertThat(info.get("piece length")).isEqualTo((long) PIECE);
        assertThat(text(info.get("x-amz-bucket"))).isEqualTo(bucket);
        assertThat(text(info.get("x-amz-key"))).isEqualTo("films/Avatar.mpg");

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int from = 0; from < body.length; from += PIECE) {
            expected.writeBytes(digest("SHA-1", Arrays.copyOfRange(body, from, Math.min(body.length, from + PIECE))));
        }
        assertThat((byte[]) info.get("pieces")).hasSize(3 * 20).isEqualTo(expected.toByteArray());
    }

    @Test
    void anEmptyObjectHasNoPieces() {
        s3.putObject(b -> b.bucket(bucket).key("empty"), RequestBody.empty());
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) torrentOf("empty").get("info");
        assertThat(info.get("length")).isEqualTo(0L);
        assertThat((byte[]) info.get("pieces")).isEmpty();
    }

    @Test
    void aMissingKeyIsNoSuchKeyAndACustomerKeyObjectIsRefused() {
        assertS3Error(() -> s3.getObjectTorrentAsBytes(b -> b.bucket(bucket).key("missing")), 404, "NoSuchKey");

        byte[] key = randomBytes(32, 3);
        String keyMd5 = Base64.getEncoder().encodeToString(digest("MD5", key));
        s3.putObject(b -> b.bucket(bucket).key("secret").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(Base64.getEncoder().encodeToString(key)).sseCustomerKeyMD5(keyMd5),
                RequestBody.fromString("hidden"));
        assertS3Error(() -> s3.getObjectTorrentAsBytes(b -> b.bucket(bucket).key("secret")), 400, "InvalidRequest");
    }

    private static String text(Object value) {
        return new String((byte[]) value, StandardCharsets.UTF_8);
    }

    /** A strict bencode reader: strings as byte arrays, integers as longs, lists and dictionaries in order. */
    private static final class Bencode {
        private final byte[] in;
        private int at;

        Bencode(byte[] in) {
            this.in = in;
        }

        Object value() {
            byte b = in[at];
            if (b == 'i') {
                int end = indexOf('e', at);
                long value = Long.parseLong(new String(in, at + 1, end - at - 1, StandardCharsets.US_ASCII));
                at = end + 1;
                return value;
            }
            if (b == 'l') {
                at++;
                List<Object> list = new ArrayList<>();
                while (in[at] != 'e') {
                    list.add(value());
                }
                at++;
                return list;
            }
            if (b == 'd') {
                at++;
                Map<String, Object> map = new LinkedHashMap<>();
                String previous = null;
                while (in[at] != 'e') {
                    String key = new String((byte[]) value(), StandardCharsets.UTF_8);
                    assertThat(previous == null || previous.compareTo(key) < 0).as("keys in order: " + key).isTrue();
                    previous = key;
                    map.put(key, value());
                }
                at++;
                return map;
            }
            int colon = indexOf(':', at);
            int length = Integer.parseInt(new String(in, at, colon - at, StandardCharsets.US_ASCII));
            byte[] bytes = Arrays.copyOfRange(in, colon + 1, colon + 1 + length);
            at = colon + 1 + length;
            return bytes;
        }

        private int indexOf(char c, int from) {
            for (int i = from; i < in.length; i++) {
                if (in[i] == c) {
                    return i;
                }
            }
            throw new AssertionError("no '" + c + "' after " + from);
        }
    }
}
