package dev.gureum.lambda.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * The runtime of an environment of a container image, seen as the {@link Process} the rest of the runner
 * knows: it exits when the container does (its exit status), and destroying it removes the container.
 * There is no process of the server's to read: the container's output reaches the environment's output
 * file from its log stream, and its id is not a process id of this system ({@link #pid()} is 0).
 */
final class ContainerProcess extends Process {

    private final String containerId;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Runnable remove;

    ContainerProcess(String containerId, Runnable remove) {
        this.containerId = containerId;
        this.remove = remove;
    }

    String containerId() {
        return containerId;
    }

    /** Runs {@code wait} (which blocks until the container stops) and completes the exit with what it tells. */
    void watch(IntSupplier wait) {
        try {
            exit.complete(wait.getAsInt());
        } catch (RuntimeException e) {
            // the engine went away: the container is as good as gone
            exit.complete(137);
        }
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            return 137;
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Override
    public int exitValue() {
        Integer status = exit.getNow(null);
        if (status == null) {
            throw new IllegalThreadStateException("the container is running");
        }
        return status;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public void destroy() {
        remove.run();
    }

    @Override
    public Process destroyForcibly() {
        remove.run();
        return this;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exit.thenApply(status -> this);
    }

    @Override
    public long pid() {
        return 0;
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return Stream.empty();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return Stream.empty();
    }
}
