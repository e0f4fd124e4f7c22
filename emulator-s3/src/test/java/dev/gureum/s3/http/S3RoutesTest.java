package dev.gureum.s3.http;

import dev.gureum.core.RequestContext;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class S3RoutesTest {

    private static final S3Routes ROUTES = new S3Routes();

    /** A request line as a client sends it, path style, with headers as {@code name: value}. */
    private static S3Request request(String line, String... headers) {
        String[] parts = line.split(" ", 2);
        String target = parts[1];
        int question = target.indexOf('?');
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setRequestMethod(HttpString.tryFromString(parts[0]));
        exchange.setRequestPath(question < 0 ? target : target.substring(0, question));
        exchange.setQueryString(question < 0 ? "" : target.substring(question + 1));
        exchange.getRequestHeaders().put(HttpString.tryFromString("Host"), "localhost:4566");
        for (String header : headers) {
            int colon = header.indexOf(':');
            exchange.getRequestHeaders().put(HttpString.tryFromString(header.substring(0, colon)),
                    header.substring(colon + 1).trim());
        }
        return S3Service.address(exchange, new RequestContext("req", Clock.systemUTC()));
    }

    private static S3Operation resolve(String line, String... headers) {
        return ROUTES.resolve(request(line, headers));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET /                                          | ListBuckets
            HEAD /                                         | ListBuckets
            PUT /b                                         | CreateBucket
            DELETE /b                                      | DeleteBucket
            HEAD /b                                        | HeadBucket
            GET /b                                         | ListObjects
            GET /b?prefix=a&delimiter=/                    | ListObjects
            GET /b?list-type=2&prefix=a                    | ListObjectsV2
            GET /b?versions                                | ListObjectVersions
            GET /b?metrics                                 | ListBucketMetricsConfigurations
            GET /b?metrics&id=all                          | GetBucketMetricsConfiguration
            PUT /b?metrics&id=all                          | PutBucketMetricsConfiguration
            DELETE /b?metrics&id=all                       | DeleteBucketMetricsConfiguration
            GET /b?uploads                                 | ListMultipartUploads
            GET /b?location                                | GetBucketLocation
            GET /b?versioning                              | GetBucketVersioning
            PUT /b?versioning                              | PutBucketVersioning
            GET /b?tagging                                 | GetBucketTagging
            PUT /b?tagging                                 | PutBucketTagging
            DELETE /b?tagging                              | DeleteBucketTagging
            GET /b?policy                                  | GetBucketPolicy
            PUT /b?policy                                  | PutBucketPolicy
            DELETE /b?policy                               | DeleteBucketPolicy
            GET /b?policyStatus                            | GetBucketPolicyStatus
            GET /b?acl                                     | GetBucketAcl
            PUT /b?acl                                     | PutBucketAcl
            GET /b?cors                                    | GetBucketCors
            PUT /b?cors                                    | PutBucketCors
            DELETE /b?cors                                 | DeleteBucketCors
            GET /b?lifecycle                               | GetBucketLifecycleConfiguration
            PUT /b?lifecycle                               | PutBucketLifecycleConfiguration
            DELETE /b?lifecycle                            | DeleteBucketLifecycle
            GET /b?encryption                              | GetBucketEncryption
            PUT /b?encryption                              | PutBucketEncryption
            DELETE /b?encryption                           | DeleteBucketEncryption
            GET /b?ownershipControls                       | GetBucketOwnershipControls
            PUT /b?ownershipControls                       | PutBucketOwnershipControls
            DELETE /b?ownershipControls                    | DeleteBucketOwnershipControls
            GET /b?publicAccessBlock                       | GetPublicAccessBlock
            PUT /b?publicAccessBlock                       | PutPublicAccessBlock
            DELETE /b?publicAccessBlock                    | DeletePublicAccessBlock
            GET /b?website                                 | GetBucketWebsite
            PUT /b?website                                 | PutBucketWebsite
            DELETE /b?website                              | DeleteBucketWebsite
            GET /b?logging                                 | GetBucketLogging
            PUT /b?logging                                 | PutBucketLogging
            GET /b?accelerate                              | GetBucketAccelerateConfiguration
            PUT /b?accelerate                              | PutBucketAccelerateConfiguration
            GET /b?requestPayment                          | GetBucketRequestPayment
            PUT /b?requestPayment                          | PutBucketRequestPayment
            GET /b?object-lock                             | GetObjectLockConfiguration
            PUT /b?object-lock                             | PutObjectLockConfiguration
            GET /b?replication                             | GetBucketReplication
            PUT /b?replication                             | PutBucketReplication
            DELETE /b?replication                          | DeleteBucketReplication
            GET /b?notification                            | GetBucketNotificationConfiguration
            PUT /b?notification                            | PutBucketNotificationConfiguration
            POST /b?delete                                 | DeleteObjects
            OPTIONS /b                                     | PreflightRequest
            OPTIONS /b/k                                   | PreflightRequest
            GET /b/k                                       | GetObject
            GET /b/k?versionId=v1&response-content-type=a  | GetObject
            GET /b/k?partNumber=1                          | GetObject
            HEAD /b/k                                      | HeadObject
            HEAD /b/k?acl                                  | HeadObject
            HEAD /b/k?uploadId=u                           | HeadObject
            PUT /b/k                                       | PutObject
            DELETE /b/k                                    | DeleteObject
            DELETE /b/k?versionId=v1                       | DeleteObject
            GET /b/k?tagging                               | GetObjectTagging
            PUT /b/k?tagging                               | PutObjectTagging
            DELETE /b/k?tagging                            | DeleteObjectTagging
            GET /b/k?acl                                   | GetObjectAcl
            PUT /b/k?acl                                   | PutObjectAcl
            GET /b/k?attributes                            | GetObjectAttributes
            GET /b/k?torrent                               | GetObjectTorrent
            GET /b?inventory                               | ListBucketInventoryConfigurations
            GET /b?inventory&id=r                          | GetBucketInventoryConfiguration
            PUT /b?inventory&id=r                          | PutBucketInventoryConfiguration
            DELETE /b?inventory&id=r                       | DeleteBucketInventoryConfiguration
            GET /b/k?retention                             | GetObjectRetention
            PUT /b/k?retention                             | PutObjectRetention
            GET /b/k?legal-hold                            | GetObjectLegalHold
            PUT /b/k?legal-hold                            | PutObjectLegalHold
            POST /b/k?uploads                              | CreateMultipartUpload
            PUT /b/k?partNumber=1&uploadId=u               | UploadPart
            PUT /b/k?uploadId=u&partNumber=1&acl           | UploadPart
            POST /b/k?uploadId=u                           | CompleteMultipartUpload
            POST /b/k?select&select-type=2                 | SelectObjectContent
            DELETE /b/k?uploadId=u                         | AbortMultipartUpload
            GET /b/k?uploadId=u                            | ListParts
            """)
    void aRequestMapsToItsOperation(String line, String operation) {
        assertThat(resolve(line.trim()).wireName()).isEqualTo(operation);
    }

    @Test
    void everyOperationHasARepresentativeRequest() throws NoSuchMethodException {
        String cases = S3RoutesTest.class.getDeclaredMethod("aRequestMapsToItsOperation", String.class, String.class)
                .getAnnotation(CsvSource.class).textBlock();
        for (S3Operation operation : S3Operation.values()) {
            // S3 Control's operations are resolved by S3ControlTags (S3ControlTagsTest)
            if (operation.wireName() != null && operation != S3Operation.COPY_OBJECT
                    && operation != S3Operation.UPLOAD_PART_COPY && operation != S3Operation.POST_OBJECT
                    && operation != S3Operation.TAG_RESOURCE && operation != S3Operation.UNTAG_RESOURCE
                    && operation != S3Operation.LIST_TAGS_FOR_RESOURCE) {
                assertThat(cases).as(operation.name()).contains("| " + operation.wireName() + "\n");
            }
        }
    }

    @Test
    void theCopySourceHeaderMakesCopies() {
        assertThat(resolve("PUT /b/k", "x-amz-copy-source: src/k")).isEqualTo(S3Operation.COPY_OBJECT);
        assertThat(resolve("PUT /b/k?versionId=x", "x-amz-copy-source: src/k")).isEqualTo(S3Operation.COPY_OBJECT);
        assertThat(resolve("PUT /b/k?uploadId=u&partNumber=2", "x-amz-copy-source: src/k"))
                .isEqualTo(S3Operation.UPLOAD_PART_COPY);
        // the header means nothing to the subresources
        assertThat(resolve("PUT /b/k?tagging", "x-amz-copy-source: src/k")).isEqualTo(S3Operation.PUT_OBJECT_TAGGING);
    }

    @Test
    void aMultipartFormPostIsPostObject() {
        assertThat(resolve("POST /b", "Content-Type: multipart/form-data; boundary=x")).isEqualTo(S3Operation.POST_OBJECT);
        assertThat(resolve("POST /b?delete", "Content-Type: multipart/form-data; boundary=x"))
                .isEqualTo(S3Operation.DELETE_OBJECTS);
        assertThat(resolve("POST /b", "Content-Type: application/xml")).isEqualTo(S3Operation.NOT_IMPLEMENTED);
    }

    @Test
    void theSubresourceListedFirstWinsWhateverTheOrderOfTheQuery() {
        assertThat(resolve("PUT /b?tagging&versioning")).isEqualTo(S3Operation.PUT_BUCKET_VERSIONING);
        assertThat(resolve("GET /b?cors&location")).isEqualTo(S3Operation.GET_BUCKET_LOCATION);
        assertThat(resolve("GET /b?policyStatus&policy")).isEqualTo(S3Operation.GET_BUCKET_POLICY_STATUS);
        assertThat(resolve("GET /b?notification&lifecycle")).isEqualTo(S3Operation.GET_BUCKET_LIFECYCLE_CONFIGURATION);
        assertThat(resolve("GET /b?list-type=2&versions")).isEqualTo(S3Operation.LIST_OBJECT_VERSIONS);
        assertThat(resolve("GET /b?analytics&list-type=2")).isEqualTo(S3Operation.LIST_OBJECTS_V2);
        assertThat(resolve("GET /b/k?attributes&tagging&uploadId=u")).isEqualTo(S3Operation.LIST_PARTS);
        assertThat(resolve("POST /b/k?uploadId=u&uploads")).isEqualTo(S3Operation.CREATE_MULTIPART_UPLOAD);
        assertThat(resolve("DELETE /b/k?tagging&uploadId=u")).isEqualTo(S3Operation.ABORT_MULTIPART_UPLOAD);
        // a DELETE of a document that has none is refused even when a later document could be deleted
        assertThat(resolve("DELETE /b?replication&logging")).isEqualTo(S3Operation.NOT_IMPLEMENTED);
        assertThat(resolve("DELETE /b?logging&policy")).isEqualTo(S3Operation.DELETE_BUCKET_POLICY);
    }

    @Test
    void aPartNeedsBothItsUploadAndItsNumber() {
        assertThat(resolve("PUT /b/k?uploadId=u")).isEqualTo(S3Operation.PUT_OBJECT);
        assertThat(resolve("PUT /b/k?partNumber=1")).isEqualTo(S3Operation.PUT_OBJECT);
        assertThat(resolve("PUT /b/k?uploadId=u&tagging")).isEqualTo(S3Operation.PUT_OBJECT_TAGGING);
    }

    @Test
    void onlyListTypeTwoIsListObjectsV2() {
        assertThat(resolve("GET /b?list-type=1")).isEqualTo(S3Operation.LIST_OBJECTS);
        assertThat(resolve("GET /b?list-type=1&analytics")).isEqualTo(S3Operation.NOT_IMPLEMENTED);
    }

    @Test
    void unknownParametersAreIgnoredExceptByBucketPutAndDelete() {
        assertThat(resolve("GET /b?foo")).isEqualTo(S3Operation.LIST_OBJECTS);
        assertThat(resolve("GET /b/k?foo")).isEqualTo(S3Operation.GET_OBJECT);
        assertThat(resolve("PUT /b/k?foo")).isEqualTo(S3Operation.PUT_OBJECT);
        assertThat(resolve("DELETE /b/k?foo")).isEqualTo(S3Operation.DELETE_OBJECT);
        assertThat(resolve("HEAD /b?foo")).isEqualTo(S3Operation.HEAD_BUCKET);
        assertThat(resolve("PUT /b?foo")).isEqualTo(S3Operation.NOT_IMPLEMENTED);
        assertThat(resolve("DELETE /b?versioning")).isEqualTo(S3Operation.NOT_IMPLEMENTED);
        assertThat(resolve("POST /b/k")).isEqualTo(S3Operation.NOT_IMPLEMENTED);
        assertThat(resolve("POST /b/k?select&select-type=1")).isEqualTo(S3Operation.NOT_IMPLEMENTED);
    }

    @Test
    void unsupportedSubresourcesAreNotImplemented() {
        for (String line : new String[] {"GET /b?analytics",
                "GET /b?intelligent-tiering", "GET /b?session", "GET /b?abac", "GET /b?metadataConfiguration",
                "GET /b?metadataTable", "GET /b?torrent", "DELETE /b?logging", "DELETE /b?accelerate", "DELETE /b?requestPayment",
                "DELETE /b?object-lock", "DELETE /b?notification", "PUT /", "DELETE /", "POST /", "OPTIONS /",
                "PATCH /"}) {
            assertThat(resolve(line)).as(line).isEqualTo(S3Operation.NOT_IMPLEMENTED);
        }
        // an object upload that names one is refused before its body is read
        for (String subresource : new String[] {"renameObject", "encryption"}) {
            assertThat(resolve("PUT /b/k?" + subresource)).isEqualTo(S3Operation.NOT_IMPLEMENTED_UNREAD);
            assertThat(resolve("PUT /b/k?" + subresource, "x-amz-copy-source: src/k"))
                    .isEqualTo(S3Operation.NOT_IMPLEMENTED);
        }
    }

    @Test
    void objectLockSubresources() {
        assertThat(resolve("GET /b/k?retention")).isEqualTo(S3Operation.GET_OBJECT_RETENTION);
        assertThat(resolve("PUT /b/k?retention")).isEqualTo(S3Operation.PUT_OBJECT_RETENTION);
        assertThat(resolve("GET /b/k?legal-hold")).isEqualTo(S3Operation.GET_OBJECT_LEGAL_HOLD);
        assertThat(resolve("PUT /b/k?legal-hold")).isEqualTo(S3Operation.PUT_OBJECT_LEGAL_HOLD);
        assertThat(resolve("PUT /b/k?retention", "x-amz-copy-source: src/k")).isEqualTo(S3Operation.NOT_IMPLEMENTED);
    }

    @Test
    void otherMethodsAreNotAllowedOnBucketsAndObjects() {
        assertThat(resolve("PATCH /b")).isEqualTo(S3Operation.METHOD_NOT_ALLOWED);
        assertThat(resolve("PATCH /b/k")).isEqualTo(S3Operation.METHOD_NOT_ALLOWED);
        assertThat(resolve("TRACE /b/k?uploads")).isEqualTo(S3Operation.METHOD_NOT_ALLOWED);
    }

    @Test
    void virtualHostedRequestsRouteAsPathStyleOnes() {
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setRequestMethod(HttpString.tryFromString("GET"));
        exchange.setRequestPath("/");
        exchange.setQueryString("uploads");
        exchange.getRequestHeaders().put(HttpString.tryFromString("Host"), "my-bucket.s3.localhost.localstack.cloud:4566");
        S3Request request = S3Service.address(exchange, new RequestContext("req", Clock.systemUTC()));
        assertThat(ROUTES.resolve(request)).isEqualTo(S3Operation.LIST_MULTIPART_UPLOADS);
    }

    @Test
    void objectUploadsStreamTheirBodiesAndEverythingElseReadsItFirst() {
        Set<S3Operation> streaming = EnumSet.noneOf(S3Operation.class);
        for (S3Operation operation : S3Operation.values()) {
            if (operation.streamsBody()) {
                streaming.add(operation);
            }
        }
        assertThat(streaming).containsExactlyInAnyOrder(S3Operation.PUT_OBJECT, S3Operation.UPLOAD_PART,
                S3Operation.POST_OBJECT, S3Operation.NOT_IMPLEMENTED_UNREAD);
    }

    @Test
    void versionedRequestsAreJudgedByTheVersionAction() {
        assertThat(S3Operation.GET_OBJECT.action(false)).isEqualTo("s3:GetObject");
        assertThat(S3Operation.GET_OBJECT.action(true)).isEqualTo("s3:GetObjectVersion");
        assertThat(S3Operation.DELETE_BUCKET_CORS.action(false)).isEqualTo("s3:PutBucketCORS");
        assertThat(S3Operation.LIST_OBJECTS_V2.action(true)).isEqualTo("s3:ListBucket");
    }
}
