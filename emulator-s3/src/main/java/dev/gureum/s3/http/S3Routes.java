package dev.gureum.s3.http;

import io.undertow.util.HttpString;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import static dev.gureum.s3.http.S3Operation.*;

/**
 * Which operation an S3 request makes, as the {@code http} traits of the S3 model lay them out: the
 * method; whether the path names no bucket, a bucket or an object; the query subresource
 * ({@code ?tagging}, {@code ?uploads}, {@code ?uploadId}...); and, for copies, the
 * {@code x-amz-copy-source} header. Built once; resolving a request looks its query parameters up and
 * allocates nothing.
 *
 * <p>When a request carries several subresources, the one listed first for its method wins, as on S3
 * ({@code PUT ?versioning&tagging} is PutBucketVersioning). A parameter that is no subresource is
 * ignored by GET and by object requests (GetObject), and refused as {@code NotImplemented} by bucket
 * PUT and DELETE, which S3 reserves for subresources it may add.
 */
final class S3Routes {

    private static final int SERVICE = 0;
    private static final int BUCKET = 1;
    private static final int OBJECT = 2;

    /**
     * A bucket configuration document (BucketConfigOperations) and its operations; {@code delete} is
     * {@code NotImplemented} for the documents S3 has no DELETE for.
     */
    record Document(String subresource, S3Operation get, S3Operation put, S3Operation delete) {
    }

    /** The configuration documents, in the order in which they win over each other. */
    static final List<Document> DOCUMENTS = List.of(
            new Document("cors", GET_BUCKET_CORS, PUT_BUCKET_CORS, DELETE_BUCKET_CORS),
            new Document("lifecycle", GET_BUCKET_LIFECYCLE_CONFIGURATION, PUT_BUCKET_LIFECYCLE_CONFIGURATION,
                    DELETE_BUCKET_LIFECYCLE),
            new Document("encryption", GET_BUCKET_ENCRYPTION, PUT_BUCKET_ENCRYPTION, DELETE_BUCKET_ENCRYPTION),
            new Document("ownershipControls", GET_BUCKET_OWNERSHIP_CONTROLS, PUT_BUCKET_OWNERSHIP_CONTROLS,
                    DELETE_BUCKET_OWNERSHIP_CONTROLS),
            new Document("publicAccessBlock", GET_PUBLIC_ACCESS_BLOCK, PUT_PUBLIC_ACCESS_BLOCK,
                    DELETE_PUBLIC_ACCESS_BLOCK),
            new Document("website", GET_BUCKET_WEBSITE, PUT_BUCKET_WEBSITE, DELETE_BUCKET_WEBSITE),
            new Document("logging", GET_BUCKET_LOGGING, PUT_BUCKET_LOGGING, NOT_IMPLEMENTED),
            new Document("accelerate", GET_BUCKET_ACCELERATE_CONFIGURATION, PUT_BUCKET_ACCELERATE_CONFIGURATION,
                    NOT_IMPLEMENTED),
            new Document("requestPayment", GET_BUCKET_REQUEST_PAYMENT, PUT_BUCKET_REQUEST_PAYMENT, NOT_IMPLEMENTED),
            new Document("object-lock", GET_OBJECT_LOCK_CONFIGURATION, PUT_OBJECT_LOCK_CONFIGURATION,
                    NOT_IMPLEMENTED),
            new Document("replication", GET_BUCKET_REPLICATION, PUT_BUCKET_REPLICATION, DELETE_BUCKET_REPLICATION),
            new Document("notification", GET_BUCKET_NOTIFICATION_CONFIGURATION,
                    PUT_BUCKET_NOTIFICATION_CONFIGURATION, NOT_IMPLEMENTED));

    private static final HttpString COPY_SOURCE_HEADER = HttpString.tryFromString("x-amz-copy-source");
    private static final Predicate<S3Request> COPY_SOURCE =
            r -> r.exchange().getRequestHeaders().getFirst(COPY_SOURCE_HEADER) != null;

    /** The tables of each method, by level (no bucket, bucket, object). */
    private final Map<String, Table[]> byMethod = new HashMap<>();
    /** Methods S3 has no operation for. */
    private final Table[] otherMethods = {
            new Table().otherwise(NOT_IMPLEMENTED), new Table().otherwise(METHOD_NOT_ALLOWED),
            new Table().otherwise(METHOD_NOT_ALLOWED)};

