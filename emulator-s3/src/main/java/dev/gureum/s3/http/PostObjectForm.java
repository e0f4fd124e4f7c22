package dev.gureum.s3.http;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.http.StreamingBody;
import dev.gureum.s3.protocol.S3Error;
import dev.gureum.s3.storage.BlobStore;
import dev.gureum.s3.storage.ChecksumAlgorithm;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.MalformedMessageException;
import io.undertow.util.MultipartParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code multipart/form-data} body of a browser's upload (PostObject), parsed as it arrives: the
 * fields before the file are kept, the file is streamed to a temporary file, and fields after it are
 * ignored, as S3 does.
 */
final class PostObjectForm {

    /** The form once it has arrived: its fields (lower-case names), the file's name and its bytes. */
    record Form(Map<String, String> fields, String fileName, BlobStore.Written file) {
    }

    /** S3 reads fields of up to this size; the policy is the largest. */
    private static final int MAX_FIELD = 64 * 1024;

    private PostObjectForm() {
    }

    /** Receives the form, then hands it to {@code then} on a worker; failures are answered here. */
    static void receive(S3Request request, S3State state, Consumer<Form> then) {
        String boundary = Headers.extractQuotedValueFromHeader(request.header("Content-Type"), "boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw malformed();
        }
        Parts parts = new Parts(state.blobs.writer(EnumSet.of(ChecksumAlgorithm.CRC64NVME)));
        MultipartParser.ParseState parser = MultipartParser.beginParse(request.exchange().getConnection().getByteBufferPool(),
                parts, boundary.getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8.name());
        S3Bodies.stream(request, state.requestTimeoutMillis, new StreamingBody.Sink() {
            /** Whether the form is broken: answered once the rest of the body has been read (and dropped). */
            private boolean broken;

            @Override
            public void accept(ByteBuffer bytes) throws IOException {
                if (broken || parser.isComplete()) {
                    return;
                }
                try {
                    parser.parse(bytes);
                } catch (MalformedMessageException e) {
                    broken = true;
                    parts.file.abort();
                }
            }

            @Override
            public void end() throws IOException {
                if (broken || !parser.isComplete()) {
                    parts.file.abort();
                    throw malformed();
                }
                if (parts.fileState == 0) {
                    parts.file.abort();
                    throw new AwsException(S3Error.INVALID_ARGUMENT, "POST requires exactly one file upload per request.")
                            .detail("ArgumentName", "file").detail("ArgumentValue", "0");
                }
                BlobStore.Written written = parts.file.finish();
                try {
                    then.accept(new Form(parts.fields, parts.fileName, written));
                } catch (RuntimeException e) {
                    state.blobs.discard(written);
                    throw e;
                }
            }

            @Override
            public void failed(Throwable cause) {
                parts.file.abort();
                S3Bodies.failed(request, cause);
            }
        });
    }

    static AwsException malformed() {
        return new AwsException(S3Error.MALFORMED_POST_REQUEST,
                "The body of your POST request is not well-formed multipart/form-data.");
    }

    /** What the parser finds, part by part. */
    private static final class Parts implements MultipartParser.PartHandler {
        final Map<String, String> fields = new LinkedHashMap<>();
        final BlobStore.Writer file;
        String fileName;
        /** 0: no file yet, 1: in the file, 2: after it. */
        int fileState;
        private String field;
        private final ByteArrayOutputStream value = new ByteArrayOutputStream();
        private final byte[] copy = new byte[16 * 1024];

        Parts(BlobStore.Writer file) {
            this.file = file;
        }

        @Override
        public void beginPart(HeaderMap headers) {
            String disposition = headers.getFirst(Headers.CONTENT_DISPOSITION);
            String name = disposition == null ? null : Headers.extractQuotedValueFromHeader(disposition, "name");
            field = null;
            value.reset();
            if (fileState != 0 || name == null) {
                return;
            }
            if (name.equalsIgnoreCase("file")) {
                fileState = 1;
                fileName = Headers.extractQuotedValueFromHeaderWithEncoding(disposition, "filename");
            } else {
                field = name.toLowerCase(Locale.ROOT);
            }
        }

        @Override
        public void data(ByteBuffer buffer) throws IOException {
            if (fileState == 1) {
                while (buffer.hasRemaining()) {
                    int n = Math.min(buffer.remaining(), copy.length);
                    buffer.get(copy, 0, n);
                    file.write(copy, 0, n);
                }
                if (file.size() > BodyReceiver.MAX_OBJECT_SIZE) {
                    throw new AwsException(S3Error.ENTITY_TOO_LARGE, "Your proposed upload exceeds the maximum allowed size")
                            .detail("ProposedSize", String.valueOf(file.size()))
                            .detail("MaxSizeAllowed", String.valueOf(BodyReceiver.MAX_OBJECT_SIZE));
                }
                return;
            }
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (field != null && value.size() < MAX_FIELD) {
                    value.write(b);
                }
            }
        }

        @Override
        public void endPart() {
            if (fileState == 1) {
                fileState = 2;
            } else if (field != null) {
                fields.putIfAbsent(field, value.toString(StandardCharsets.UTF_8));
            }
            field = null;
        }
    }
}
