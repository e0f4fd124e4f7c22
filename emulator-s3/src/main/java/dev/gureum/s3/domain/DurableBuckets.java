package dev.gureum.s3.domain;

import dev.gureum.core.persist.Attachments;
import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordTypes;

import dev.gureum.s3.storage.BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    private final BlobStore blobs;
    private final RecordTypes types;
    private final ObjectBodies bodies;

    /** @param blobs where the files named in records are */
    public DurableBuckets(BucketStore buckets, BlobStore blobs) {
        this.buckets = buckets;
        this.blobs = blobs;
        this.types = S3Records.types(blobs.objectsDirectory());
        this.bodies = new ObjectBodies(blobs);
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public RecordTypes recordTypes() {
        return types;
    }

    /** The bodies of versions and parts, which a state file carries with the records that name them. */
    @Override
    public Attachments attachments() {
        return bodies;
    }

    /** Applies a record; one loaded from a state file names the bodies loaded with it where they are kept here. */
    @Override
    public void apply(Object record) {
        applyHere(bodies.relocate(record));
    }

    private void applyHere(Object record) {
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
                k.inline().forEach(this::restore);
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
                if (p.inline() != null) {
                    restore(p.part().blob(), p.inline());
                }
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
                    applyHere(e.result());
                }
            }
        } else {
            throw new IllegalArgumentException("Not an S3 record: " + record.getClass().getName());
        }
    }

    /** A file named by a replayed record is made whole from the bytes the record carries. */
    private void restore(Path blob, S3Records.Inline inline) {
        try {
            blobs.restore(blob, inline.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The state now, for a snapshot: files that were not forced when written are forced first, since the
     * snapshot replaces the records that carried their bytes; so records carry none, but for files
     * written while the snapshot is read.
     */
    @Override
    public Iterable<?> records() {
        synchronized (this) {
            // a load replaces the state holding this monitor: reading the state now, it is over
            bodies.forget();
        }
        blobs.forceWritten();
        return () -> buckets.all().stream().flatMap(this::records).iterator();
    }

    /** A bucket, then each key's versions, each upload in progress with its parts, and the uploads completed lately. */
    private Stream<Object> records(Bucket bucket) {
        Stream<Object> settings = Stream.of(S3Records.settings(bucket));
        Stream<Object> keys = bucket.objects().entrySet().stream()
                .map(e -> S3Records.versions(bucket.name(), e.getKey(), e.getValue(), blobs::inlineBytes));
        Stream<Object> uploads = bucket.uploads().values().stream().flatMap(u -> Stream.concat(
                Stream.of(S3Records.upload(bucket, u)),
                u.parts().values().stream().map(p -> S3Records.part(bucket, u, p, blobs::inlineBytes))));
        List<Map.Entry<String, Bucket.CompletedUpload>> completed;
        synchronized (bucket.completedUploads()) {
            completed = new ArrayList<>(bucket.completedUploads().entrySet());
        }
        Stream<Object> done = completed.stream()
                .map(e -> new S3Records.UploadEnded(bucket.name(), e.getKey(), e.getValue(), null));
        return Stream.of(settings, keys, uploads, done).flatMap(s -> s);
    }

    /**
     * Drops every bucket. Without a data directory the bodies they held go at once; with one they stay
     * until no durable state names them (the next start removes them), since the state that names them
     * is on the disk until the state replacing it is.
     */
    @Override
    public void clear() {
        bodies.forget();
        List<Path> held = blobs.durable() ? List.of() : heldBodies();
        buckets.clear();
        held.forEach(blobs::delete);
    }

    private List<Path> heldBodies() {
        List<Path> held = new ArrayList<>();
        for (Bucket bucket : buckets.all()) {
            synchronized (bucket) {
                bucket.allVersions().forEach(o -> held.add(o.blob()));
            }
            bucket.uploads().values().forEach(u -> u.parts().values().forEach(p -> held.add(p.blob())));
        }
        held.removeIf(java.util.Objects::isNull);
        return held;
    }
}
