package dev.gureum.s3.domain;

import java.time.Clock;

/**
 * Buckets and the rules of their life: the region a new bucket is created in, names taken by other
 * accounts, who may set ACLs, configurations that need versioning, and what a bucket must be to be
 * deleted.
 */
public final class Buckets {

    private final BucketStore store;
    private final MultipartUploads uploads;
    private final Clock clock;

    public Buckets(BucketStore store, MultipartUploads uploads, Clock clock) {
        this.store = store;
        this.uploads = uploads;
        this.clock = clock;
    }

    /** @throws BucketRefusal {@code NO_SUCH_BUCKET} */
    public Bucket existing(String name) {
        Bucket bucket = store.get(name);
        if (bucket == null) {
            throw new BucketRefusal(BucketRefusal.Reason.NO_SUCH_BUCKET, name, "No bucket " + name);
        }
        return bucket;
    }

    /**
     * The region a CreateBucket makes the bucket in. The us-east-1 endpoint creates anywhere (its own
     * region without a constraint, and never with the constraint {@code us-east-1}); a regional
     * endpoint only in its region, named as the constraint.
     *
     * @param requestRegion the region of the endpoint the request was sent to
     * @param constraint    the location constraint, or {@code null}
     * @throws BucketRefusal {@code INVALID_LOCATION_CONSTRAINT}, {@code LOCATION_CONSTRAINT_INCOMPATIBLE}
     */
    public static String region(String requestRegion, String constraint) {
        String region;
        if (requestRegion.equals("us-east-1")) {
            if ("us-east-1".equals(constraint)) {
                throw new BucketRefusal(BucketRefusal.Reason.INVALID_LOCATION_CONSTRAINT, null, constraint,
                        "us-east-1 is no location constraint");
            }
            region = constraint == null ? "us-east-1" : constraint;
        } else if (constraint == null || !constraint.equals(requestRegion)) {
            throw new BucketRefusal(BucketRefusal.Reason.LOCATION_CONSTRAINT_INCOMPATIBLE, null, constraint,
                    "Constraint " + constraint + " on the endpoint of " + requestRegion);
        } else {
            region = constraint;
        }
        if (!region.matches("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+") && !region.equals("EU")) {
            throw new BucketRefusal(BucketRefusal.Reason.INVALID_LOCATION_CONSTRAINT, null, region,
                    "No region " + region);
        }
        // EU is the legacy name of eu-west-1
        return region.equals("EU") ? "eu-west-1" : region;
    }

    /**
     * Whether a write that sets an ACL (PutObject, CopyObject, CreateMultipartUpload, a POST form) is
     * refused by the bucket: with ACLs disabled (object ownership {@code BucketOwnerEnforced}, the
     * default) it may name no ACL or the bucket owner's full control only, as S3 documents: the
     * {@code bucket-owner-full-control} canned ACL, or {@code private} when the bucket's owner writes
     * (the same grant); any other fails, another account's {@code private} included.
     *
     * @param canned the canned ACL asked for, or {@code null}
     * @param grants whether the request grants explicitly (grant headers or an ACL document)
     * @param writer the account writing
     * @throws BucketRefusal {@code ACLS_DISABLED}
     */
    public static void refuseDisabledAcls(Bucket bucket, String canned, boolean grants, String writer) {
        String name = canned == null ? null : canned.trim();
        boolean bucketOwnerFull = !grants && (name == null || name.equals("bucket-owner-full-control")
                || name.equals("private") && bucket.ownerAccount().equals(writer));
        if (!bucketOwnerFull && aclsDisabled(bucket.configurations().getOrDefault("ownershipControls", ""))) {
            throw new BucketRefusal(BucketRefusal.Reason.ACLS_DISABLED, bucket.name(), "ACLs are disabled");
        }
    }

    /**
     * Whether PutBucketAcl or PutObjectAcl is refused by the bucket: with ACLs disabled every request to
     * set or update an ACL fails, whatever ACL it names.
     *
     * @throws BucketRefusal {@code ACLS_DISABLED}
     */
    public static void refuseAclChange(Bucket bucket) {
        if (aclsDisabled(bucket.configurations().getOrDefault("ownershipControls", ""))) {
            throw new BucketRefusal(BucketRefusal.Reason.ACLS_DISABLED, bucket.name(), "ACLs are disabled");
        }
    }

