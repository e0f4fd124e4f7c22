package dev.gureum.s3.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.id.Arn;
import dev.gureum.core.json.Json;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.XmlDecoder;
import dev.gureum.core.time.Timers;
import dev.gureum.s3.domain.Acl;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.Conditions;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.lock.ObjectLock;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Inventory reports, written at midnight (UTC) of the server clock: every day for {@code Daily}
 * configurations, on Sundays for {@code Weekly} ones. A report is a gzipped CSV file of the bucket's
 * objects under the filter's prefix (current versions, or all versions with {@code VersionId},
 * {@code IsLatest} and {@code IsDeleteMarker}), with the optional fields in the order S3 writes them,
 * and its {@code manifest.json} and {@code manifest.checksum}, under
 * {@code <prefix>/<source bucket>/<configuration id>/} in the destination bucket, as S3 lays them out.
 * Only CSV is written: configurations asking for ORC or Parquet are kept but produce no report.
 */
final class InventoryReports {

    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm'Z'")
            .withZone(ZoneOffset.UTC);
    /** The optional fields, in the order S3 writes them after Bucket and Key (and the version fields). */
    private static final List<String> FIELDS = List.of("Size", "LastModifiedDate", "ETag", "StorageClass",
            "IsMultipartUploaded", "ReplicationStatus", "EncryptionStatus", "ObjectLockRetainUntilDate",
            "ObjectLockMode", "ObjectLockLegalHoldStatus", "IntelligentTieringAccessTier", "BucketKeyStatus",
            "ChecksumAlgorithm", "ObjectAccessControlList", "ObjectOwner");

    private final S3State state;
    private volatile Timers.Timer days;

    InventoryReports(S3State state) {
        this.state = state;
    }

    void start(Timers timers) {
        days = timers.every(Duration.ofDays(1), this::run);
    }

    void stop() {
        Timers.Timer timer = days;
        if (timer != null) {
            timer.cancel();
        }
    }

    void run(Instant now) {
        boolean sunday = now.atOffset(ZoneOffset.UTC).getDayOfWeek() == DayOfWeek.SUNDAY;
        for (Bucket bucket : state.buckets.all()) {
            for (Map.Entry<String, String> e : InventoryOperations.configurations(bucket).entrySet()) {
                try {
                    Params config = XmlDecoder.parse(e.getValue().getBytes(StandardCharsets.UTF_8)).root();
                    String frequency = config.object("Schedule").string("Frequency");
                    if ("true".equalsIgnoreCase(config.string("IsEnabled", "").trim())
                            && ("Daily".equals(frequency) || sunday && "Weekly".equals(frequency))) {
                        report(bucket, e.getKey(), config, now);
                    }
                } catch (RuntimeException failed) {
                    // a report that cannot be written (its destination is gone) is skipped, as on S3
                }
            }
        }
    }

