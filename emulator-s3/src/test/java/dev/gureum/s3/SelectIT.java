package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CSVInput;
import software.amazon.awssdk.services.s3.model.CSVOutput;
import software.amazon.awssdk.services.s3.model.CompressionType;
import software.amazon.awssdk.services.s3.model.ExpressionType;
import software.amazon.awssdk.services.s3.model.FileHeaderInfo;
import software.amazon.awssdk.services.s3.model.InputSerialization;
import software.amazon.awssdk.services.s3.model.JSONInput;
import software.amazon.awssdk.services.s3.model.JSONOutput;
import software.amazon.awssdk.services.s3.model.JSONType;
import software.amazon.awssdk.services.s3.model.OutputSerialization;
import software.amazon.awssdk.services.s3.model.ParquetInput;
import software.amazon.awssdk.services.s3.model.ProgressEvent;
import software.amazon.awssdk.services.s3.model.RecordsEvent;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ScanRange;
import software.amazon.awssdk.services.s3.model.SelectObjectContentEventStream;
import software.amazon.awssdk.services.s3.model.SelectObjectContentRequest;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponse;
import software.amazon.awssdk.services.s3.model.SelectObjectContentResponseHandler;
import software.amazon.awssdk.services.s3.model.StatsEvent;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** SelectObjectContent through the Java SDK's event-stream handler: CSV, JSON, gzip, aggregates, errors. */
class SelectIT {

    private static final String PEOPLE = """
            name,age,city
            Alice,34,Seoul
            Bob,27,Busan
            Carol,45,Seoul
            """;

    private static EmbeddedFrontEnd server;
    private static S3Client s3;
    private static S3AsyncClient async;
    private static String bucket;

    @BeforeAll
    static void start() throws Exception {
        server = new EmbeddedFrontEnd(new MutableClock(Instant.parse("2026-03-01T09:00:00Z")), new S3Module());
        s3 = S3Clients.client(server);
        async = SdkClients.configure(S3AsyncClient.builder(), server.endpoint()).build();
        bucket = bucketName("select");
        s3.createBucket(b -> b.bucket(bucket));
        put("people.csv", PEOPLE.getBytes(StandardCharsets.UTF_8));
        put("people.csv.gz", gzip(PEOPLE));
        put("people.jsonl", """
                {"name": "Alice", "age": 34, "address": {"city": "Seoul"}, "pets": ["cat"]}
                {"name": "Bob", "age": 27, "address": {"city": "Busan"}, "pets": []}
                """.getBytes(StandardCharsets.UTF_8));
        put("doc.json", """
                {"team": "blue", "members": [
                  {"name": "Alice", "level": 3},
                  {"name": "Bob", "level": 1}
                ]}
                """.getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        async.close();
        s3.close();
        server.close();
    }

    private static void put(String key, byte[] body) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** What the handler saw: the records' text and every event in order. */
    record Result(String records, List<SelectObjectContentEventStream> events) {
        StatsEvent stats() {
            return (StatsEvent) events.stream().filter(e -> e instanceof StatsEvent).findFirst().orElseThrow();
        }
    }

    private static Result select(String key, String sql, Consumer<SelectObjectContentRequest.Builder> more) {
        StringBuilder records = new StringBuilder();
        List<SelectObjectContentEventStream> events = new ArrayList<>();
        SelectObjectContentResponseHandler handler = SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords(r -> records.append(r.payload().asUtf8String()))
                        .onDefault(e -> {
                        })
                        .build())
                .build();
        SelectObjectContentResponseHandler recording = new SelectObjectContentResponseHandler() {
            @Override
            public void responseReceived(SelectObjectContentResponse response) {
            }

            @Override
            public void onEventStream(software.amazon.awssdk.core.async.SdkPublisher<SelectObjectContentEventStream> publisher) {
                handler.onEventStream(publisher.map(e -> {
                    synchronized (events) {
                        events.add(e);
                    }
                    return e;
                }));
            }

            @Override
            public void exceptionOccurred(Throwable throwable) {
            }

            @Override
            public void complete() {
            }
        };
        SelectObjectContentRequest.Builder request = SelectObjectContentRequest.builder().bucket(bucket).key(key)
                .expression(sql).expressionType(ExpressionType.SQL)
                .inputSerialization(i -> i.csv(c -> c.fileHeaderInfo(FileHeaderInfo.USE)))
                .outputSerialization(o -> o.csv(CSVOutput.builder().build()));
        more.accept(request);
        async.selectObjectContent(request.build(), recording).join();
        return new Result(records.toString(), events);
    }