    private static boolean ownerOnly(String canned, boolean grants) {
        return !grants && (canned == null || canned.equals("private") || canned.equals("bucket-owner-full-control"));
    }

    private static boolean aclsDisabled(String ownershipControls) {
        return ownershipControls.contains("BucketOwnerEnforced");
    }

    /**
     * Creates a bucket, or answers as S3 does when the name is taken: the owner re-creating a bucket
     * in us-east-1 from us-east-1 gets it again (for legacy clients), anyone else a refusal.
     *
     * @param ownershipControls the bucket's ownership controls document
     * @param canned            the canned ACL asked for, or {@code null}
     * @param grants            whether the request grants explicitly
     * @param objectLock        the Object Lock configuration of a bucket created with Object Lock (and so
     *                          versioning) enabled, or {@code null}
     * @throws BucketRefusal {@code ACLS_WITH_ENFORCED_OWNERSHIP}, {@code BUCKET_ALREADY_EXISTS},
     *                       {@code BUCKET_ALREADY_OWNED_BY_YOU}
     */
    public Bucket create(String name, String account, String requestRegion, String region, String ownershipControls,
                         String canned, boolean grants, java.util.function.Supplier<Acl> acl, String objectLock) {
        Bucket created = new Bucket(name, account, region, clock.instant());
        created.configurations().put("ownershipControls", ownershipControls);
        if (!ownerOnly(canned, grants) && aclsDisabled(ownershipControls)) {
            throw new BucketRefusal(BucketRefusal.Reason.ACLS_WITH_ENFORCED_OWNERSHIP, name,
                    "ACLs asked for with object ownership BucketOwnerEnforced");
        }
        created.acl(acl.get());
        if (objectLock != null) {
            created.configurations().put("object-lock", objectLock);
            created.versioning(Bucket.Versioning.ENABLED);
        }
        Bucket holder = store.putIfAbsent(created);
        if (holder != created) {
            if (!holder.ownerAccount().equals(account)) {
                throw new BucketRefusal(BucketRefusal.Reason.BUCKET_ALREADY_EXISTS, name, "Taken by another account");
            }
            if (!holder.region().equals("us-east-1") || !requestRegion.equals("us-east-1")) {
                throw new BucketRefusal(BucketRefusal.Reason.BUCKET_ALREADY_OWNED_BY_YOU, name, "Already yours");
            }
        }
        return holder;
    }

    /**
     * Deletes an empty bucket and aborts its uploads in progress.
     *
     * @throws BucketRefusal {@code BUCKET_NOT_EMPTY} while it has objects or versions
     */
    public void delete(Bucket bucket) {
        if (!bucket.isEmpty()) {
            throw new BucketRefusal(BucketRefusal.Reason.BUCKET_NOT_EMPTY, bucket.name(), "Not empty");
        }
        store.remove(bucket.name());
        uploads.abortAll(bucket);
    }

    /**
     * Stores a configuration document of the bucket, for S3's rules on which configurations a bucket
     * may have.
     *
     * @param subresource the configuration's subresource name ({@code cors}, {@code object-lock}...)
     * @throws BucketRefusal {@code OBJECT_LOCK_NEEDS_VERSIONING}, {@code REPLICATION_NEEDS_VERSIONING}
     */
    public static void putConfiguration(Bucket bucket, String subresource, String document) {
        checkConfiguration(bucket, subresource);
        bucket.configurations().put(subresource, document);
    }

    /** Whether the bucket may take a configuration of the subresource, before its document is read further. */
    public static void checkConfiguration(Bucket bucket, String subresource) {
        boolean versioned = bucket.versioning() == Bucket.Versioning.ENABLED;
        if (subresource.equals("object-lock") && !versioned) {
            throw new BucketRefusal(BucketRefusal.Reason.OBJECT_LOCK_NEEDS_VERSIONING, bucket.name(),
                    "Object Lock without versioning");
        }
        if (subresource.equals("replication") && !versioned) {
            throw new BucketRefusal(BucketRefusal.Reason.REPLICATION_NEEDS_VERSIONING, bucket.name(),
                    "Replication without versioning");
        }
    }
}