    private void report(Bucket source, String id, Params config, Instant now) {
        Params destination = config.object("Destination").object("S3BucketDestination");
        if (!"CSV".equals(destination.string("Format"))) {
            return;
        }
        String arn = destination.string("Bucket").trim();
        Bucket target = state.buckets.get(arn.startsWith("arn:") ? Arn.parse(arn).resource() : arn);
        if (target == null) {
            return;
        }
        String prefix = destination.string("Prefix", "");
        String base = (prefix.isEmpty() ? "" : prefix + (prefix.endsWith("/") ? "" : "/")) + source.name() + "/" + id + "/";
        boolean allVersions = "All".equals(config.string("IncludedObjectVersions"));
        List<String> wanted = new ArrayList<>();
        for (Params field : config.object("OptionalFields").list("Field")) {
            wanted.add(field.asString().trim());
        }
        List<String> fields = FIELDS.stream().filter(wanted::contains).toList();
        String filter = config.object("Filter").string("Prefix", "");

        byte[] csv = gzip(rows(source, filter, allVersions, fields));
        String dataKey = base + "data/" + UUID.randomUUID() + ".csv.gz";
        put(target, dataKey, csv, "application/octet-stream");

        List<String> schema = new ArrayList<>(List.of("Bucket", "Key"));
        if (allVersions) {
            schema.addAll(List.of("VersionId", "IsLatest", "IsDeleteMarker"));
        }
        schema.addAll(fields);
        ObjectNode manifest = Json.mapper().createObjectNode();
        manifest.put("sourceBucket", source.name());
        manifest.put("destinationBucket", target.arn());
        manifest.put("version", "2016-11-30");
        manifest.put("creationTimestamp", String.valueOf(now.toEpochMilli()));
        manifest.put("fileFormat", "CSV");
        manifest.put("fileSchema", String.join(", ", schema));
        ObjectNode file = manifest.putArray("files").addObject();
        file.put("key", dataKey);
        file.put("size", csv.length);
        file.put("MD5checksum", md5(csv));
        byte[] manifestBytes;
        try {
            manifestBytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String folder = base + FOLDER.format(now) + "/";
        put(target, folder + "manifest.json", manifestBytes, "application/json");
        put(target, folder + "manifest.checksum", md5(manifestBytes).getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    private static String rows(Bucket bucket, String prefix, boolean allVersions, List<String> fields) {
        StringBuilder csv = new StringBuilder();
        for (Map.Entry<String, List<S3Object>> entry : bucket.objects().tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            List<S3Object> versions = entry.getValue();
            for (int i = 0; i < versions.size(); i++) {
                S3Object version = versions.get(i);
                if (!allVersions && (i > 0 || version.deleteMarker())) {
                    break;
                }
                List<String> row = new ArrayList<>(List.of(bucket.name(), encode(version.key())));
                if (allVersions) {
                    row.addAll(List.of(version.versionId().equals("null") ? "" : version.versionId(),
                            String.valueOf(i == 0), String.valueOf(version.deleteMarker())));
                }
                for (String field : fields) {
                    row.add(version.deleteMarker() ? "" : value(version, field));
                }
                csv.append('"').append(String.join("\",\"", row)).append("\"\n");
            }
        }
        return csv.toString();
    }

    private static String value(S3Object version, String field) {
        ObjectLock.Retention retention = ObjectLock.retention(version);
        return switch (field) {
            case "Size" -> String.valueOf(version.size());
            case "LastModifiedDate" -> dev.gureum.core.protocol.Values.iso(version.lastModified());
            case "ETag" -> version.etag();
            case "StorageClass" -> version.storageClass();
            case "IsMultipartUploaded" -> String.valueOf(!version.partSizes().isEmpty());
            case "EncryptionStatus" -> encryption(version.headers().get("x-amz-server-side-encryption"));
            case "ObjectLockRetainUntilDate" -> retention == null ? "" : ObjectLock.format(retention.until());
            case "ObjectLockMode" -> retention == null ? "" : retention.mode().name();
            case "ObjectLockLegalHoldStatus" -> ObjectLock.hasLegalHold(version)
                    ? (ObjectLock.legalHold(version) ? "ON" : "OFF") : "";
            case "BucketKeyStatus" -> "true".equals(version.headers()
                    .get("x-amz-server-side-encryption-bucket-key-enabled")) ? "ENABLED" : "DISABLED";
            case "ChecksumAlgorithm" -> String.join(",", version.checksums().keySet());
            case "ObjectOwner" -> S3State.canonicalId(version.ownerAccount());
            default -> "";
        };
    }

    private static String encryption(String algorithm) {
        if (algorithm == null) {
            return "NOT-SSE";
        }
        return algorithm.startsWith("aws:kms") ? "SSE-KMS" : "SSE-S3";
    }

    private static String encode(String key) {
        return java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void put(Bucket target, String key, byte[] bytes, String contentType) {
        ObjectStore.ObjectMetadata metadata = new ObjectStore.ObjectMetadata(Map.of("Content-Type", contentType,
                "x-amz-server-side-encryption", "AES256"), Map.of(), Map.of(), "STANDARD", Acl.PRIVATE,
                target.ownerAccount());
        state.objects.put(target, key, metadata, new ByteArrayInputStream(bytes), Conditions.NONE);
        state.saveKey(target, key);
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