    private static Result select(String key, String sql) {
        return select(key, sql, r -> {
        });
    }

    @Test
    void csvWithHeader() {
        Result result = select("people.csv", "SELECT s.name, s.age FROM S3Object s WHERE s.city = 'Seoul'");
        assertThat(result.records()).isEqualTo("Alice,34\nCarol,45\n");
        assertThat(result.events().get(result.events().size() - 1).sdkEventType())
                .isEqualTo(SelectObjectContentEventStream.EventType.END);
        assertThat(result.stats().details().bytesScanned()).isEqualTo(PEOPLE.length());
        assertThat(result.stats().details().bytesProcessed()).isEqualTo(PEOPLE.length());
        assertThat(result.stats().details().bytesReturned()).isEqualTo(18);
    }

    @Test
    void csvWithoutHeader() {
        Result result = select("people.csv", "SELECT s._1, s._3 FROM S3Object s WHERE s._2 > 30",
                r -> r.inputSerialization(i -> i.csv(c -> c.fileHeaderInfo(FileHeaderInfo.NONE))));
        assertThat(result.records()).isEqualTo("Alice,Seoul\nCarol,Seoul\n");
        Result ignored = select("people.csv", "SELECT * FROM S3Object",
                r -> r.inputSerialization(i -> i.csv(c -> c.fileHeaderInfo(FileHeaderInfo.IGNORE)))
                        .outputSerialization(o -> o.json(JSONOutput.builder().build())));
        assertThat(ignored.records()).startsWith("{\"_1\":\"Alice\",\"_2\":\"34\",\"_3\":\"Seoul\"}\n").hasLineCount(3);
    }

    @Test
    void gzippedCsvCountsCompressedAndProcessedBytes() throws Exception {
        Result result = select("people.csv.gz", "SELECT COUNT(*) FROM S3Object s WHERE CAST(s.age AS INT) >= 30",
                r -> r.inputSerialization(i -> i.csv(c -> c.fileHeaderInfo(FileHeaderInfo.USE))
                        .compressionType(CompressionType.GZIP)));
        assertThat(result.records()).isEqualTo("2\n");
        assertThat(result.stats().details().bytesScanned()).isEqualTo(gzip(PEOPLE).length);
        assertThat(result.stats().details().bytesProcessed()).isEqualTo(PEOPLE.length());
    }

    @Test
    void aggregatesAndLimit() {
        assertThat(select("people.csv", "SELECT COUNT(*), SUM(CAST(s.age AS INT)), MIN(s.age), MAX(s.name), "
                + "AVG(CAST(s.age AS INT)) FROM S3Object s").records()).isEqualTo("3,106,27,Carol,35.33333333333333333333333333333333\n");
        assertThat(select("people.csv", "SELECT s.name FROM S3Object s LIMIT 2").records()).isEqualTo("Alice\nBob\n");
    }

    @Test
    void jsonLinesToJson() {
        Result result = select("people.jsonl", "SELECT s.name, s.address.city AS city, s.pets[0] FROM S3Object s "
                        + "WHERE s.age > 30",
                r -> r.inputSerialization(InputSerialization.builder().json(JSONInput.builder().type(JSONType.LINES)
                        .build()).build()).outputSerialization(o -> o.json(JSONOutput.builder().build())));
        assertThat(result.records()).isEqualTo("{\"name\":\"Alice\",\"city\":\"Seoul\",\"_3\":\"cat\"}\n");
    }

    @Test
    void jsonDocumentWithPathInFrom() {
        Result result = select("doc.json", "SELECT m.name FROM S3Object[*].members[*] m WHERE m.level > 2",
                r -> r.inputSerialization(InputSerialization.builder().json(JSONInput.builder().type(JSONType.DOCUMENT)
                        .build()).build()));
        assertThat(result.records()).isEqualTo("Alice\n");
    }

