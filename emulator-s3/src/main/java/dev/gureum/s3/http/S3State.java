package dev.gureum.s3.http;

import dev.gureum.core.EmulatorContext;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.BucketStore;
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

    static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";

    final EmulatorContext context;
    final BucketStore buckets = new BucketStore();
    final BlobStore blobs;
    final Clock clock;
    final S3Events events;
    /** How long a request body may send nothing before S3 gives up on it ({@code RequestTimeout}). */
    final long requestTimeoutMillis;

    S3State(EmulatorContext context) {
        this.context = context;
        this.requestTimeoutMillis = dev.gureum.core.http.HttpLimits.from(context.config()).requestTimeoutMillis();
        this.clock = context.clock();
        this.blobs = new BlobStore(context.config().dataDir().resolve("s3"));
        this.events = new S3Events(context);
    }

    /** The bucket, if it exists and the caller may use it. */
    Bucket bucket(S3Request request) {
        Bucket bucket = buckets.get(request.bucket());
        if (bucket == null) {
            throw new AwsException(S3Error.NO_SUCH_BUCKET, "The specified bucket does not exist")
                    .detail("BucketName", request.bucket());
        }
        checkAccess(bucket, request);
        checkExpectedOwner(bucket, request.header("x-amz-expected-bucket-owner"));
        return bucket;
    }

    /** A request naming the account it expects to own the bucket fails when another account does. */
    static void checkExpectedOwner(Bucket bucket, String expectedOwner) {
        if (expectedOwner != null && !expectedOwner.trim().equals(bucket.ownerAccount())) {
            throw new AwsException(S3Error.ACCESS_DENIED, "Access Denied");
        }
    }

    /**
     * Another account's bucket is closed to the caller unless its bucket policy names the caller's
     * account or everyone, as a cross-account grant would.
     */
    static void checkAccess(Bucket bucket, S3Request request) {
        String caller = request.context().accountId();
        if (bucket.ownerAccount().equals(caller)) {
            return;
        }
        String policy = bucket.configurations().get("policy");
        if (policy != null && (policy.contains(caller) || policy.contains("\"*\""))) {
            return;
        }
        throw new AwsException(S3Error.ACCESS_DENIED, "Access Denied");
    }

    /** Deletes the bytes of versions that are gone. */
    void release(List<S3Object> removed) {
        for (S3Object o : removed) {
            blobs.delete(o.blob());
        }
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

    void reset() {
        buckets.clear();
        blobs.clear();
    }
}
