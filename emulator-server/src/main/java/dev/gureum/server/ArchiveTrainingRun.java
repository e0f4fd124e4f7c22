package dev.gureum.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run the build records the class-data-sharing archive from ({@code gureum.jsa} beside the jar, which
 * the {@code gureum} launcher passes to the JVM): the command's own way to {@code Ready.}, then one request
 * of each kind a client starts with, so that the classes they load are in the archive too. The JVM writes
 * the archive when this run exits ({@code -XX:ArchiveClassesAtExit}); an archive only fits the JVM that
 * recorded it, which this run names in {@code gureum.jvm}.
 */
public final class ArchiveTrainingRun {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/x-amz-json-1.0";
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/%s/aws4_request, "
            + "SignedHeaders=host, Signature=0000";

    /** Connections the workload uses at once: enough that the server's IO and worker threads all take part. */
    private static final int WORKLOAD_CONNECTIONS = 8;

    private ArchiveTrainingRun() {
    }

    /**
     * @param args where to write the real path of this JVM's {@code java}, which the launcher compares with its own
     *             ({@code -} for nowhere); then, optionally, {@code --workload SCALE}: after the requests, the load of
     *             {@link TrainingWorkload} at that scale, for an AOT cache that records how the request paths are used
     */
    public static void main(String[] args) throws IOException {
        double scale = args.length > 2 && args[1].equals("--workload") ? Double.parseDouble(args[2]) : 0;
        if (args.length > 0 && !args[0].equals("-")) {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
            Files.writeString(Path.of(args[0]), java + System.lineSeparator());
        }
        // a data directory of its own, and options that no GUREUM_* variable of the build's environment changes
        Path data = Files.createTempDirectory("gureum-training-");
        GureumCommand.onStarted = server -> {
            List<String> failed = exercise(server.endpoint());
            if (!failed.isEmpty()) {
                System.err.println("requests that did not succeed: " + failed);
            }
            if (scale > 0) {
                try {
                    int failures = new TrainingWorkload(server.endpoint()).run(scale, WORKLOAD_CONNECTIONS);
                    if (failures > 0) {
                        System.err.println("workload requests that did not succeed: " + failures);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            server.close();
            deleteRecursively(data);
        };
        Main.main(new String[] {"--port", "0", "--host", "127.0.0.1", "--services", "all", "--no-verify-signatures",
                "--data-dir", data.toString()});
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind does not spoil the archive
        }
    }

    /** Sends the requests; answers those that did not succeed. */
    static List<String> exercise(URI endpoint) {
        List<String> failed = new ArrayList<>();
        call(failed, endpoint, "GET", "/_gureum/health", null, null, null, null);
        call(failed, endpoint, "POST", "/", FORM, "sts", null, "Action=GetCallerIdentity&Version=2011-06-15");
        call(failed, endpoint, "PUT", "/training-bucket", null, "s3", null, null);
        call(failed, endpoint, "PUT", "/training-bucket/key", "text/plain", "s3", null, "an object");
        call(failed, endpoint, "GET", "/training-bucket/key", null, "s3", null, null);
        call(failed, endpoint, "GET", "/", null, "s3", null, null);
        call(failed, endpoint, "POST", "/", JSON, "sqs", "AmazonSQS.CreateQueue", "{\"QueueName\":\"training\"}");
        String queueUrl = endpoint + "/000000000000/training";
        call(failed, endpoint, "POST", "/", JSON, "sqs", "AmazonSQS.SendMessage",
                "{\"QueueUrl\":\"" + queueUrl + "\",\"MessageBody\":\"a message\"}");
        call(failed, endpoint, "POST", "/", JSON, "sqs", "AmazonSQS.ReceiveMessage",
                "{\"QueueUrl\":\"" + queueUrl + "\",\"MaxNumberOfMessages\":10}");
        call(failed, endpoint, "POST", "/", FORM, "sns", null, "Action=CreateTopic&Name=training&Version=2010-03-31");
        call(failed, endpoint, "POST", "/", FORM, "ec2", null, "Action=DescribeRegions&Version=2016-11-15");
        call(failed, endpoint, "GET", "/2015-03-31/functions/", null, "lambda", null, null);
        return failed;
    }

    private static void call(List<String> failed, URI endpoint, String method, String path, String contentType,
                             String signingName, String target, String body) {
        String name = method + " " + path + (target != null ? " " + target : body != null && contentType.equals(FORM)
                ? " " + body : "");
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
            c.setRequestMethod(method);
            if (signingName != null) {
                c.setRequestProperty("Authorization", String.format(AUTH, signingName));
            }
            if (target != null) {
                c.setRequestProperty("X-Amz-Target", target);
            }
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", contentType);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            if (status >= 300) {
                failed.add(name + ": " + status);
            }
        } catch (IOException e) {
            failed.add(name + ": " + e);
        }
    }
}
