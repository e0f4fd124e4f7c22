package dev.gureum.s3.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Forces many files at once: forces from several threads share the file system's journal commits, so
 * thousands of small files take a fraction of the time one thread would.
 */
final class ParallelForces {

    private static final int THREADS = 16;

    private ParallelForces() {
    }

    static void each(List<Path> files, Consumer<Path> force) {
        int threads = Math.min(THREADS, (files.size() + 63) / 64);
        if (threads <= 1) {
            files.forEach(force);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Path file : files) {
                done.add(pool.submit(() -> force.accept(file)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while forcing the object files", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