    S3Routes() {
        Table getBucket = new Table()
                .on("location", GET_BUCKET_LOCATION)
                .on("versioning", GET_BUCKET_VERSIONING)
                .on("tagging", GET_BUCKET_TAGGING)
                .on("policyStatus", GET_BUCKET_POLICY_STATUS)
                .on("policy", GET_BUCKET_POLICY)
                .on("acl", GET_BUCKET_ACL)
                .on("uploads", LIST_MULTIPART_UPLOADS)
                .on("versions", LIST_OBJECT_VERSIONS)
                // with an id, one configuration; without, the list
                .on(Choice.either(LIST_BUCKET_METRICS_CONFIGURATIONS, r -> r.has("id"), GET_BUCKET_METRICS_CONFIGURATION),
                        "metrics")
                .on(Choice.either(LIST_BUCKET_INVENTORY_CONFIGURATIONS, r -> r.has("id"),
                        GET_BUCKET_INVENTORY_CONFIGURATION), "inventory")
                .documents(Document::get)
                .onValue("list-type", "2", LIST_OBJECTS_V2)
                .on(NOT_IMPLEMENTED, "analytics", "intelligent-tiering", "session", "abac",
                        "metadataConfiguration", "metadataTable", "torrent")
                .otherwise(LIST_OBJECTS);
        Table putBucket = new Table()
                .on("versioning", PUT_BUCKET_VERSIONING)
                .on("tagging", PUT_BUCKET_TAGGING)
                .on("policy", PUT_BUCKET_POLICY)
                .on("acl", PUT_BUCKET_ACL)
                .on("metrics", PUT_BUCKET_METRICS_CONFIGURATION)
                .on("inventory", PUT_BUCKET_INVENTORY_CONFIGURATION)
                .documents(Document::put)
                .otherwise(CREATE_BUCKET, NOT_IMPLEMENTED);
        Table deleteBucket = new Table()
                .on("tagging", DELETE_BUCKET_TAGGING)
                .on("policy", DELETE_BUCKET_POLICY)
                .on("metrics", DELETE_BUCKET_METRICS_CONFIGURATION)
                .on("inventory", DELETE_BUCKET_INVENTORY_CONFIGURATION)
                .documents(Document::delete)
                .otherwise(DELETE_BUCKET, NOT_IMPLEMENTED);
        Table postBucket = new Table()
                .on("delete", DELETE_OBJECTS)
                // a browser form upload names no subresource: its multipart/form-data body says what it is
                .otherwise(Choice.either(NOT_IMPLEMENTED, PostObjectOperations::isFormUpload, POST_OBJECT));

        Table getObject = new Table()
                .on("uploadId", LIST_PARTS)
                .on("tagging", GET_OBJECT_TAGGING)
                .on("acl", GET_OBJECT_ACL)
                .on("attributes", GET_OBJECT_ATTRIBUTES)
                .on("retention", GET_OBJECT_RETENTION)
                .on("legal-hold", GET_OBJECT_LEGAL_HOLD)
                .on(GET_OBJECT_TORRENT, "torrent")
                .otherwise(GET_OBJECT);
        Table putObject = new Table()
                // a part is only a part with both its upload and its number
                .on(Choice.copying(UPLOAD_PART, UPLOAD_PART_COPY).requiring("partNumber"), "uploadId")
                .on("tagging", PUT_OBJECT_TAGGING)
                .on("acl", PUT_OBJECT_ACL)
                .on(Choice.copying(PUT_OBJECT_RETENTION, NOT_IMPLEMENTED), "retention")
                .on(Choice.copying(PUT_OBJECT_LEGAL_HOLD, NOT_IMPLEMENTED), "legal-hold")
                .on(Choice.copying(NOT_IMPLEMENTED_UNREAD, NOT_IMPLEMENTED), "renameObject", "encryption")
                .otherwise(Choice.copying(PUT_OBJECT, COPY_OBJECT));
        Table deleteObject = new Table()
                .on("uploadId", ABORT_MULTIPART_UPLOAD)
                .on("tagging", DELETE_OBJECT_TAGGING)
                .otherwise(DELETE_OBJECT);
        Table postObject = new Table()
                .on("uploads", CREATE_MULTIPART_UPLOAD)
                .on("uploadId", COMPLETE_MULTIPART_UPLOAD)
                .onValue("select-type", "2", SELECT_OBJECT_CONTENT)
                .otherwise(NOT_IMPLEMENTED);

        Table listBuckets = new Table().otherwise(LIST_BUCKETS);
        Table notImplemented = new Table().otherwise(NOT_IMPLEMENTED);
        Table preflight = new Table().otherwise(PREFLIGHT_REQUEST);
        // HEAD answers as GET without a body and knows no subresource: HEAD ?acl is HeadObject
        byMethod.put("GET", new Table[] {listBuckets, getBucket, getObject});
        byMethod.put("HEAD", new Table[] {listBuckets, new Table().otherwise(HEAD_BUCKET),
                new Table().otherwise(HEAD_OBJECT)});
        byMethod.put("PUT", new Table[] {notImplemented, putBucket, putObject});
        byMethod.put("DELETE", new Table[] {notImplemented, deleteBucket, deleteObject});
        byMethod.put("POST", new Table[] {notImplemented, postBucket, postObject});
        byMethod.put("OPTIONS", new Table[] {notImplemented, preflight, preflight});
    }

