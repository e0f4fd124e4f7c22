package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** ListObjects (v1 markers) and ListObjectsV2 (continuation tokens), paged, with prefixes and delimiters. */
class ListingIT {

    /**
     * Keys in S3's order, the order of their UTF-8 bytes: U+E000 sorts before U+1D11E there, though
     * after it in Java's UTF-16 order.
     */
    private static final List<String> KEYS = List.of(
            "a", "a b", "a+b", "a/1", "a/2", "a/deep/x", "a/deep/y", "a0", "b/1", "b/2/z", "c", "d%20e", "photos/2025/jan.jpg",
            "photos/2025/feb.jpg", "photos/2026/mar.jpg", "photos/index.html", "z", "~tilde", "é", "구름/하늘.txt",
            "구름/비.txt", "x\uE000", "x\uD834\uDD1E");

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;
    private static List<String> sorted;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
        bucket = bucketName("listing");
        s3.createBucket(b -> b.bucket(bucket));
        for (String key : KEYS) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        sorted = KEYS.stream().sorted(S3Clients::compareUtf8).toList();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Test
    void everythingInUtf8ByteOrder() {
        ListObjectsV2Response all = s3.listObjectsV2(b -> b.bucket(bucket));
        assertThat(all.contents()).extracting(S3Object::key).containsExactlyElementsOf(sorted);
        assertThat(sorted.indexOf("x\uE000")).isLessThan(sorted.indexOf("x\uD834\uDD1E"));
        assertThat(all.keyCount()).isEqualTo(KEYS.size());
        assertThat(all.isTruncated()).isFalse();
        assertThat(all.maxKeys()).isEqualTo(1000);
        assertThat(all.contents().get(0).size()).isEqualTo(1);
        assertThat(all.contents().get(0).eTag()).isEqualTo("\"" + S3Clients.md5Hex("a".getBytes()) + "\"");
        assertThat(all.contents().get(0).lastModified()).isNotNull();
        assertThat(all.contents().get(0).storageClassAsString()).isEqualTo("STANDARD");
    }

