package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.XmlWriter;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.protocol.S3Error;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inventory configurations ({@code ?inventory&id=}): put, get, delete and list. Each is kept among the
 * bucket's configuration documents as the client sent it; {@link InventoryReports} writes their reports.
 */
final class InventoryOperations {

    /** Where a configuration is kept among the bucket's documents: this prefix and its Id. */
    static final String KEY_PREFIX = "inventory:";
    private static final String ROOT = "InventoryConfiguration";
    private static final String MALFORMED_XML =
            "The XML you provided was not well-formed or did not validate against our published schema";

    private final S3State state;

    InventoryOperations(S3State state) {
        this.state = state;
    }

    void put(S3Request request) {
        Bucket bucket = state.bucket(request);
        String id = requiredId(request);
        byte[] body = request.smallBody();
        Params config = S3Request.xmlDocument(body, ROOT);
        if (!id.equals(config.string("Id"))) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Configuration Id in the request does not match the Id "
                    + "in the configuration.").detail("ArgumentName", "id").detail("ArgumentValue", id);
        }
        Params destination = config.object("Destination").object("S3BucketDestination");
        String format = destination.string("Format");
        String frequency = config.object("Schedule").string("Frequency");
        String versions = config.string("IncludedObjectVersions");
        if (destination.string("Bucket") == null || format == null || config.string("IsEnabled") == null
                || frequency == null || versions == null || !format.equals("CSV") && !format.equals("ORC")
                && !format.equals("Parquet") || !frequency.equals("Daily") && !frequency.equals("Weekly")
                || !versions.equals("All") && !versions.equals("Current")) {
            throw new AwsException(S3Error.MALFORMED_XML, MALFORMED_XML);
        }
        bucket.configurations().put(KEY_PREFIX + id, withoutDeclaration(new String(body, StandardCharsets.UTF_8)));
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 204);
    }

    void get(S3Request request) {
        Bucket bucket = state.bucket(request);
        String document = find(bucket, requiredId(request));
        S3Responses.document(request, "application/xml",
                (XmlWriter.DECLARATION + document).getBytes(StandardCharsets.UTF_8));
    }

    void delete(S3Request request) {
        Bucket bucket = state.bucket(request);
        String id = requiredId(request);
        find(bucket, id);
        bucket.configurations().remove(KEY_PREFIX + id);
        state.saveBucket(request, bucket);
        S3Responses.empty(request, 204);
    }

    /** Every configuration at once (a bucket holds at most 1,000), in Id order. */
    void list(S3Request request) {
        Bucket bucket = state.bucket(request);
        StringBuilder xml = new StringBuilder(XmlWriter.DECLARATION)
                .append("<ListInventoryConfigurationsResult xmlns=\"").append(S3State.XMLNS).append("\">");
        configurations(bucket).values().forEach(xml::append);
        xml.append("<IsTruncated>false</IsTruncated></ListInventoryConfigurationsResult>");
        S3Responses.document(request, "application/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The bucket's configuration documents, by Id. */
    static Map<String, String> configurations(Bucket bucket) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : bucket.configurations().entrySet()) {
            if (e.getKey().startsWith(KEY_PREFIX)) {
                out.put(e.getKey().substring(KEY_PREFIX.length()), e.getValue());
            }
        }
        return out;
    }

    private static String find(Bucket bucket, String id) {
        String document = bucket.configurations().get(KEY_PREFIX + id);
        if (document == null) {
            throw new AwsException(S3Error.NO_SUCH_CONFIGURATION, "The specified configuration does not exist.");
        }
        return document;
    }

    private static String requiredId(S3Request request) {
        String id = request.param("id");
        if (id == null || id.isEmpty()) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Missing required parameter: id")
                    .detail("ArgumentName", "id");
        }
        return id;
    }

    private static String withoutDeclaration(String document) {
        String text = document.strip();
        if (text.startsWith("<?xml")) {
            text = text.substring(text.indexOf("?>") + 2).strip();
        }
        return text;
    }
}