    @Test
    void progressWhenAsked() {
        Result result = select("people.csv", "SELECT * FROM S3Object s", r -> r.requestProgress(p -> p.enabled(true)));
        ProgressEvent progress = (ProgressEvent) result.events().stream().filter(e -> e instanceof ProgressEvent)
                .findFirst().orElseThrow();
        assertThat(progress.details().bytesScanned()).isEqualTo(PEOPLE.length());
        assertThat(result.events()).filteredOn(e -> e instanceof RecordsEvent).isNotEmpty();
    }

    @Test
    void scanRangeTakesTheRecordsStartingInIt() {
        // "name,age,city\n" is 14 bytes: Alice's record starts at 14, Bob's at 29, Carol's at 42
        Result result = select("people.csv", "SELECT s._1 FROM S3Object s",
                r -> r.inputSerialization(i -> i.csv(c -> c.fileHeaderInfo(FileHeaderInfo.NONE)))
                        .scanRange(ScanRange.builder().start(15L).end(29L).build()));
        assertThat(result.records()).isEqualTo("Bob\n");
    }

    @Test
    void sseCustomerKeyIsNeeded() throws Exception {
        byte[] key = new byte[32];
        key[0] = 7;
        String b64 = Base64.getEncoder().encodeToString(key);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
        s3.putObject(b -> b.bucket(bucket).key("secret.csv").sseCustomerAlgorithm("AES256").sseCustomerKey(b64)
                .sseCustomerKeyMD5(md5), RequestBody.fromString(PEOPLE));
        assertThat(select("secret.csv", "SELECT s.name FROM S3Object s LIMIT 1",
                r -> r.sseCustomerAlgorithm("AES256").sseCustomerKey(b64).sseCustomerKeyMD5(md5)).records())
                .isEqualTo("Alice\n");
        assertError(() -> select("secret.csv", "SELECT * FROM S3Object"), 400, "InvalidRequest");
    }

    @Test
    void refusalsBeforeTheStream() {
        assertError(() -> select("people.csv", "SELECT * FROM S3Object s WHERE"), 400, "ParseExpectedExpression");
        assertError(() -> select("people.csv", "SELEC * FROM S3Object"), 400, "ParseUnexpectedToken");
        assertError(() -> select("people.csv", "SELECT s._0 FROM S3Object s"), 400, "InvalidColumnIndex");
        assertError(() -> select("people.csv", "SELECT CAST(s.name AS INT) FROM S3Object s"), 400, "CastFailed");
        assertError(() -> select("people.csv", "SELECT s.height FROM S3Object s"), 400, "MissingHeaders");
        assertError(() -> select("people.csv", "SELECT * FROM S3Object",
                r -> r.inputSerialization(i -> i.parquet(ParquetInput.builder().build()))), 501, "NotImplemented");
        assertError(() -> select("nope.csv", "SELECT * FROM S3Object"), 404, "NoSuchKey");
        assertError(() -> select("people.csv", "SELECT * FROM S3Object",
                r -> r.inputSerialization(i -> i.csv(CSVInput.builder().build()).compressionType(CompressionType.GZIP))),
                400, "InvalidCompressionFormat");
    }

