package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.http.StreamingBody;
import dev.gureum.s3.protocol.AwsChunkedDecoder;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.storage.BlobStore;
import dev.gureum.s3.storage.ChecksumAlgorithm;

import dev.gureum.s3.domain.Bucket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Receives an object body (PutObject, UploadPart) as it arrives: strips aws-chunked framing, streams the
 * bytes to a temporary file and checks every integrity claim the client made — Content-MD5, the payload SHA-256
 * it signed, and the flexible checksum in a header or a trailer.
 */
final class BodyReceiver {

    /** What was received and verified. */
    record Received(BlobStore.Written written, String md5Hex, ChecksumAlgorithm algorithm, String checksum) {
    }

    /** A single PUT (or part) carries at most 5 GiB. */
    static final long MAX_OBJECT_SIZE = 5L * 1024 * 1024 * 1024;

    private BodyReceiver() {
    }

    /**
     * Receives the body as it arrives, then hands what was received and verified to {@code then} on a
     * worker thread; failures (a broken or missing body, a digest that does not match) are answered here.
     * Checks of the headers happen before this returns, so they are thrown to the caller.
     *
     * @param defaultAlgorithm the checksum computed when the client asks for none (S3 computes
     *                         CRC64NVME for every new object), or {@code null}
     */
    static void receive(S3Request request, S3State state, ChecksumAlgorithm defaultAlgorithm, Consumer<Received> then) {
        ChecksumAlgorithm algorithm = requestedAlgorithm(request);
        String headerChecksum = algorithm == null ? null : request.header(algorithm.header());
        if (headerChecksum != null) {
            checkEncoding(algorithm, headerChecksum);
        }
        String contentMd5 = request.header("Content-MD5");
        byte[] claimedMd5 = null;
        if (contentMd5 != null) {
            try {
                claimedMd5 = Base64.getDecoder().decode(contentMd5.trim());
            } catch (IllegalArgumentException e) {
                claimedMd5 = null;
            }
            if (claimedMd5 == null || claimedMd5.length != 16) {
                throw new AwsException(S3Error.INVALID_DIGEST, "The Content-MD5 you specified was invalid.")
                        .detail("Content-MD5", contentMd5);
            }
        }
        String payloadSha = request.header("x-amz-content-sha256");
        boolean signedPayload = payloadSha != null && payloadSha.matches("[0-9a-fA-F]{64}");
        Set<ChecksumAlgorithm> compute = EnumSet.noneOf(ChecksumAlgorithm.class);
        ChecksumAlgorithm stored = algorithm != null ? algorithm : defaultAlgorithm;
        if (stored != null) {
            compute.add(stored);
        }
        if (signedPayload) {
            compute.add(ChecksumAlgorithm.SHA256);
        }
        long declared = S3Bodies.declaredLength(request);
        if (declared > MAX_OBJECT_SIZE) {
            throw tooLarge(declared);
        }
        BlobStore.Writer writer = state.blobs.writer(compute);
        ChunkSignatures signatures = ChunkSignatures.of(request, state);
        AwsChunkedDecoder decoder = !S3Bodies.isAwsChunked(request) ? null : signatures == null
                ? new AwsChunkedDecoder(writer::write) : new AwsChunkedDecoder(new AwsChunkedDecoder.Output() {
                    @Override
                    public void data(byte[] bytes, int offset, int length) throws IOException {
                        signatures.data(bytes, offset, length);
                        writer.write(bytes, offset, length);
                    }

                    @Override
                    public void chunk(long size, String signature) {
                        signatures.chunk(size, signature);
                    }
                });
        byte[] md5 = claimedMd5;
        S3Bodies.stream(request, state.requestTimeoutMillis, new StreamingBody.Sink() {
            /** Broken framing, answered once the rest of the body has been read (and dropped). */
            private AwsException broken;

            @Override
            public void accept(ByteBuffer bytes) throws IOException {
                int offset = bytes.arrayOffset() + bytes.position();
                if (broken != null) {
                    return;
                }
                if (decoder != null) {
                    try {
                        decoder.feed(bytes.array(), offset, bytes.remaining());
                    } catch (AwsChunkedDecoder.MalformedChunkException e) {
                        // a client still sending would not see an answer sent now: the connection would be reset
                        broken = S3Bodies.incompleteBody(e);
                        writer.abort();
                    } catch (AwsException e) {
                        broken = e;
                        writer.abort();
                    }
                } else {
                    writer.write(bytes.array(), offset, bytes.remaining());
                }
                if (writer.size() > MAX_OBJECT_SIZE) {
                    throw tooLarge(writer.size());
                }
            }

            @Override
            public void end() throws IOException {
                if (broken != null) {
                    throw broken;
                }
                BlobStore.Written written;
                try {
                    if (decoder != null) {
                        decoder.finish();
                        if (signatures != null) {
                            signatures.finish(decoder.trailers());
                        }
                    }
                    written = writer.finish();
                } catch (AwsChunkedDecoder.MalformedChunkException e) {
                    writer.abort();
                    throw S3Bodies.incompleteBody(e);
                } catch (IOException | RuntimeException e) {
                    writer.abort();
                    throw e;
                }
                Received received;
                try {
                    String claimed = headerChecksum;
                    if (algorithm != null && claimed == null && decoder != null) {
                        claimed = decoder.trailers().get(algorithm.header());
                        if (claimed != null) {
                            checkEncoding(algorithm, claimed);
                        }
                    }
                    received = verify(written, declared, md5, signedPayload ? payloadSha : null, algorithm, stored,
                            claimed);
                } catch (RuntimeException e) {
                    state.blobs.discard(written);
                    throw e;
                }
                then.accept(received);
            }

            @Override
            public void failed(Throwable cause) {
                writer.abort();
                S3Bodies.failed(request, cause);
            }
        });
    }

