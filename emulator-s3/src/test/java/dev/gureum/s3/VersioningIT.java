package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.ArrayList;
import java.util.List;

import static dev.gureum.s3.S3Clients.assertS3Error;
import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** Versioned buckets: version ids, delete markers, listing versions, reading and deleting one version. */
class VersioningIT {

    private static EmbeddedFrontEnd server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static String versionedBucket(String hint) {
        String name = bucketName(hint);
        s3.createBucket(b -> b.bucket(name));
        s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        return name;
    }

    private static String read(String bucket, String key, String versionId) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asUtf8String();
    }

    @Test
    void everyWriteIsAVersion() {
        String bucket = versionedBucket("versions");
        PutObjectResponse v1 = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("one"));
        PutObjectResponse v2 = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("two"));
        assertThat(v1.versionId()).isNotBlank().isNotEqualTo("null");
        assertThat(v2.versionId()).isNotBlank().isNotEqualTo(v1.versionId());

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).response().versionId()).isEqualTo(v2.versionId());
        assertThat(read(bucket, "doc", v1.versionId())).isEqualTo("one");
        assertThat(read(bucket, "doc", v2.versionId())).isEqualTo("two");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("doc").versionId(v1.versionId())).contentLength()).isEqualTo(3);

        S3Exception missing = assertS3Error(() -> read(bucket, "doc", "NoSuchVersionIdAtAll0000000000000"),
                404, "NoSuchVersion");
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("The specified version does not exist.");
        assertS3Error(() -> read(bucket, "doc", "not a version id!"), 400, "InvalidArgument");
    }

    @Test
    void deleteMarkers() {
        String bucket = versionedBucket("markers");
        PutObjectResponse v1 = s3.putObject(b -> b.bucket(bucket).key("doc"), RequestBody.fromString("one"));

        DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("doc"));
        assertThat(deleted.deleteMarker()).isTrue();
        assertThat(deleted.versionId()).isNotBlank().isNotEqualTo(v1.versionId());

        S3Exception gone = assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")), 404, "NoSuchKey");
        assertThat(gone.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")).hasValue("true");
        assertThat(gone.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-version-id"))
                .hasValue(deleted.versionId());
        assertS3Error(() -> s3.headObject(b -> b.bucket(bucket).key("doc")), 404, null);
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).isEmpty();
        // the old version is still there
        assertThat(read(bucket, "doc", v1.versionId())).isEqualTo("one");

        // asking for the delete marker itself
        S3Exception marker = assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")
                .versionId(deleted.versionId())), 405, "MethodNotAllowed");
        assertThat(marker.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")).hasValue("true");

        // removing the marker brings the object back
        DeleteObjectResponse undelete = s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(deleted.versionId()));
        assertThat(undelete.deleteMarker()).isTrue();
        assertThat(undelete.versionId()).isEqualTo(deleted.versionId());
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("doc")).asUtf8String()).isEqualTo("one");

        // deleting a version permanently
        DeleteObjectResponse permanent = s3.deleteObject(b -> b.bucket(bucket).key("doc").versionId(v1.versionId()));
        assertThat(permanent.versionId()).isEqualTo(v1.versionId());
        assertThat(permanent.deleteMarker()).isNull();
        assertS3Error(() -> read(bucket, "doc", v1.versionId()), 404, "NoSuchVersion");
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).isEmpty();
        s3.deleteBucket(b -> b.bucket(bucket));
    }

    @Test
    void listObjectVersions() {
        String bucket = versionedBucket("list-versions");
        List<String> aVersions = new ArrayList<>();
        for (String body : List.of("a1", "a2", "a3")) {
            aVersions.add(s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString(body)).versionId());
        }
        String bVersion = s3.putObject(b -> b.bucket(bucket).key("b"), RequestBody.fromString("b1")).versionId();
        String marker = s3.deleteObject(b -> b.bucket(bucket).key("b")).versionId();
        s3.putObject(b -> b.bucket(bucket).key("dir/c"), RequestBody.fromString("c1"));
        s3.putObject(b -> b.bucket(bucket).key("dir/d"), RequestBody.fromString("d1"));

        ListObjectVersionsResponse all = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(all.versions()).extracting(ObjectVersion::key, ObjectVersion::versionId, ObjectVersion::isLatest)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("a", aVersions.get(2), true),
                        org.assertj.core.groups.Tuple.tuple("a", aVersions.get(1), false),
                        org.assertj.core.groups.Tuple.tuple("a", aVersions.get(0), false),
                        org.assertj.core.groups.Tuple.tuple("b", bVersion, false));
        assertThat(all.versions()).hasSize(6);
        assertThat(all.versions().get(0).size()).isEqualTo(2);
        assertThat(all.versions().get(0).eTag()).isEqualTo("\"" + S3Clients.md5Hex("a3".getBytes()) + "\"");
        assertThat(all.deleteMarkers()).extracting(DeleteMarkerEntry::key, DeleteMarkerEntry::versionId,
                DeleteMarkerEntry::isLatest).containsExactly(org.assertj.core.groups.Tuple.tuple("b", marker, true));
        assertThat(all.isTruncated()).isFalse();

        ListObjectVersionsResponse grouped = s3.listObjectVersions(b -> b.bucket(bucket).delimiter("/"));
        assertThat(grouped.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("dir/");
        assertThat(grouped.versions()).extracting(ObjectVersion::key).doesNotContain("dir/c");

        List<String> prefixes = new ArrayList<>();
        s3.listObjectVersionsPaginator(b -> b.bucket(bucket).delimiter("/").maxKeys(1))
                .forEach(page -> page.commonPrefixes().forEach(p -> prefixes.add(p.prefix())));
        assertThat(prefixes).containsExactly("dir/");

        // pages of two, resumed with both markers
        List<String> seen = new ArrayList<>();
        s3.listObjectVersionsPaginator(b -> b.bucket(bucket).maxKeys(2)).forEach(page -> {
            page.versions().forEach(v -> seen.add(v.key() + "@" + v.versionId()));
            page.deleteMarkers().forEach(m -> seen.add(m.key() + "@" + m.versionId()));
        });
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void deleteObjectsWithVersions() {
        String bucket = versionedBucket("multi-delete");
        String v1 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("1")).versionId();
        String v2 = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("2")).versionId();
        DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("k").versionId(v1).build(),
                ObjectIdentifier.builder().key("other").build())));
        assertThat(response.deleted()).hasSize(2);
        assertThat(response.deleted().get(0).versionId()).isEqualTo(v1);
        assertThat(response.deleted().get(1).deleteMarker()).isTrue();
        assertThat(response.deleted().get(1).deleteMarkerVersionId()).isNotBlank();
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket).prefix("k")).versions()).extracting(ObjectVersion::versionId)
                .containsExactly(v2);
    }

    @Test
    void suspendedVersioningWritesTheNullVersion() {
        String bucket = versionedBucket("suspended");
        String kept = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("versioned")).versionId();
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
        PutObjectResponse first = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("null 1"));
        assertThat(first.versionId()).isNull();
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("null 2"));
        ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket(bucket));
        assertThat(versions.versions()).extracting(ObjectVersion::versionId).containsExactly("null", kept);
        assertThat(read(bucket, "k", "null")).isEqualTo("null 2");
        assertThat(read(bucket, "k", kept)).isEqualTo("versioned");
    }

    @Test
    void unversionedBucketsHaveNoVersionIds() {
        String bucket = bucketName("plain");
        s3.createBucket(b -> b.bucket(bucket));
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        assertThat(put.versionId()).isNull();
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).extracting(ObjectVersion::versionId)
                .containsExactly("null");
        assertThat(read(bucket, "k", "null")).isEqualTo("x");
        DeleteObjectResponse deleted = s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertThat(deleted.deleteMarker()).isNull();
        assertThat(s3.listObjectVersions(b -> b.bucket(bucket)).versions()).isEmpty();
    }
}
