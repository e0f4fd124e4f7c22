package dev.gureum.s3.http;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.s3.domain.BucketStore;
import dev.gureum.s3.domain.DurableBuckets;
import dev.gureum.s3.domain.MultipartUpload;
import dev.gureum.s3.domain.S3Records;
import dev.gureum.s3.domain.Buckets;
import dev.gureum.s3.domain.MultipartUploads;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.storage.BlobStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/** What every S3 operation shares: the buckets, the bytes on disk, the clock and settings. */
final class S3State {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(S3State.class);

    static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

    final EmulatorContext context;
    final BucketStore buckets = new BucketStore();
    final BlobStore blobs;
    /**
     * Deletes the files changes released once the changes are durable, off the journal's thread, on one
     * thread of its own that ends when idle (the common pool of a two-core machine would start a thread
     * per deletion).
     */
    private final java.util.concurrent.Executor releasedFiles = releasedFilesExecutor();
    final Clock clock;
    final S3Events events;
    final S3Access access;
    final ObjectStore objects;
    final MultipartUploads uploads;
    final Buckets bucketRules;
    /** Where changes are made durable; every mutating operation answers once its record is. */
    final StateJournal journal;
    /** How long a request body may send nothing before S3 gives up on it ({@code RequestTimeout}). */
    final long requestTimeoutMillis;

    /**
     * The setting of {@code --s3-legacy-defaults}: new buckets get S3's defaults of before 2023 (object
     * ownership {@code ObjectWriter}, so ACLs apply; no default encryption).
     */
    static final String LEGACY_DEFAULTS = "s3.legacy-defaults";
    /** Marks a bucket created without default encryption (with the pre-2023 defaults). */
    static final String NO_DEFAULT_ENCRYPTION = "encryption-default-none";

    final boolean legacyDefaults;

    S3State(EmulatorContext context) {
        this.context = context;
        this.legacyDefaults = Boolean.parseBoolean(context.config().setting(LEGACY_DEFAULTS));
        this.requestTimeoutMillis = dev.gureum.core.http.HttpLimits.from(context.config()).requestTimeoutMillis();
        this.clock = context.clock();
        this.blobs = new BlobStore(context.config().dataDir().resolve("s3"), context.persistence().durable());
        this.events = new S3Events(context);
        this.access = new S3Access(context.accessKeys(), dev.gureum.core.auth.Authorizer.of(context));
        this.objects = new ObjectStore(blobs, clock);
        this.uploads = new MultipartUploads(blobs, clock, objects);
        this.bucketRules = new Buckets(buckets, uploads, clock);
        // the state an earlier run kept is read back first: only then is it known which files are leftovers
        this.journal = context.persistence().open(new DurableBuckets(buckets, blobs));
        if (journal.durable()) {
            SegmentCompaction compaction = new SegmentCompaction(this);
            blobs.segments().onCompactable(compaction::schedule);
        }
    }