    /** Checks every claim the client made about the body against what arrived. */
    private static Received verify(BlobStore.Written written, long declared, byte[] claimedMd5, String payloadSha,
                                   ChecksumAlgorithm algorithm, ChecksumAlgorithm stored, String claimedChecksum) {
        if (declared >= 0 && written.size() != declared) {
            throw new AwsException(S3Error.INCOMPLETE_BODY,
                    "You did not provide the number of bytes specified by the Content-Length HTTP header");
        }
        if (claimedMd5 != null && !java.security.MessageDigest.isEqual(claimedMd5, written.md5())) {
            throw new AwsException(S3Error.BAD_DIGEST, "The Content-MD5 you specified did not match what we received.")
                    .detail("ExpectedDigest", HexFormat.of().formatHex(claimedMd5))
                    .detail("CalculatedDigest", Base64.getEncoder().encodeToString(written.md5()));
        }
        if (payloadSha != null) {
            String actual = HexFormat.of().formatHex(Base64.getDecoder().decode(
                    written.checksums().get(ChecksumAlgorithm.SHA256)));
            if (!actual.equalsIgnoreCase(payloadSha)) {
                throw new AwsException(S3Error.XAMZ_CONTENT_SHA256_MISMATCH,
                        "The provided 'x-amz-content-sha256' header does not match what was computed.")
                        .detail("ClientComputedContentSHA256", payloadSha)
                        .detail("S3ComputedContentSHA256", actual);
            }
        }
        String computed = stored == null ? null : written.checksums().get(stored);
        if (claimedChecksum != null && !claimedChecksum.equals(computed)) {
            throw new AwsException(S3Error.BAD_DIGEST, "The " + algorithm.name()
                    + " you specified did not match the calculated checksum.");
        }
        return new Received(written, HexFormat.of().formatHex(written.md5()), stored, computed);
    }

