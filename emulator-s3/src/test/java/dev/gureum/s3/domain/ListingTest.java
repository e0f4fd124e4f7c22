package dev.gureum.s3.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ListingTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private Bucket bucket;

    @BeforeEach
    void setUp() {
        bucket = new Bucket("bucket", "000000000000", "us-east-1", NOW);
        bucket.versioning(Bucket.Versioning.ENABLED);
        for (String key : List.of("a.txt", "photos/2025/a.jpg", "photos/2025/b.jpg", "photos/2026/c.jpg", "z.txt")) {
            bucket.put(object(key, "v1"));
        }
    }

    private static S3Object object(String key, String versionId) {
        return new S3Object(key, versionId, false, "etag", 1, NOW, Map.of(), Map.of(), Map.of(), null, List.of(),
                Map.of(), "STANDARD", "000000000000", null);
    }

    private static List<String> keys(Listing.Page page) {
        return page.contents().stream().map(S3Object::key).toList();
    }

    @Test
    void keysInOrderWithCommonPrefixes() {
        Listing.Page page = Listing.objects(bucket, null, "/", null, 1000);
        assertThat(keys(page)).containsExactly("a.txt", "z.txt");
        assertThat(page.prefixes()).containsExactly("photos/");
        assertThat(page.truncated()).isFalse();
        Listing.Page photos = Listing.objects(bucket, "photos/", "/", null, 1000);
        assertThat(photos.prefixes()).containsExactly("photos/2025/", "photos/2026/");
        assertThat(photos.keyCount()).isEqualTo(2);
    }

    @Test
    void pagesResumeAfterTheLastEntryAndSkipItsCommonPrefix() {
        Listing.Page first = Listing.objects(bucket, null, "/", null, 2);
        assertThat(keys(first)).containsExactly("a.txt");
        assertThat(first.prefixes()).containsExactly("photos/");
        assertThat(first.truncated()).isTrue();
        assertThat(first.lastEntry()).isEqualTo("photos/");
        Listing.Page second = Listing.objects(bucket, null, "/", first.lastEntry(), 2);
        assertThat(keys(second)).containsExactly("z.txt");
        assertThat(second.truncated()).isFalse();
        // a marker inside a common prefix is past all of it
        assertThat(keys(Listing.objects(bucket, null, "/", "photos/2025/a.jpg", 10))).containsExactly("z.txt");
    }

    @Test
    void deleteMarkersHideKeysButNotTheirVersions() {
        bucket.put(S3Object.deleteMarker("z.txt", "v2", NOW, "000000000000"));
        assertThat(keys(Listing.objects(bucket, null, null, null, 1000))).doesNotContain("z.txt");
        Listing.VersionPage versions = Listing.versions(bucket, "z", null, null, null, 1000);
        assertThat(versions.versions()).extracting(e -> e.version().versionId(), Listing.VersionEntry::latest)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("v2", true),
                        org.assertj.core.groups.Tuple.tuple("v1", false));
    }

    @Test
    void versionPagesResumeAtTheVersionMarker() {
        bucket.put(object("a.txt", "v2"));
        Listing.VersionPage first = Listing.versions(bucket, null, null, null, null, 1);
        assertThat(first.truncated()).isTrue();
        assertThat(first.nextKeyMarker()).isEqualTo("a.txt");
        assertThat(first.nextVersionMarker()).isEqualTo("v2");
        Listing.VersionPage second = Listing.versions(bucket, null, null, "a.txt", "v2", 1);
        assertThat(second.versions().get(0).version().versionId()).isEqualTo("v1");
        ObjectRefusal refusal = catchThrowableOfType(ObjectRefusal.class,
                () -> Listing.versions(bucket, null, null, null, "v2", 10));
        assertThat(refusal.reason()).isEqualTo(ObjectRefusal.Reason.VERSION_MARKER_WITHOUT_KEY_MARKER);
    }

    @Test
    void bucketsOfTheAccountByName() {
        List<Bucket> all = List.of(new Bucket("b", "111111111111", "us-east-1", NOW),
                new Bucket("a", "111111111111", "eu-west-1", NOW), new Bucket("c", "222222222222", "us-east-1", NOW));
        Listing.BucketPage page = Listing.buckets(all, "111111111111", null, null, null, 1);
        assertThat(page.buckets()).extracting(Bucket::name).containsExactly("a");
        assertThat(page.lastName()).isEqualTo("a");
        Listing.BucketPage rest = Listing.buckets(all, "111111111111", null, null, page.lastName(), 1);
        assertThat(rest.buckets()).extracting(Bucket::name).containsExactly("b");
        assertThat(rest.truncated()).isFalse();
        assertThat(Listing.buckets(all, "111111111111", null, "eu-west-1", null, 10).buckets())
                .extracting(Bucket::name).containsExactly("a");
    }
}
