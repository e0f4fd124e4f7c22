package dev.gureum.core.persist;

import java.util.concurrent.CompletionStage;

/**
 * A service's handle on its journal: the same code path whether the server keeps state or not. In
 * memory every stage is complete at once and nothing is written.
 */
public interface StateJournal extends AutoCloseable {

    /**
     * Makes an applied record durable; the stage completes when it is (at once in memory). Apply first,
     * then append, and answer the client when the stage completes.
     */
    CompletionStage<Void> append(Object record);

    /**
     * Clears the state and makes the empty state durable (a snapshot replaces the journal); for
     * {@code POST /_gureum/reset}.
     */
    CompletionStage<Void> reset();

    /**
     * Replaces the whole state with {@code records} (cleared, then each applied) and makes it durable; for
     * loading a state file into a running server.
     */
    CompletionStage<Void> replace(Iterable<?> records);

    /** Whether appends reach a disk. */
    boolean durable();

    /** Closes the journal (a final snapshot); later appends fail. */
    @Override
    void close();
}