    @Test
    void paginatorReturnsEveryKeyOnceInOrder() {
        for (int pageSize : new int[] {1, 2, 5, 7}) {
            List<String> keys = new ArrayList<>();
            int[] pages = {0};
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(pageSize)).forEach(page -> {
                pages[0]++;
                assertThat(page.keyCount()).isLessThanOrEqualTo(pageSize);
                page.contents().forEach(o -> keys.add(o.key()));
            });
            assertThat(keys).as("page size %d", pageSize).containsExactlyElementsOf(sorted);
            assertThat(pages[0]).isEqualTo((KEYS.size() + pageSize - 1) / pageSize);
        }
        List<String> encoded = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(3).encodingType(EncodingType.URL))
                .contents().forEach(o -> encoded.add(o.key()));
        assertThat(encoded).containsExactlyElementsOf(sorted);
    }

    @Test
    void paginatorWithDelimiterListsEachCommonPrefixOnce() {
        List<String> keys = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        s3.listObjectsV2Paginator(b -> b.bucket(bucket).delimiter("/").maxKeys(2)).forEach(page -> {
            page.contents().forEach(o -> keys.add(o.key()));
            page.commonPrefixes().forEach(p -> prefixes.add(p.prefix()));
        });
        assertThat(prefixes).containsExactly("a/", "b/", "photos/", "구름/");
        assertThat(keys).containsExactlyElementsOf(sorted.stream().filter(k -> !k.contains("/")).toList());
    }

    @Test
    void prefixAndDelimiter() {
        ListObjectsV2Response photos = s3.listObjectsV2(b -> b.bucket(bucket).prefix("photos/").delimiter("/"));
        assertThat(photos.contents()).extracting(S3Object::key).containsExactly("photos/index.html");
        assertThat(photos.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("photos/2025/", "photos/2026/");
        assertThat(photos.keyCount()).isEqualTo(3);
        assertThat(photos.prefix()).isEqualTo("photos/");
        assertThat(photos.delimiter()).isEqualTo("/");

        ListObjectsV2Response year = s3.listObjectsV2(b -> b.bucket(bucket).prefix("photos/2025/"));
        assertThat(year.contents()).extracting(S3Object::key).containsExactly("photos/2025/feb.jpg", "photos/2025/jan.jpg");

        ListObjectsV2Response korean = s3.listObjectsV2(b -> b.bucket(bucket).prefix("구름/").encodingType(EncodingType.URL));
        assertThat(korean.contents()).extracting(S3Object::key).containsExactly("구름/비.txt", "구름/하늘.txt");
        assertThat(korean.prefix()).isEqualTo("구름/");

        // a delimiter that is not a slash
        ListObjectsV2Response byA = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("a"));
        assertThat(byA.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a", "photos/2025/ja",
                "photos/2026/ma");

        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix("nothing-here")).contents()).isEmpty();
    }

    @Test
    void startAfter() {
        ListObjectsV2Response after = s3.listObjectsV2(b -> b.bucket(bucket).startAfter("photos/index.html").maxKeys(3));
        int at = sorted.indexOf("photos/index.html");
        assertThat(after.contents()).extracting(S3Object::key).containsExactlyElementsOf(sorted.subList(at + 1, at + 4));
        assertThat(after.startAfter()).isEqualTo("photos/index.html");
        // a start-after that is not a key
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).startAfter("b/10")).contents().get(0).key()).isEqualTo("b/2/z");
        // U+FFFD sorts after U+D834 U+DD1E in UTF-16, before U+1D11E in UTF-8
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).startAfter("x\uFFFD")).contents()).extracting(S3Object::key)
                .containsExactlyElementsOf(sorted.subList(sorted.indexOf("x\uD834\uDD1E"), sorted.size()));
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).startAfter("y")).contents())
                .extracting(S3Object::key).containsExactlyElementsOf(sorted.subList(sorted.indexOf("z"), sorted.size()));
    }

    @Test
    void maxKeys() {
        ListObjectsV2Response three = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(3));
        assertThat(three.contents()).extracting(S3Object::key).containsExactlyElementsOf(sorted.subList(0, 3));
        assertThat(three.isTruncated()).isTrue();
        assertThat(three.nextContinuationToken()).isNotEmpty();
        assertThat(three.maxKeys()).isEqualTo(3);

        ListObjectsV2Response none = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(0));
        assertThat(none.contents()).isEmpty();
        assertThat(none.keyCount()).isZero();
        assertS3Error(() -> s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(-1)), 400, "InvalidArgument");

        ListObjectsV2Response next = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(3)
                .continuationToken(three.nextContinuationToken()));
        assertThat(next.contents()).extracting(S3Object::key).containsExactlyElementsOf(sorted.subList(3, 6));
        assertThat(next.continuationToken()).isEqualTo(three.nextContinuationToken());
        assertS3Error(() -> s3.listObjectsV2(b -> b.bucket(bucket).continuationToken("%%%not-a-token")), 400,
                "InvalidArgument");
    }

    @Test
    void fetchOwner() {
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1)).contents().get(0).owner()).isNull();
        S3Object withOwner = s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1).fetchOwner(true)).contents().get(0);
        assertThat(withOwner.owner()).isNotNull();
        assertThat(withOwner.owner().id()).hasSize(64).isEqualTo(s3.listBuckets().owner().id());
    }

    @Test
    void listObjectsV1WithMarkers() {
        ListObjectsResponse first = s3.listObjects(b -> b.bucket(bucket).maxKeys(4));
        assertThat(first.contents()).extracting(S3Object::key).containsExactlyElementsOf(sorted.subList(0, 4));
        assertThat(first.isTruncated()).isTrue();
        // without a delimiter S3 sends no NextMarker: the client continues after the last key
        assertThat(first.nextMarker()).isNull();
        assertThat(first.contents().get(0).owner()).isNotNull();

        List<String> keys = new ArrayList<>();
        String marker = null;
        boolean truncated = true;
        while (truncated) {
            String m = marker;
            ListObjectsResponse page = s3.listObjects(b -> b.bucket(bucket).maxKeys(4).marker(m));
            page.contents().forEach(o -> keys.add(o.key()));
            truncated = page.isTruncated();
            marker = page.contents().get(page.contents().size() - 1).key();
        }
        assertThat(keys).containsExactlyElementsOf(sorted);

        ListObjectsResponse grouped = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(3));
        assertThat(grouped.contents()).extracting(S3Object::key).containsExactly("a", "a b", "a+b");
        assertThat(grouped.isTruncated()).isTrue();
        assertThat(grouped.nextMarker()).isEqualTo("a+b");
        ListObjectsResponse more = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(2)
                .marker(grouped.nextMarker()));
        assertThat(more.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("a/");
        assertThat(more.contents()).extracting(S3Object::key).containsExactly("a0");
        assertThat(more.nextMarker()).isEqualTo("a0");
        ListObjectsResponse afterPrefix = s3.listObjects(b -> b.bucket(bucket).delimiter("/").maxKeys(1).marker("a/"));
        // a marker that is a common prefix skips all of it
        assertThat(afterPrefix.contents()).extracting(S3Object::key).containsExactly("a0");
        assertThat(afterPrefix.commonPrefixes()).isEmpty();
    }

    @Test
    void listingAnEmptyOrMissingBucket() {
        String empty = bucketName("empty");
        s3.createBucket(b -> b.bucket(empty));
        ListObjectsV2Response response = s3.listObjectsV2(b -> b.bucket(empty));
        assertThat(response.contents()).isEmpty();
        assertThat(response.keyCount()).isZero();
        assertThat(response.isTruncated()).isFalse();
        assertThat(response.name()).isEqualTo(empty);
        assertS3Error(() -> s3.listObjectsV2(b -> b.bucket(bucketName("missing"))), 404, "NoSuchBucket");
    }
}
