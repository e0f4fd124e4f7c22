package dev.gureum.s3.domain;

import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * S3's record types as a Gureum wrote them before it kept the checksums of parts: the objects of
 * {@code KeyVersions} and {@code UploadEnded} end with their ACL. For tests that write a data directory
 * of an older Gureum.
 */
public final class RecordsBeforePartChecksums {

    private RecordsBeforePartChecksums() {
    }

    /** Today's types, each of at most {@code version} (below 3), with objects written in the older shape. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static RecordTypes types(Path objects, int version) {
        List<RecordType<?>> older = new ArrayList<>();
        for (RecordType t : S3Records.types(objects).all()) {
            RecordType.Writer writer = t.type() == S3Records.KeyVersions.class
                    ? (RecordType.Writer<S3Records.KeyVersions>) RecordsBeforePartChecksums::writeKey
                    : t.type() == S3Records.UploadEnded.class
                    ? (RecordType.Writer<S3Records.UploadEnded>) RecordsBeforePartChecksums::writeEnded
                    : t.writer();
            older.add(new RecordType(t.tag(), t.type(), Math.min(version, t.version()), writer, t.reader()));
        }
        return RecordTypes.of(older);
    }

    private static void writeEnded(S3Records.UploadEnded u, RecordOutput out) throws IOException {
        out.writeString(u.bucket());
        out.writeString(u.uploadId());
        Bucket.CompletedUpload c = u.completed();
        out.writeBoolean(c != null);
        if (c != null) {
            out.writeString(c.key());
            out.writeString(c.etag());
            out.writeString(c.versionId());
            out.writeStringMap(c.checksums());
            out.writeString(c.checksumType());
        }
        out.writeBoolean(u.result() != null);
        if (u.result() != null) {
            writeKey(u.result(), out);
        }
    }

    private static void writeKey(S3Records.KeyVersions k, RecordOutput out) throws IOException {
        out.writeString(k.bucket());
        out.writeString(k.key());
        out.writeInt(k.versions().size());
        for (S3Object o : k.versions()) {
            out.writeString(o.key());
            out.writeString(o.versionId());
            out.writeBoolean(o.deleteMarker());
            out.writeString(o.etag());
            out.writeLong(o.size());
            out.writeInstant(o.lastModified());
            out.writeStringMap(o.headers());
            out.writeStringMap(o.userMetadata());
            out.writeStringMap(o.checksums());
            out.writeString(o.checksumType());
            out.writeInt(o.partSizes().size());
            for (long size : o.partSizes()) {
                out.writeLong(size);
            }
            out.writeStringMap(o.tags());
            out.writeString(o.storageClass());
            out.writeString(o.ownerAccount());
            out.writeString(o.blob() == null ? null : o.blob().getFileName().toString());
            out.writeInt(o.acl().grants().size());
            for (Acl.Grant g : o.acl().grants()) {
                out.writeString(g.type());
                out.writeString(g.value());
                out.writeString(g.permission().name());
            }
            S3Records.Inline bytes = o.blob() == null ? null : k.inline().get(o.blob());
            out.writeByteArray(bytes == null ? null : bytes.bytes());
        }
    }
}
