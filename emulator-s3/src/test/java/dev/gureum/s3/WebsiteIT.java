package dev.gureum.s3;

import dev.gureum.core.testing.EmbeddedFrontEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Protocol;
import software.amazon.awssdk.services.s3.model.RoutingRule;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.gureum.s3.S3Clients.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

/** Buckets served as websites, as a browser sees them: index and error documents, 403s, redirects. */
class WebsiteIT {

    private static EmbeddedFrontEnd server;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        server = new EmbeddedFrontEnd(new S3Module());
        s3 = S3Clients.client(server);
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    private static void put(String bucket, String key, String body) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("text/html"), RequestBody.fromString(body));
    }

    /** Anyone may read the objects and list the bucket, as a public site's policy usually says. */
    private static void publicRead(String bucket) {
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":\"*\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":["
                + "\"arn:aws:s3:::" + bucket + "/*\",\"arn:aws:s3:::" + bucket + "\"]}]}"));
    }

    /** Anyone may read the objects, but not list the bucket. */
    private static void publicGetOnly(String bucket) {
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + bucket
                + "/*\"}]}"));
    }

    private static String site(String hint) {
        String bucket = bucketName(hint);
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w
                .indexDocument(i -> i.suffix("index.html")).errorDocument(e -> e.key("error.html"))));
        return bucket;
    }

    /** GET through the path form of the website endpoint. */
    private static HttpResponse<String> get(String bucket, String path) throws Exception {
        return RawS3.sendText(server.endpoint(), "GET", "/_gureum/s3-website/" + bucket + path, Map.of(), null);
    }

    /** GET through a website host name, as a browser sends it. */
    private static String getByHost(String host, String path) throws Exception {
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + server.port()
                + "\r\nConnection: close\r\n\r\n";
        return RawS3.exchange(server.port(), request.getBytes(StandardCharsets.US_ASCII), false);
    }

    @Test
    void indexAndErrorDocumentsAreServed() throws Exception {
        String bucket = site("site");
        publicRead(bucket);
        put(bucket, "index.html", "<p>home</p>");
        put(bucket, "docs/index.html", "<p>docs</p>");
        put(bucket, "error.html", "<p>oops</p>");

        String home = getByHost(bucket + ".s3-website-us-east-1.localhost.localstack.cloud", "/");
        assertThat(home).startsWith("HTTP/1.1 200").contains("<p>home</p>").containsIgnoringCase("Content-Type: text/html");
        assertThat(getByHost(bucket + ".s3-website.eu-west-1.localhost.localstack.cloud", "/docs/"))
                .startsWith("HTTP/1.1 200").contains("<p>docs</p>");

        HttpResponse<String> folder = get(bucket, "/docs");
        assertThat(folder.statusCode()).isEqualTo(302);
        assertThat(folder.headers().firstValue("Location")).hasValue("/docs/");

        HttpResponse<String> missing = get(bucket, "/nowhere.html");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("<p>oops</p>");
    }

    @Test
    void privateObjectsAndMissingThingsAnswerHtmlErrors() throws Exception {
        String bucket = site("private");
        put(bucket, "index.html", "secret");

        HttpResponse<String> denied = get(bucket, "/");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(denied.body()).contains("<title>403 Forbidden</title>", "<li>Code: AccessDenied</li>",
                "<li>Message: Access Denied</li>",
                "An Error Occurred While Attempting to Retrieve a Custom Error Document");

        String plain = bucketName("nosite");
        s3.createBucket(b -> b.bucket(plain));
        HttpResponse<String> noWebsite = get(plain, "/");
        assertThat(noWebsite.statusCode()).isEqualTo(404);
        assertThat(noWebsite.body()).contains("<li>Code: NoSuchWebsiteConfiguration</li>", "<li>BucketName: " + plain + "</li>");
        assertThat(get("no-such-bucket-at-all", "/").body()).contains("<li>Code: NoSuchBucket</li>");

        // readable, but missing, with no error document
        String open = bucketName("open");
        s3.createBucket(b -> b.bucket(open));
        s3.putBucketWebsite(b -> b.bucket(open).websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
        s3.putBucketPolicy(b -> b.bucket(open).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
                + "\"Allow\",\"Principal\":\"*\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":["
                + "\"arn:aws:s3:::" + open + "/*\",\"arn:aws:s3:::" + open + "\"]}]}"));
        HttpResponse<String> notFound = get(open, "/gone.html");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).contains("<title>404 Not Found</title>", "<li>Code: NoSuchKey</li>",
                "<li>Key: gone.html</li>");
    }

    @Test
    void aMissingKeyIsForbiddenToThoseWhoMayNotListTheBucket() throws Exception {
        String bucket = site("get-only");
        publicGetOnly(bucket);
        put(bucket, "index.html", "<p>home</p>");
        put(bucket, "error.html", "<p>oops</p>");

        assertThat(get(bucket, "/").statusCode()).isEqualTo(200);
        // S3 answers 403 rather than say that the key does not exist; the error document comes with it
        HttpResponse<String> missing = get(bucket, "/nowhere.html");
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).isEqualTo("<p>oops</p>");
    }

    @Test
    void redirects() throws Exception {
        String all = bucketName("redirect-all");
        s3.createBucket(b -> b.bucket(all));
        s3.putBucketWebsite(b -> b.bucket(all).websiteConfiguration(w -> w
                .redirectAllRequestsTo(r -> r.hostName("example.com").protocol(Protocol.HTTPS))));
        HttpResponse<String> moved = get(all, "/a/b.html");
        assertThat(moved.statusCode()).isEqualTo(301);
        assertThat(moved.headers().firstValue("Location")).hasValue("https://example.com/a/b.html");

        String bucket = site("rules");
        publicRead(bucket);
        s3.putBucketWebsite(b -> b.bucket(bucket).websiteConfiguration(w -> w
                .indexDocument(i -> i.suffix("index.html"))
                .routingRules(RoutingRule.builder().condition(c -> c.keyPrefixEquals("docs/"))
                                .redirect(r -> r.replaceKeyPrefixWith("documents/")).build(),
                        RoutingRule.builder().condition(c -> c.httpErrorCodeReturnedEquals("404"))
                                .redirect(r -> r.hostName("fallback.example").httpRedirectCode("302")
                                        .replaceKeyWith("not-found.html")).build())));
        s3.putObject(b -> b.bucket(bucket).key("old.html").websiteRedirectLocation("/new.html"),
                RequestBody.fromString("old"));

        String host = bucket + ".s3-website-us-east-1.localhost.localstack.cloud";
        assertThat(getByHost(host, "/docs/guide.html")).startsWith("HTTP/1.1 301")
                .contains("Location: http://" + host + ":" + server.port() + "/documents/guide.html");
        HttpResponse<String> fallback = get(bucket, "/missing.html");
        assertThat(fallback.statusCode()).isEqualTo(302);
        assertThat(fallback.headers().firstValue("Location")).hasValue("http://fallback.example/not-found.html");
        HttpResponse<String> redirected = get(bucket, "/old.html");
        assertThat(redirected.statusCode()).isEqualTo(301);
        assertThat(redirected.headers().firstValue("Location")).hasValue("/new.html");
    }
}