    private static AwsException tooLarge(long size) {
        return new AwsException(S3Error.ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed size")
                .detail("ProposedSize", String.valueOf(size)).detail("MaxSizeAllowed", String.valueOf(MAX_OBJECT_SIZE));
    }

    /** The checksum the client declared, by header, trailer declaration or algorithm header. */
    static ChecksumAlgorithm requestedAlgorithm(S3Request request) {
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            if (request.header(a.header()) != null) {
                return a;
            }
        }
        String trailer = request.header("x-amz-trailer");
        if (trailer != null) {
            ChecksumAlgorithm a = ChecksumAlgorithm.byHeader(trailer.trim());
            if (a == null) {
                throw new AwsException(S3Error.INVALID_REQUEST, "The value specified in the x-amz-trailer header is not supported");
            }
            return a;
        }
        String named = request.header("x-amz-sdk-checksum-algorithm");
        if (named == null) {
            named = request.header("x-amz-checksum-algorithm");
        }
        if (named != null) {
            ChecksumAlgorithm a = ChecksumAlgorithm.parse(named);
            if (a == null) {
                throw new AwsException(S3Error.INVALID_REQUEST, "Checksum algorithm provided is unsupported. Please try "
                        + "again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
            }
            return a;
        }
        return null;
    }

    private static void checkEncoding(ChecksumAlgorithm algorithm, String value) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            decoded = null;
        }
        if (decoded == null || decoded.length != algorithm.length()) {
            throw new AwsException(S3Error.INVALID_REQUEST, "Value for " + algorithm.header()
                    + " header is invalid.");
        }
    }

    /** Representation headers S3 stores with an object and returns on GET/HEAD. */
    static final Set<String> STORED_HEADERS = Set.of("Content-Type", "Content-Encoding", "Content-Disposition",
            "Content-Language", "Cache-Control", "Expires", "x-amz-website-redirect-location");

    /** A Content-Encoding without its aws-chunked coding, else as sent; {@code null} when nothing is left. */
    static String withoutAwsChunked(String value) {
        String[] codings = value.split(",");
        if (java.util.Arrays.stream(codings).noneMatch(c -> c.trim().equalsIgnoreCase("aws-chunked"))) {
            return value.isBlank() ? null : value.trim();
        }
        return java.util.Arrays.stream(codings).map(String::trim)
                .filter(c -> !c.equalsIgnoreCase("aws-chunked") && !c.isEmpty())
                .reduce((a, b) -> a + ", " + b).orElse(null);
    }

    /** The encryption headers S3 stores with an object. */
    static final List<String> ENCRYPTION_HEADERS = dev.gureum.s3.domain.ObjectStore.ENCRYPTION_HEADERS;

    /** The representation headers of the request, and its encryption (or the bucket's default encryption). */
    static Map<String, String> storedHeaders(S3Request request, Bucket bucket) {
        return storedHeaders(request::header, bucket);
    }

    /** The same, from named values (the fields of a browser's POST upload). */
    static Map<String, String> storedHeaders(UnaryOperator<String> field, Bucket bucket) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String name : STORED_HEADERS) {
            String value = field.apply(name);
            if (value == null) {
                continue;
            }
            if (name.equals("Content-Encoding")) {
                // aws-chunked frames the upload; it is not part of the object, the rest is kept as sent
                value = withoutAwsChunked(value);
                if (value == null) {
                    continue;
                }
            }
            headers.put(name, value);
        }
        headers.putAll(encryption(field, bucket));
        return headers;
    }

    /**
     * The encryption a new object gets: what the request asks for, else the bucket's default
     * encryption (SSE-S3 unless the bucket was configured otherwise).
     */
    static Map<String, String> encryption(S3Request request, Bucket bucket) {
        return encryption(request::header, bucket);
    }

    private static Map<String, String> encryption(UnaryOperator<String> field, Bucket bucket) {
        return ServerSideEncryption.forNewObject(field, bucket);
    }

    /** {@code x-amz-meta-*} headers, names lower case without the prefix; at most 2 KB as S3 allows. */
    static Map<String, String> userMetadata(S3Request request) {
        return userMetadata(request.headers());
    }

    /** The same, from named values with lower-case names. */
    static Map<String, String> userMetadata(Map<String, String> fields) {
        Map<String, String> meta = new java.util.TreeMap<>();
        int size = 0;
        for (Map.Entry<String, String> h : fields.entrySet()) {
            if (h.getKey().startsWith("x-amz-meta-")) {
                String name = h.getKey().substring("x-amz-meta-".length()).toLowerCase(Locale.ROOT);
                String value = dev.gureum.s3.protocol.MetadataValues.decode(h.getValue());
                meta.put(name, value);
                size += name.length() + value.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        if (size > 2048) {
            throw new AwsException(S3Error.METADATA_TOO_LARGE, "Your metadata headers exceed the maximum allowed metadata size.")
                    .detail("Size", String.valueOf(size)).detail("MaxSizeAllowed", "2048");
        }
        return meta;
    }

    static String storageClass(S3Request request) {
        return storageClass(request.header("x-amz-storage-class"));
    }

    static String storageClass(String storageClass) {
        if (storageClass == null) {
            return "STANDARD";
        }
        if (!Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER",
                "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE").contains(storageClass)) {
            throw new AwsException(S3Error.INVALID_STORAGE_CLASS, "The storage class you specified is not valid")
                    .detail("StorageClassRequested", storageClass);
        }
        return storageClass;
    }
}
