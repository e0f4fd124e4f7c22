package dev.gureum.s3.http;

import dev.gureum.s3.domain.Bucket;
import dev.gureum.s3.domain.S3Object;
import dev.gureum.s3.domain.S3Records;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Gives back the dead space of segments: the live slices of a segment whose live bytes fell under a
 * quarter of its size are copied to the current segment, and their versions pointed at the copies, each
 * with a record of its key that carries the copy's bytes; a slice is released once that record is
 * durable, and the segment is deleted with its last slice. Parts of uploads in progress stay where they
 * are (they go when their upload ends). Runs on one thread of its own that ends when idle.
 */
final class SegmentCompaction {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SegmentCompaction.class);

    private final S3State state;
    private final ExecutorService executor;

    SegmentCompaction(S3State state) {
        this.state = state;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "gureum-s3-compaction");
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    void schedule(Path segment) {
        executor.execute(() -> {
            try {
                compact(segment);
            } catch (RuntimeException e) {
                LOG.warn("Could not compact {}: {}", segment.getFileName(), e.toString());
            } finally {
                state.blobs.segments().compacted(segment);
            }
        });
    }

    /** Moves every version whose bytes are a live slice of the segment; returns how many it moved. */
    int compact(Path segment) {
        Set<Path> slices = new HashSet<>(state.blobs.segments().liveSlices(segment));
        int moved = 0;
        for (Bucket bucket : state.buckets.all()) {
            for (Map.Entry<String, List<S3Object>> key : bucket.objects().entrySet()) {
                for (S3Object version : key.getValue()) {
                    if (version.blob() != null && slices.contains(version.blob()) && move(bucket, version)) {
                        moved++;
                    }
                }
            }
        }
        return moved;
    }

    private boolean move(Bucket bucket, S3Object version) {
        Path copy;
        try {
            copy = state.blobs.pack(state.blobs.read(version.blob()));
        } catch (IOException e) {
            return false; // gone meanwhile: nothing to move
        }
        synchronized (bucket) {
            if (state.buckets.get(bucket.name()) != bucket
                    || !bucket.moveBlob(version.key(), version.versionId(), version.blob(), copy)) {
                state.blobs.delete(copy);
                return false;
            }
            S3Records.KeyVersions record = S3Records.key(bucket, version.key(), state.blobs::inlineBytes);
            Set<Path> carried = S3Records.carried(record);
            CompletionStage<Void> durable = state.journal.append(record);
            durable.thenRun(() -> {
                state.blobs.carried(carried);
                state.blobs.delete(version.blob());
            });
        }
        return true;
    }
}
