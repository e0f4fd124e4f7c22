package dev.gureum.s3.storage;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The flexible checksums S3 accepts, each computed incrementally and rendered in base64 as S3 does. */
public enum ChecksumAlgorithm {
    CRC32("x-amz-checksum-crc32", 4),
    CRC32C("x-amz-checksum-crc32c", 4),
    CRC64NVME("x-amz-checksum-crc64nvme", 8),
    SHA1("x-amz-checksum-sha1", 20),
    SHA256("x-amz-checksum-sha256", 32);

    private final String header;
    private final int length;

    ChecksumAlgorithm(String header, int length) {
        this.header = header;
        this.length = length;
    }

    /** The request and response header carrying this checksum. */
    public String header() {
        return header;
    }

    /** Decoded length in bytes, to tell a malformed value. */
    public int length() {
        return length;
    }

    public static ChecksumAlgorithm parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static ChecksumAlgorithm byHeader(String header) {
        for (ChecksumAlgorithm a : values()) {
            if (a.header.equalsIgnoreCase(header)) {
                return a;
            }
        }
        return null;
    }

    /** Whether this algorithm can combine parts into a full-object checksum (the CRCs can, the SHAs cannot). */
    public boolean supportsFullObject() {
        return this == CRC32 || this == CRC32C || this == CRC64NVME;
    }

    public Hasher newHasher() {
        return switch (this) {
            case CRC32 -> new CrcHasher(new CRC32(), 4);
            case CRC32C -> new CrcHasher(new CRC32C(), 4);
            case CRC64NVME -> new CrcHasher(new Crc64Nvme(), 8);
            case SHA1 -> new DigestHasher("SHA-1");
            case SHA256 -> new DigestHasher("SHA-256");
        };
    }

    /** An incremental computation of one checksum. */
    public interface Hasher {
        void update(byte[] b, int off, int len);

        byte[] digest();

        default String base64() {
            return Base64.getEncoder().encodeToString(digest());
        }
    }

    private static final class CrcHasher implements Hasher {
        private final Checksum checksum;
        private final int bytes;

        CrcHasher(Checksum checksum, int bytes) {
            this.checksum = checksum;
            this.bytes = bytes;
        }

        @Override
        public void update(byte[] b, int off, int len) {
            checksum.update(b, off, len);
        }

        @Override
        public byte[] digest() {
            ByteBuffer buffer = ByteBuffer.allocate(8).putLong(checksum.getValue());
            byte[] out = new byte[bytes];
            System.arraycopy(buffer.array(), 8 - bytes, out, 0, bytes);
            return out;
        }
    }

    private static final class DigestHasher implements Hasher {
        private final MessageDigest digest;

        DigestHasher(String algorithm) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void update(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }

        @Override
        public byte[] digest() {
            return digest.digest();
        }
    }
}
