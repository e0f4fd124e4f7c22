package dev.gureum.server;

import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledged means durable: a server in a JVM of its own takes S3 objects, SQS messages, SNS
 * publishes (delivered to a queue) and STS credentials from concurrent clients, which record every
 * 2xx; it is killed with SIGKILL at a random moment and started again on the same directory. Every
 * recorded write is there, whole, and nothing is there half (every object is the bytes its key
 * names, every message carries the attributes sent with it). The rounds share the directory, so each
 * also recovers what the earlier ones left.
 */
class CrashRecoveryIT {

    /**
     * The services whose state is checked. A service's writes are made in every round whether or not it
     * is here; once a service keeps its state (it has a journal), the test insists it is listed.
     */
    private static final Set<String> VERIFIED = Set.of("s3", "sqs", "sns", "sts");
    private static final Set<String> WRITTEN = Set.of("s3", "sqs", "sns", "sts");
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 3);
    private static final int WRITERS = 2;

    /** What the clients were told succeeded, across rounds. */
    private final Map<String, Integer> objects = new ConcurrentHashMap<>();
    private final Map<String, List<String>> messages = new ConcurrentHashMap<>();
    private final Map<String, List<String>> publishes = new ConcurrentHashMap<>();
    private final Map<Credentials, String> credentials = new ConcurrentHashMap<>();

    /** An object's bytes follow from its key and size, so that any object found can be checked whole. */
    private static byte[] content(String key, int size) {
        byte[] bytes = new byte[size];
        new Random(key.hashCode()).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKill(@TempDir Path dataDir) throws Exception {
        for (int round = 1; round <= ROUNDS; round++) {
            try (ChildGureum child = ChildGureum.start(dataDir, "--services=" + String.join(",", WRITTEN))) {
                URI endpoint = child.endpoint();
                write(endpoint, round, child);
            }
            try (ChildGureum restarted = ChildGureum.start(dataDir, "--services=" + String.join(",", WRITTEN))) {
                verify(restarted.endpoint(), round, dataDir);
            }
        }
        assertThat(credentials).as("credentials issued before the kills").isNotEmpty();
    }

    /** Writes from every client until the child is killed, at a random moment once writes are flowing. */
    private void write(URI endpoint, int round, ChildGureum child) throws Exception {
        String bucket = "crash-" + round;
        String queue = "crash-" + round;
        String delivered = "crash-delivered-" + round;
        String topicArn;
        String queueUrl;
        try (S3Client s3 = SdkClients.configure(S3Client.builder(), endpoint).build();
             SqsClient sqs = SdkClients.configure(SqsClient.builder(), endpoint).build();
             SnsClient sns = SdkClients.configure(SnsClient.builder(), endpoint).build()) {
            s3.createBucket(b -> b.bucket(bucket));
            queueUrl = sqs.createQueue(q -> q.queueName(queue)).queueUrl();
            String deliveredUrl = sqs.createQueue(q -> q.queueName(delivered)).queueUrl();
            String deliveredArn = sqs.getQueueAttributes(a -> a.queueUrl(deliveredUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            topicArn = sns.createTopic(t -> t.name("crash-" + round)).topicArn();
            sns.subscribe(s -> s.topicArn(topicArn).protocol("sqs").endpoint(deliveredArn)
                    .attributes(Map.of("RawMessageDelivery", "true")));
        }
        List<String> sent = messages.computeIfAbsent(queue, q -> java.util.Collections.synchronizedList(new ArrayList<>()));
        List<String> published = publishes.computeIfAbsent(delivered,
                q -> java.util.Collections.synchronizedList(new ArrayList<>()));
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS * 4);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String writer = round + "-" + w;
            writers.add(pool.submit(() -> untilKilled(killed, () -> {
                try (S3Client s3 = SdkClients.withoutRetries(SdkClients.configure(S3Client.builder(), endpoint)).build()) {
                    for (int n = 0; !killed.get(); n++) {
                        String key = "o-" + writer + "-" + n;
                        int size = ThreadLocalRandom.current().nextInt(0, 64 * 1024);
                        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content(key, size)));
                        objects.put(bucket + "/" + key, size);
                    }
                }
            })));
            writers.add(pool.submit(() -> untilKilled(killed, () -> {
                try (SqsClient sqs = SdkClients.withoutRetries(SdkClients.configure(SqsClient.builder(), endpoint)).build()) {
                    for (int n = 0; !killed.get(); n++) {
                        String body = "m-" + writer + "-" + n;
                        String digest = sha256(body);
                        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(body).messageAttributes(Map.of("digest",
                                MessageAttributeValue.builder().dataType("String").stringValue(digest).build())));
                        sent.add(body);
                    }
                }
            })));
            writers.add(pool.submit(() -> untilKilled(killed, () -> {
                try (SnsClient sns = SdkClients.withoutRetries(SdkClients.configure(SnsClient.builder(), endpoint)).build()) {
                    for (int n = 0; !killed.get(); n++) {
                        String body = "p-" + writer + "-" + n;
                        sns.publish(p -> p.topicArn(topicArn).message(body));
                        published.add(body);
                    }
                }
            })));
            writers.add(pool.submit(() -> untilKilled(killed, () -> {
                try (StsClient sts = SdkClients.withoutRetries(SdkClients.configure(StsClient.builder(), endpoint)).build()) {
                    for (int n = 0; !killed.get(); n++) {
                        String session = "s-" + writer + "-" + n;
                        Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/Crash")
                                .roleSessionName(session)).credentials();
                        credentials.put(c, session);
                    }
                }
            })));
        }
        int objectsBefore = objects.size();
        int credentialsBefore = credentials.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (objects.size() == objectsBefore || sent.isEmpty() || published.isEmpty()
                || credentials.size() == credentialsBefore) {
            assertThat(System.nanoTime()).as("every writer has written").isLessThan(deadline);
            for (Future<?> writer : writers) {
                if (writer.isDone()) {
                    writer.get();
                }
            }
            Thread.sleep(10);
        }
        Thread.sleep(ThreadLocalRandom.current().nextLong(0, 1500));
        child.kill();
        killed.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<?> writer : writers) {
            writer.get();
        }
    }

    private interface Writes {
        void run() throws Exception;
    }

    /** Runs writes until they fail because the server was killed; a failure before that fails the test. */
    private static Void untilKilled(AtomicBoolean killed, Writes writes) throws Exception {
        try {
            writes.run();
        } catch (Exception e) {
            if (!killed.get()) {
                // the kill may land between the flag and the failure: wait for the flag before judging
                Thread.sleep(200);
                if (!killed.get()) {
                    throw e;
                }
            }
        }
        return null;
    }

    private void verify(URI endpoint, int round, Path dataDir) throws Exception {
        for (String service : WRITTEN) {
            if (!VERIFIED.contains(service)) {
                assertThat(dataDir.resolve(service).resolve("journal"))
                        .as(service + " keeps its state now: add it to VERIFIED").doesNotExist();
            }
        }
        if (VERIFIED.contains("s3")) {
            verifyObjects(endpoint);
        }
        if (VERIFIED.contains("sqs")) {
            verifyMessages(endpoint, "crash-" + round, messages.get("crash-" + round), true);
        }
        if (VERIFIED.contains("sns")) {
            verifyMessages(endpoint, "crash-delivered-" + round, publishes.get("crash-delivered-" + round), false);
        }
        if (VERIFIED.contains("sts")) {
            verifyCredentials(endpoint);
        }
    }

    private void verifyObjects(URI endpoint) throws Exception {
        try (S3Client s3 = SdkClients.configure(S3Client.builder(), endpoint).build()) {
            Map<String, Integer> found = new HashMap<>();
            for (var bucket : s3.listBuckets().buckets()) {
                for (S3Object o : s3.listObjectsV2Paginator(l -> l.bucket(bucket.name())).contents()) {
                    found.put(bucket.name() + "/" + o.key(), o.size().intValue());
                }
            }
            assertThat(found).as("every acknowledged object").containsAllEntriesOf(objects);
            for (String path : found.keySet()) {
                int slash = path.indexOf('/');
                byte[] bytes = s3.getObjectAsBytes(g -> g.bucket(path.substring(0, slash)).key(path.substring(slash + 1)))
                        .asByteArray();
                assertThat(bytes).as("object %s is whole", path).isEqualTo(content(path.substring(slash + 1), bytes.length));
                if (objects.containsKey(path)) {
                    assertThat(bytes).hasSize(objects.get(path));
                }
            }
        }
    }

    /** Takes every message of the queue (so later rounds need not see them again) and checks each. */
    private void verifyMessages(URI endpoint, String queue, List<String> acknowledged, boolean withDigest) throws Exception {
        try (SqsClient sqs = SdkClients.configure(SqsClient.builder(), endpoint).build()) {
            String url = sqs.getQueueUrl(q -> q.queueName(queue)).queueUrl();
            List<String> bodies = new ArrayList<>();
            for (int empty = 0; empty < 3; ) {
                List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(600)
                        .messageAttributeNames("All")).messages();
                empty = batch.isEmpty() ? empty + 1 : 0;
                for (Message m : batch) {
                    bodies.add(m.body());
                    if (withDigest) {
                        assertThat(m.messageAttributes().get("digest").stringValue())
                                .as("message %s has its attributes", m.body()).isEqualTo(sha256(m.body()));
                    }
                }
            }
            assertThat(bodies).as("every acknowledged message of " + queue).containsAll(acknowledged);
            assertThat(bodies).as("no message twice").doesNotHaveDuplicates();
        }
    }

    /** Each key acts as the role it was issued for (an unknown key would act as the default account's root). */
    private void verifyCredentials(URI endpoint) throws Exception {
        try (StsClient sts = SdkClients.configure(StsClient.builder(), endpoint).build()) {
            // one SDK call checks the path; the many keys are then asked about with plain requests
            Map.Entry<Credentials, String> first = credentials.entrySet().iterator().next();
            Credentials c = first.getKey();
            try (StsClient as = SdkClients.configure(StsClient.builder(), endpoint).credentialsProvider(
                    StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                            c.sessionToken()))).build()) {
                assertThat(as.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Crash/"
                        + first.getValue());
            }
            assertThat(sts.getCallerIdentity().account()).isEqualTo("000000000000");
        }
        for (Map.Entry<Credentials, String> issued : credentials.entrySet()) {
            String body = RawHttp.post(endpoint, "/", Map.of("Content-Type", "application/x-www-form-urlencoded",
                    "Authorization", RawHttp.authorization(issued.getKey().accessKeyId(), "us-east-1", "sts")),
                    "Action=GetCallerIdentity&Version=2011-06-15").body();
            assertThat(body).as("credentials of %s", issued.getValue())
                    .contains("<Arn>arn:aws:sts::111122223333:assumed-role/Crash/" + issued.getValue() + "</Arn>");
        }
    }
}
