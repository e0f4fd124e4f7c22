package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CompleteMultipartUpload racing AbortMultipartUpload: exactly one of them wins, the other answers
 * NoSuchUpload (404), and neither ever answers 500. Racing DeleteBucket, it never loses its parts while
 * it reads them.
 */
class MultipartRaceIT {

    private static final int ROUNDS = 200;
    private static final byte[] PART = S3Clients.randomBytes(1024 * 1024, 7);
    /** The least a part other than the last may be. */
    private static final byte[] FIVE_MIB = S3Clients.randomBytes(5 * 1024 * 1024, 8);

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.clientWithoutRetries(server);
        bucket = bucketName("race");
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    /** 200 on success, else the S3 status (404 for NoSuchUpload). */
    private static int outcome(Callable<?> call) throws Exception {
        return outcome(call, "NoSuchUpload");
    }

    /** 200 on success, else the S3 status (404 only with one of {@code notFound}). */
    private static int outcome(Callable<?> call, String... notFound) throws Exception {
        try {
            call.call();
            return 200;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                assertThat(e.awsErrorDetails().errorCode()).isIn((Object[]) notFound);
            }
            return e.statusCode();
        }
    }

    @Test
    void completeRacingAbortEitherCompletesOrFindsNoUpload() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int completed = 0;
            java.util.Random random = new java.util.Random(42);
            for (int round = 0; round < ROUNDS; round++) {
                String key = "k" + round;
                String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(1),
                        RequestBody.fromBytes(PART)).eTag();
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> complete = pool.submit(() -> {
                    go.await();
                    return outcome(() -> s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                            .multipartUpload(u -> u.parts(p -> p.partNumber(1).eTag(etag)))));
                });
                // the abort lands anywhere from before the completion starts to the end of its concatenation
                long offsetNanos = random.nextLong(3_000_000);
                Future<Integer> abort = pool.submit(() -> {
                    go.await();
                    java.util.concurrent.locks.LockSupport.parkNanos(offsetNanos);
                    return outcome(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)));
                });
                go.countDown();
                int completeStatus = complete.get();
                int abortStatus = abort.get();
                assertThat(completeStatus).as("CompleteMultipartUpload, round %d", round).isIn(200, 404);
                assertThat(abortStatus).as("AbortMultipartUpload, round %d", round).isIn(200, 404);
                // exactly one wins
                assertThat(completeStatus == 200).as("round %d", round).isNotEqualTo(abortStatus == 200);
                if (completeStatus == 200) {
                    completed++;
                    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(PART);
                } else {
                    assertThat(S3Clients.assertFails(() -> s3.headObject(b -> b.bucket(bucket).key(key)))).isNotNull();
                }
            }
            assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
            // both orders happened, so both sides of the race were exercised
            assertThat(completed).isBetween(1, ROUNDS - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void completeRacingDeleteBucketNeverLosesItsParts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            java.util.Random random = new java.util.Random(7);
            byte[] whole = new byte[2 * FIVE_MIB.length + PART.length];
            System.arraycopy(FIVE_MIB, 0, whole, 0, FIVE_MIB.length);
            System.arraycopy(FIVE_MIB, 0, whole, FIVE_MIB.length, FIVE_MIB.length);
            System.arraycopy(PART, 0, whole, 2 * FIVE_MIB.length, PART.length);
            for (int round = 0; round < 40; round++) {
                String doomed = bucketName("doomed");
                s3.createBucket(b -> b.bucket(doomed));
                String uploadId = s3.createMultipartUpload(b -> b.bucket(doomed).key("k")).uploadId();
                // several parts: the completion reads one while the others wait to be read
                List<CompletedPart> parts = new java.util.ArrayList<>();
                for (int n = 1; n <= 3; n++) {
                    int number = n;
                    String etag = s3.uploadPart(b -> b.bucket(doomed).key("k").uploadId(uploadId).partNumber(number),
                            RequestBody.fromBytes(number < 3 ? FIVE_MIB : PART)).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
                CountDownLatch go = new CountDownLatch(1);
                Future<Integer> complete = pool.submit(() -> {
                    go.await();
                    return outcome(() -> s3.completeMultipartUpload(b -> b.bucket(doomed).key("k").uploadId(uploadId)
                            .multipartUpload(u -> u.parts(parts))), "NoSuchUpload", "NoSuchBucket");
                });
                // the deletion lands anywhere from before the completion starts to the end of its concatenation
                long offsetNanos = random.nextLong(20_000_000);
                Future<Integer> delete = pool.submit(() -> {
                    go.await();
                    java.util.concurrent.locks.LockSupport.parkNanos(offsetNanos);
                    return outcome(() -> s3.deleteBucket(b -> b.bucket(doomed)));
                });
                go.countDown();
                int completeStatus = complete.get();
                int deleteStatus = delete.get();
                // 404: the bucket, or its uploads, went first
                assertThat(completeStatus).as("CompleteMultipartUpload, round %d", round).isIn(200, 404);
                assertThat(deleteStatus).as("DeleteBucket, round %d", round).isIn(200, 409);
                if (deleteStatus == 409) {
                    assertThat(s3.getObjectAsBytes(b -> b.bucket(doomed).key("k")).asByteArray()).isEqualTo(whole);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
