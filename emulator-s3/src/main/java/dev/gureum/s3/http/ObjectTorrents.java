package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.ObjectStore;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.storage.RangeInputStream;
import io.undertow.util.Headers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * GetObjectTorrent ({@code GET /key?torrent}): the object's BitTorrent metainfo file, bencoded, as S3
 * made it: S3's tracker as {@code announce} and the only {@code announce-list} entry, no creation date,
 * and an {@code info} dictionary with the object's length, its name (the key's last segment), pieces of
 * 256 KiB hashed with SHA-1, and the bucket and key as {@code x-amz-bucket} and {@code x-amz-key}.
 * The pieces are hashed as the object's bytes are read, a piece at a time.
 *
 * <p>S3 makes torrents only of objects under 5 GB that are not encrypted with a customer-provided key;
 * it documents no error code for the others, and Gureum answers them 400 {@code InvalidRequest}.
 */
final class ObjectTorrents {

    static final String ANNOUNCE = "http://tracker.amazonaws.com:6969/announce";
    static final int PIECE_LENGTH = 256 * 1024;
    static final long MAX_SIZE = 5L * 1024 * 1024 * 1024;

    /** How often the torrent is made again when the version read was replaced (its bytes deleted) meanwhile. */
    private static final int REPLACED_RETRIES = 5;

    private final S3State state;

    ObjectTorrents(S3State state) {
        this.state = state;
    }

    void getTorrent(S3Request request) {
        Bucket bucket = state.bucket(request);
        for (int attempt = 1; ; attempt++) {
            S3Object object = ObjectStore.resolve(bucket, request.key(), null);
            if (object.headers().get(ServerSideEncryption.CUSTOMER_KEY_MD5) != null) {
                throw new AwsException(S3Error.INVALID_REQUEST,
                        "Torrents are not available for objects encrypted with a customer-provided key.");
            }
            if (object.size() >= MAX_SIZE) {
                throw new AwsException(S3Error.INVALID_REQUEST, "Torrents are available only for objects under 5 GB.");
            }
            byte[] torrent;
            try {
                torrent = torrent(bucket.name(), object);
            } catch (NoSuchFileException e) {
                if (attempt == REPLACED_RETRIES) {
                    throw new UncheckedIOException(e);
                }
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String name = name(object.key());
            S3Responses.header(request, "Content-Type", "application/x-bittorrent");
            S3Responses.header(request, "Content-Disposition", disposition(name + ".torrent"));
            request.exchange().setStatusCode(200);
            request.exchange().getResponseHeaders().put(Headers.CONTENT_LENGTH, torrent.length);
            CorsOperations.applyToResponse(request);
            request.exchange().getResponseSender().send(ByteBuffer.wrap(torrent));
            return;
        }
    }

    /** The bencoded metainfo of an object; its bytes are read once, a piece at a time. */
    static byte[] torrent(String bucket, S3Object object) throws IOException {
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        if (object.size() > 0) {
            try (InputStream in = new RangeInputStream(object.blob(), 0, object.size())) {
                hashPieces(in, pieces);
            }
        }
        Bencoder out = new Bencoder();
        // a dictionary's keys in the order of their bytes, as bencoding requires
        out.raw("d");
        out.string("announce").string(ANNOUNCE);
        out.string("announce-list").raw("ll").string(ANNOUNCE).raw("ee");
        out.string("info").raw("d");
        out.string("length").integer(object.size());
        out.string("name").string(name(object.key()));
        out.string("piece length").integer(PIECE_LENGTH);
        out.string("pieces").bytes(pieces.toByteArray());
        out.string("x-amz-bucket").string(bucket);
        out.string("x-amz-key").string(object.key());
        out.raw("ee");
        return out.toByteArray();
    }

    /** The SHA-1 of each piece of the stream, one after the other. */
    static void hashPieces(InputStream in, ByteArrayOutputStream hashes) throws IOException {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] piece = new byte[PIECE_LENGTH];
        while (true) {
            int n = in.readNBytes(piece, 0, PIECE_LENGTH);
            if (n == 0) {
                return;
            }
            sha1.update(piece, 0, n);
            hashes.write(sha1.digest());
            if (n < PIECE_LENGTH) {
                return;
            }
        }
    }

    /** The torrent's file name: the key's last segment, or the key when that segment is empty. */
    static String name(String key) {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return last.isEmpty() ? key : last;
    }

    private static String disposition(String fileName) {
        boolean plain = fileName.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != ';' && c != '\\');
        if (plain) {
            return "attachment; filename=" + fileName;
        }
        return "attachment; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Writes bencoded values: strings as length:bytes, integers as i...e; lists and dictionaries raw. */
    private static final class Bencoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bencoder raw(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Bencoder string(String text) {
            return bytes(text.getBytes(StandardCharsets.UTF_8));
        }

        Bencoder bytes(byte[] bytes) {
            raw(bytes.length + ":");
            out.writeBytes(bytes);
            return this;
        }

        Bencoder integer(long value) {
            return raw("i" + value + "e");
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
