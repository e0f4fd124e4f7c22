package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.PageTokens;
import dev.gureum.core.protocol.ListValue;
import dev.gureum.core.protocol.Struct;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.Listing;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** ListObjects (v1 markers), ListObjectsV2 (continuation tokens) and ListObjectVersions. */
final class ListOperations {

    private final S3State state;

    ListOperations(S3State state) {
        this.state = state;
    }

    static int intParam(S3Request request, String name, int defaultValue, int min, int max) {
        String value = request.param(name);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Provided " + name + " not an integer or within integer range")
                    .detail("ArgumentName", name).detail("ArgumentValue", value);
        }
        if (parsed < min) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Argument " + name + " must be an integer between "
                    + min + " and " + Integer.MAX_VALUE).detail("ArgumentName", name).detail("ArgumentValue", value);
        }
        return Math.min(parsed, max);
    }

    private static boolean urlEncoding(S3Request request) {
        String encoding = request.param("encoding-type");
        if (encoding == null) {
            return false;
        }
        if (!encoding.equals("url")) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request")
                    .detail("ArgumentName", "encoding-type").detail("ArgumentValue", encoding);
        }
        return true;
    }

    private static String encode(String value, boolean url) {
        if (value == null || !url) {
            return value;
        }
        // S3 escapes spaces as %20 in listings (event notifications use '+')
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/")
                .replace("*", "%2A");
    }

    private static Struct contents(Bucket bucket, S3Object o, boolean owner, boolean url) {
        Struct s = Struct.of().put("Key", encode(o.key(), url)).put("LastModified", o.lastModified())
                .put("ETag", o.quotedEtag());
        for (String algorithm : o.checksums().keySet()) {
            s.flatList("ChecksumAlgorithm", List.of(algorithm));
        }
        s.put("ChecksumType", o.checksumType()).put("Size", o.size()).put("StorageClass", o.storageClass());
        if (owner) {
            s.put("Owner", S3State.owner(S3State.objectOwner(bucket, o)));
        }
        return s;
    }

    private static ListValue commonPrefixes(List<String> prefixes, boolean url) {
        List<Object> items = new ArrayList<>();
        for (String p : prefixes) {
            items.add(Struct.of().put("Prefix", encode(p, url)));
        }
        return ListValue.flattened(items);
    }

    void listObjectsV2(S3Request request) {
        Bucket bucket = state.bucket(request);
        boolean url = urlEncoding(request);
        String prefix = request.param("prefix");
        String delimiter = request.param("delimiter");
        int maxKeys = intParam(request, "max-keys", 1000, 0, 1000);
        String token = request.param("continuation-token");
        String startAfter = request.param("start-after");
        boolean fetchOwner = "true".equals(request.param("fetch-owner"));
        String after = startAfter;
        if (token != null) {
            after = decodeToken(token);
        }
        Listing.Page page = Listing.objects(bucket, prefix, delimiter, after, maxKeys);
        List<Object> contents = new ArrayList<>();
        page.contents().forEach(o -> contents.add(contents(bucket, o, fetchOwner, url)));
        Struct result = Struct.of()
                .put("Name", bucket.name())
                .put("Prefix", encode(prefix == null ? "" : prefix, url))
                .put("Delimiter", delimiter == null || delimiter.isEmpty() ? null : encode(delimiter, url))
                .put("MaxKeys", maxKeys)
                .put("EncodingType", url ? "url" : null)
                .put("KeyCount", page.keyCount())
                .put("IsTruncated", page.truncated())
                .put("ContinuationToken", token)
                .put("NextContinuationToken", page.truncated() ? PageTokens.encode(page.lastEntry()) : null)
                .put("StartAfter", encode(startAfter, url))
                .put("Contents", ListValue.flattened(contents))
                .put("CommonPrefixes", commonPrefixes(page.prefixes(), url));
        S3Responses.xml(request, "ListBucketResult", result);
    }

    void listObjects(S3Request request) {
        Bucket bucket = state.bucket(request);
        boolean url = urlEncoding(request);
        String prefix = request.param("prefix");
        String delimiter = request.param("delimiter");
        String marker = request.param("marker");
        int maxKeys = intParam(request, "max-keys", 1000, 0, 1000);
        Listing.Page page = Listing.objects(bucket, prefix, delimiter, marker == null || marker.isEmpty() ? null : marker,
                maxKeys);
        List<Object> contents = new ArrayList<>();
        page.contents().forEach(o -> contents.add(contents(bucket, o, true, url)));
        Struct result = Struct.of()
                .put("Name", bucket.name())
                // v1 leaves the prefix as sent, even with encoding-type=url (botocore decodes it only in v2)
                .put("Prefix", prefix == null ? "" : prefix)
                .put("Marker", encode(marker == null ? "" : marker, url))
                .put("MaxKeys", maxKeys)
                .put("Delimiter", delimiter == null || delimiter.isEmpty() ? null : encode(delimiter, url))
                .put("IsTruncated", page.truncated())
                // v1 names the next marker only when a delimiter is used; clients use the last key otherwise
                .put("NextMarker", page.truncated() && delimiter != null ? encode(page.lastEntry(), url) : null)
                .put("EncodingType", url ? "url" : null)
                .put("Contents", ListValue.flattened(contents))
                .put("CommonPrefixes", commonPrefixes(page.prefixes(), url));
        S3Responses.xml(request, "ListBucketResult", result);
    }

    void listObjectVersions(S3Request request) {
        Bucket bucket = state.bucket(request);
        boolean url = urlEncoding(request);
        String prefix = request.param("prefix") == null ? "" : request.param("prefix");
        String delimiter = request.param("delimiter");
        String keyMarker = request.param("key-marker");
        String versionMarker = request.param("version-id-marker");
        int maxKeys = intParam(request, "max-keys", 1000, 0, 1000);
        Listing.VersionPage page = Listing.versions(bucket, prefix, delimiter, keyMarker, versionMarker, maxKeys);
        List<Object> versions = new ArrayList<>();
        List<Object> markers = new ArrayList<>();
        for (Listing.VersionEntry entry : page.versions()) {
            S3Object v = entry.version();
            Struct item = Struct.of().put("Key", encode(v.key(), url)).put("VersionId", v.versionId())
                    .put("IsLatest", entry.latest()).put("LastModified", v.lastModified());
            if (v.deleteMarker()) {
                item.put("Owner", S3State.owner(S3State.objectOwner(bucket, v)));
                markers.add(item);
            } else {
                item.put("ETag", v.quotedEtag()).put("Size", v.size()).put("StorageClass", v.storageClass())
                        .put("Owner", S3State.owner(S3State.objectOwner(bucket, v)));
                if (!v.checksums().isEmpty()) {
                    item.flatList("ChecksumAlgorithm", List.copyOf(v.checksums().keySet()));
                    item.put("ChecksumType", v.checksumType());
                }
                versions.add(item);
            }
        }
        Struct result = Struct.of()
                .put("Name", bucket.name())
                .put("Prefix", encode(prefix, url))
                .put("KeyMarker", encode(keyMarker == null ? "" : keyMarker, url))
                .put("VersionIdMarker", versionMarker == null ? "" : versionMarker)
                .put("NextKeyMarker", encode(page.nextKeyMarker(), url))
                .put("NextVersionIdMarker", page.nextVersionMarker())
                .put("MaxKeys", maxKeys)
                .put("Delimiter", delimiter == null || delimiter.isEmpty() ? null : encode(delimiter, url))
                .put("EncodingType", url ? "url" : null)
                .put("IsTruncated", page.truncated())
                .put("Version", ListValue.flattened(versions))
                .put("DeleteMarker", ListValue.flattened(markers))
                .put("CommonPrefixes", commonPrefixes(page.prefixes(), url));
        S3Responses.xml(request, "ListVersionsResult", result);
    }

    /** The position a continuation token resumes after; an empty token resumes from the start. */
    static String decodeToken(String token) {
        try {
            String position = PageTokens.decode(token);
            return position == null ? "" : position;
        } catch (PageTokens.InvalidTokenException e) {
            throw new AwsException(S3Error.INVALID_ARGUMENT, "The continuation token provided is incorrect")
                    .detail("ArgumentName", "continuation-token");
        }
    }
}
