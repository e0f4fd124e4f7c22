package dev.gureum.s3.domain;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordTypes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The buckets as durable state: what S3 keeps in its journal, and how records are applied back to the
 * buckets at start (or when a state file is loaded).
 */
public final class DurableBuckets implements DurableState {

    private final BucketStore buckets;
    private final RecordTypes types;

    /** @param objects the directory the files named in records are in */
    public DurableBuckets(BucketStore buckets, Path objects) {
        this.buckets = buckets;
        this.types = S3Records.types(objects);
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public RecordTypes recordTypes() {
        return types;
    }

    @Override
    public void apply(Object record) {
        if (record instanceof S3Records.BucketSettings s) {
            Bucket bucket = buckets.putIfAbsent(new Bucket(s.name(), s.ownerAccount(), s.region(), s.created()));
            bucket.versioning(s.versioning());
            bucket.mfaDelete(s.mfaDelete());
            bucket.tags(s.tags());
            bucket.acl(s.acl());
            bucket.configurations().keySet().retainAll(s.configurations().keySet());
            bucket.configurations().putAll(s.configurations());
        } else if (record instanceof S3Records.BucketDeleted d) {
            buckets.remove(d.name());
        } else if (record instanceof S3Records.KeyVersions k) {
            Bucket bucket = buckets.get(k.bucket());
            if (bucket != null) {
                bucket.versions(k.key(), k.versions());
            }
        } else if (record instanceof S3Records.UploadStarted u) {
            Bucket bucket = buckets.get(u.bucket());
            if (bucket != null) {
                bucket.uploads().putIfAbsent(u.uploadId(), new MultipartUpload(u.uploadId(), u.key(), u.initiated(),
                        u.headers(), u.userMetadata(), u.tags(), u.checksumAlgorithm(), u.checksumType(),
                        u.storageClass(), u.ownerAccount()));
            }
        } else if (record instanceof S3Records.UploadPart p) {
            Bucket bucket = buckets.get(p.bucket());
            MultipartUpload upload = bucket == null ? null : bucket.uploads().get(p.uploadId());
            if (upload != null) {
                upload.putPart(p.part());
            }
        } else if (record instanceof S3Records.UploadEnded e) {
            Bucket bucket = buckets.get(e.bucket());
            if (bucket != null) {
                bucket.uploads().remove(e.uploadId());
                if (e.completed() != null) {
                    bucket.completedUploads().put(e.uploadId(), e.completed());
                }
                if (e.result() != null) {
                    apply(e.result());
                }
            }
        } else {
            throw new IllegalArgumentException("Not an S3 record: " + record.getClass().getName());
        }
    }

    @Override
    public Iterable<?> records() {
        return () -> buckets.all().stream().flatMap(DurableBuckets::records).iterator();
    }

    /** A bucket, then each key's versions, each upload in progress with its parts, and the uploads completed lately. */
    private static Stream<Object> records(Bucket bucket) {
        Stream<Object> settings = Stream.of(S3Records.settings(bucket));
        Stream<Object> keys = bucket.objects().entrySet().stream()
                .map(e -> new S3Records.KeyVersions(bucket.name(), e.getKey(), e.getValue()));
        Stream<Object> uploads = bucket.uploads().values().stream().flatMap(u -> Stream.concat(
                Stream.of(S3Records.upload(bucket, u)),
                u.parts().values().stream().map(p -> new S3Records.UploadPart(bucket.name(), u.uploadId(), p))));
        List<Map.Entry<String, Bucket.CompletedUpload>> completed;
        synchronized (bucket.completedUploads()) {
            completed = new ArrayList<>(bucket.completedUploads().entrySet());
        }
        Stream<Object> done = completed.stream()
                .map(e -> new S3Records.UploadEnded(bucket.name(), e.getKey(), e.getValue(), null));
        return Stream.of(settings, keys, uploads, done).flatMap(s -> s);
    }

    @Override
    public void clear() {
        buckets.clear();
    }
}