    /** The operation the request makes (never {@code null}: a request that makes none is refused). */
    S3Operation resolve(S3Request request) {
        Table[] tables = byMethod.get(request.method());
        int level = request.bucket() == null ? SERVICE : request.key() == null ? BUCKET : OBJECT;
        return (tables == null ? otherMethods : tables)[level].resolve(request);
    }

    /**
     * One way to an operation: the operation, or {@code alternative} when {@code when} holds of the request;
     * {@code requires} names a parameter the subresource needs beside it, {@code value} the value it must have.
     */
    private record Choice(S3Operation operation, Predicate<S3Request> when, S3Operation alternative, String requires,
                          String value) {

        static Choice of(S3Operation operation) {
            return new Choice(operation, null, null, null, null);
        }

        static Choice either(S3Operation operation, Predicate<S3Request> when, S3Operation alternative) {
            return new Choice(operation, when, alternative, null, null);
        }

        /** {@code operation}, or {@code withCopySource} when the request has an {@code x-amz-copy-source}. */
        static Choice copying(S3Operation operation, S3Operation withCopySource) {
            return either(operation, COPY_SOURCE, withCopySource);
        }

        Choice requiring(String parameter) {
            return new Choice(operation, when, alternative, parameter, value);
        }

        boolean applies(String subresource, S3Request request) {
            return (requires == null || request.has(requires))
                    && (value == null || value.equals(request.param(subresource)));
        }

        S3Operation pick(S3Request request) {
            return when != null && when.test(request) ? alternative : operation;
        }
    }

    private record Ranked(int rank, Choice choice) {
    }

    /** The operations of one method at one level, by subresource, in the order in which they win. */
    private static final class Table {
        private final Map<String, Ranked> subresources = new HashMap<>();
        private int ranks;
        /** No subresource in the query. */
        private Choice plain;
        /** Query parameters, none of them a subresource of this table. */
        private Choice other;

        Table on(String subresource, S3Operation operation) {
            return on(Choice.of(operation), subresource);
        }

        Table onValue(String parameter, String value, S3Operation operation) {
            return on(new Choice(operation, null, null, null, value), parameter);
        }

        Table on(S3Operation operation, String... subresources) {
            return on(Choice.of(operation), subresources);
        }

        /** Subresources of the same rank that lead to the same choice. */
        Table on(Choice choice, String... names) {
            Ranked ranked = new Ranked(ranks++, choice);
            for (String name : names) {
                subresources.put(name, ranked);
            }
            return this;
        }

        /** The configuration documents, with their operation of the method. */
        Table documents(Function<Document, S3Operation> operation) {
            for (Document document : DOCUMENTS) {
                on(document.subresource(), operation.apply(document));
            }
            return this;
        }

        Table otherwise(S3Operation operation) {
            return otherwise(Choice.of(operation));
        }

        Table otherwise(S3Operation withoutQuery, S3Operation withQuery) {
            this.plain = Choice.of(withoutQuery);
            this.other = Choice.of(withQuery);
            return this;
        }

        Table otherwise(Choice choice) {
            this.plain = choice;
            this.other = choice;
            return this;
        }

        S3Operation resolve(S3Request request) {
            Map<String, List<String>> query = request.query();
            if (query.isEmpty()) {
                return plain.pick(request);
            }
            Ranked best = null;
            if (!subresources.isEmpty()) {
                for (String name : query.keySet()) {
                    Ranked candidate = subresources.get(name);
                    if (candidate != null && (best == null || candidate.rank < best.rank)
                            && candidate.choice.applies(name, request)) {
                        best = candidate;
                    }
                }
            }
            return (best == null ? other : best.choice).pick(request);
        }
    }
}