    @Test
    void refusalAfterRecordsWereSentIsAnErrorEvent() throws Exception {
        StringBuilder numbers = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            numbers.append(i).append('\n');
        }
        numbers.append("not a number\n");
        put("numbers.csv", numbers.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder received = new StringBuilder();
        SelectObjectContentResponseHandler handler = SelectObjectContentResponseHandler.builder()
                .subscriber(SelectObjectContentResponseHandler.Visitor.builder()
                        .onRecords(r -> received.append(r.payload().asUtf8String())).build())
                .build();
        Throwable thrown = catchThrowable(() -> async.selectObjectContent(r -> r.bucket(bucket).key("numbers.csv")
                .expression("SELECT CAST(s._1 AS INT) FROM S3Object s").expressionType(ExpressionType.SQL)
                .inputSerialization(i -> i.csv(c -> c.fileHeaderInfo(FileHeaderInfo.NONE)))
                .outputSerialization(o -> o.csv(CSVOutput.builder().build())), handler).join());
        assertThat(received.toString()).startsWith("0\n1\n2\n");
        // the Java SDK reads no code from an error event (S3 puts it in the :error-code header only)
        assertThat(thrown instanceof CompletionException ? thrown.getCause() : thrown).isInstanceOf(S3Exception.class);

        String body = "<SelectObjectContentRequest xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Expression>SELECT CAST(s._1 AS INT) FROM S3Object s</Expression><ExpressionType>SQL</ExpressionType>"
                + "<InputSerialization><CSV/></InputSerialization><OutputSerialization><CSV/></OutputSerialization>"
                + "</SelectObjectContentRequest>";
        HttpResponse<byte[]> raw = RawS3.send(server.endpoint(), "POST", "/" + bucket + "/numbers.csv?select&select-type=2",
                Map.of("Authorization", RawS3.AUTH), body.getBytes(StandardCharsets.UTF_8));
        assertThat(raw.statusCode()).isEqualTo(200);
        ByteBuffer stream = ByteBuffer.wrap(raw.body());
        Map<String, String> last = Map.of();
        int records = 0;
        while (stream.hasRemaining()) {
            int start = stream.position();
            int total = stream.getInt();
            int headersEnd = stream.getInt() + start + 12;
            stream.getInt();
            Map<String, String> headers = new HashMap<>();
            while (stream.position() < headersEnd) {
                byte[] name = new byte[stream.get()];
                stream.get(name);
                stream.get();
                byte[] value = new byte[stream.getShort()];
                stream.get(value);
                headers.put(new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
            }
            records += "Records".equals(headers.get(":event-type")) ? 1 : 0;
            last = headers;
            stream.position(start + total);
        }
        assertThat(records).isPositive();
        assertThat(last).containsEntry(":message-type", "error").containsEntry(":error-code", "CastFailed");
    }

    /** Request documents the SDKs would not send, answered with S3 Select's codes. */
    @Test
    void refusalsOfTheRequestDocument() throws Exception {
        String csvToCsv = "<InputSerialization><CSV/></InputSerialization><OutputSerialization><CSV/></OutputSerialization>";
        assertRawError("<Expression>SELECT * FROM S3Object</Expression><ExpressionType>SQL</ExpressionType>"
                + "<InputSerialization><CSV><FileHeaderInfo>MAYBE</FileHeaderInfo></CSV></InputSerialization>"
                + "<OutputSerialization><CSV/></OutputSerialization>", "InvalidFileHeaderInfo");
        assertRawError("<ExpressionType>SQL</ExpressionType>" + csvToCsv, "MissingRequiredParameter");
        assertRawError("<Expression>SELECT * FROM S3Object</Expression><ExpressionType>XPATH</ExpressionType>"
                + csvToCsv, "InvalidExpressionType");
        assertRawError("<Expression>SELECT * FROM S3Object</Expression><ExpressionType>SQL</ExpressionType>"
                + "<InputSerialization><CSV/><JSON/></InputSerialization><OutputSerialization><CSV/>"
                + "</OutputSerialization>", "ObjectSerializationConflict");
        assertRawError("<Expression>SELECT * FROM S3Object</Expression><ExpressionType>SQL</ExpressionType>"
                + "<InputSerialization><CSV/><CompressionType>ZIP</CompressionType></InputSerialization>"
                + "<OutputSerialization><CSV/></OutputSerialization>", "InvalidCompressionFormat");
    }

    private static void assertRawError(String members, String code) throws Exception {
        String body = "<SelectObjectContentRequest xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + members
                + "</SelectObjectContentRequest>";
        HttpResponse<byte[]> raw = RawS3.send(server.endpoint(), "POST", "/" + bucket + "/people.csv?select&select-type=2",
                Map.of("Authorization", RawS3.AUTH), body.getBytes(StandardCharsets.UTF_8));
        assertThat(raw.statusCode()).isEqualTo(400);
        assertThat(RawS3.xmlText(new String(raw.body(), StandardCharsets.UTF_8), "Code")).isEqualTo(code);
    }

    private static void assertError(Runnable call, int status, String code) {
        Throwable thrown = catchThrowable(call::run);
        Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(S3Exception.class);
        S3Exception e = (S3Exception) cause;
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    }
}