    /**
     * Deletes, in the background, the files an earlier run left in the data directory that no object
     * or part of the loaded state points to (after {@code kill -9}: uploads cut short, objects whose
     * state was not kept). Files this run writes are never candidates, so requests need not wait; and it
     * starts once the server serves, so that it does not slow start-up.
     */
    void removeLeftovers() {
        Thread cleaner = new Thread(() -> {
            try {
                int deleted = blobs.removeLeftovers(referencedBlobs());
                if (deleted > 0) {
                    LOG.info("Removed {} files an earlier run left in {}", deleted, context.config().dataDir());
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not remove the files an earlier run left: {}", e.toString());
            }
        }, "gureum-s3-leftovers");
        cleaner.setDaemon(true);
        cleaner.start();
    }

    /** The files the state points to: every version of every object, and every part of uploads in progress. */
    java.util.Set<java.nio.file.Path> referencedBlobs() {
        java.util.Set<java.nio.file.Path> referenced = new java.util.HashSet<>();
        for (Bucket bucket : buckets.all()) {
            synchronized (bucket) {
                bucket.allVersions().forEach(o -> referenced.add(o.blob()));
            }
            bucket.uploads().values().forEach(u -> u.parts().values().forEach(p -> referenced.add(p.blob())));
        }
        referenced.remove(null);
        return referenced;
    }

    /**
     * The bucket, if it exists and the caller may make the request's operation on it (or on its key).
     * DeleteObjects is judged key by key.
     */
    Bucket bucket(S3Request request) {
        Bucket bucket = existing(request.bucket());
        if (!"DeleteObjects".equals(request.context().operation())) {
            access.check(bucket, access.caller(request.context()), S3Access.action(request), request.key(),
                    request.param("versionId"), request);
        }
        checkExpectedOwner(bucket, request.header("x-amz-expected-bucket-owner"));
        return bucket;
    }

    /** The bucket, whoever asks: for callers that judge access themselves. */
    Bucket existing(String name) {
        return bucketRules.existing(name);
    }

    /** A request naming the account it expects to own the bucket fails when another account does. */
    static void checkExpectedOwner(Bucket bucket, String expectedOwner) {
        if (expectedOwner != null && !expectedOwner.trim().equals(bucket.ownerAccount())) {
            throw new AwsException(S3Error.ACCESS_DENIED, "Access Denied");
        }
    }

    /** The account a new object or version belongs to: the caller's, or the bucket owner's for an anonymous writer. */
    static String writer(S3Request request, Bucket bucket) {
        String account = request.context().accountId();
        if (account == null) {
            return bucket.ownerAccount();
        }
        // BucketOwnerPreferred: what another account writes with the bucket-owner-full-control canned ACL
        // belongs to the bucket owner; without it, to the writer
        if ("bucket-owner-full-control".equals(request.header("x-amz-acl"))
                && bucket.configurations().getOrDefault("ownershipControls", "").contains("BucketOwnerPreferred")) {
            return bucket.ownerAccount();
        }
        return account;
    }

    /** Deletes the bytes of versions that are gone. */
    void release(List<S3Object> removed) {
        objects.release(removed);
    }

    /** The owner S3 reports for an object: with {@code BucketOwnerEnforced} the bucket owner owns every object. */
    static String objectOwner(Bucket bucket, dev.gureum.s3.domain.S3Object object) {
        return bucket.configurations().getOrDefault("ownershipControls", "").contains("BucketOwnerEnforced")
                ? bucket.ownerAccount() : object.ownerAccount();
    }

    /**
     * The owner S3 reports for a multipart upload (the object's owner once it is complete): the bucket owner
     * with {@code BucketOwnerEnforced}, else the account that initiated it.
     */
    static String uploadOwner(Bucket bucket, dev.gureum.s3.domain.MultipartUpload upload) {
        return bucket.configurations().getOrDefault("ownershipControls", "").contains("BucketOwnerEnforced")
                ? bucket.ownerAccount() : upload.ownerAccount();
    }

    static Struct owner(String accountId) {
        return Struct.of().put("DisplayName", "gureum-" + accountId).put("ID", canonicalId(accountId));
    }

    /** A 64-hex canonical user id, derived from the account so it is stable. */
    static String canonicalId(String accountId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("gureum-canonical-" + accountId).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the bucket's settings (versioning, ACL, tags, configurations) durable; the answer waits for it. */
    void saveBucket(S3Request request, Bucket bucket) {
        synchronized (bucket) {
            persist(request, bucket, S3Records.settings(bucket));
        }
    }

    void saveBucketDeleted(S3Request request, Bucket bucket) {
        synchronized (bucket) {
            persist(request, null, new S3Records.BucketDeleted(bucket.name()));
        }
    }

    /** Makes every version of the key, as they are now, durable; the answer waits for it. */
    void saveKey(S3Request request, Bucket bucket, String key) {
        // read and appended under the bucket's monitor: the record appended last holds the latest versions
        synchronized (bucket) {
            persist(request, bucket, S3Records.key(bucket, key, blobs::inlineBytes));
        }
    }

    void saveUpload(S3Request request, Bucket bucket, MultipartUpload upload) {
        synchronized (bucket) {
            persist(request, bucket, S3Records.upload(bucket, upload));
        }
    }

    /** Makes a part of an upload in progress durable (nothing once the upload is over). */
    void savePart(S3Request request, Bucket bucket, MultipartUpload upload, int number) {
        synchronized (upload) {
            MultipartUpload.Part part = upload.parts().get(number);
            if (part != null && bucket.uploads().get(upload.uploadId()) == upload) {
                synchronized (bucket) {
                    persist(request, bucket, S3Records.part(bucket, upload, part, blobs::inlineBytes));
                }
            }
        }
    }

    /** Makes every version of the key durable, for a change no request made (lifecycle). */
    void saveKey(Bucket bucket, String key) {
        synchronized (bucket) {
            persist(null, bucket, S3Records.key(bucket, key, blobs::inlineBytes));
        }
    }

    /** An upload aborted by no request (lifecycle). */
    void saveUploadAborted(Bucket bucket, String uploadId) {
        synchronized (bucket) {
            persist(null, bucket, new S3Records.UploadEnded(bucket.name(), uploadId, null, null));
        }
    }

    /** An upload aborted ({@code completed} {@code null}), or completed into the versions of its key. */
    void saveUploadEnded(S3Request request, Bucket bucket, String uploadId, Bucket.CompletedUpload completed) {
        synchronized (bucket) {
            persist(request, bucket, new S3Records.UploadEnded(bucket.name(), uploadId, completed,
                    completed == null ? null : S3Records.key(bucket, completed.key(), blobs::inlineBytes)));
        }
    }

    /**
     * Appends a record of a change already made, holds the answer until it is durable, and deletes the
     * files the change stopped referencing once it is. Records that follow need not carry the bytes of
     * files this one carries once it is durable. A change no request made ({@code request} {@code null})
     * waits for nothing.
     */
    private void persist(S3Request request, Bucket bucket, Object record) {
        List<java.nio.file.Path> released = blobs.takeReleased();
        java.util.Set<java.nio.file.Path> carried = S3Records.carried(record);
        if (bucket != null && buckets.get(bucket.name()) != bucket) {
            // the bucket was deleted meanwhile: its deletion record covers the change; files it released
            // stay until the next start, when no record names them
            blobs.carried(carried);
            return;
        }
        java.util.concurrent.CompletionStage<Void> stage = journal.append(record);
        if (!carried.isEmpty()) {
            stage.thenRun(() -> blobs.carried(carried));
        }
        if (!released.isEmpty()) {
            stage.thenRunAsync(() -> released.forEach(blobs::delete), releasedFiles);
        }
        if (request != null) {
            request.durableAfter(stage);
        }
    }

    private static java.util.concurrent.Executor releasedFilesExecutor() {
        java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(1, 1,
                10, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "gureum-s3-released-files");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    void reset() {
        // the files go once no durable state names them
        journal.reset().thenRun(blobs::clear);
    }
}
