package dev.gureum.core.persist;

/**
 * A service's state seen as records: what its journal keeps, what a snapshot writes, what
 * {@code GET /_gureum/state} exports and {@code POST /_gureum/state} loads. A service implements it over its
 * domain stores (see {@code docs/persistence.md}, "How a service gets persistence").
 *
 * <p>Records are domain data, each setting a whole object under its key or removing one. {@link #apply}
 * is the one way state changes from records: replay at start, loading a state file, and (by
 * convention) the service's own operations.
 */
public interface DurableState {

    /** The service's name; its journal lives in {@code <data dir>/<name>/journal}. */
    String name();

    /** The record types of the service's journal. */
    RecordTypes recordTypes();

    /** Applies one record to the stores: sets or replaces an object, or removes one. */
    void apply(Object record);

    /** The whole state now, every account and region, as records that {@link #apply} rebuilds it from. */
    Iterable<?> records();

    /** Drops every object (what {@code POST /_gureum/reset} does to the service's state). */
    void clear();

    /**
     * The files records refer to (object bytes, function code), which a state file carries with the
     * records; {@link Attachments#NONE} for a service whose records hold all of its state.
     */
    default Attachments attachments() {
        return Attachments.NONE;
    }
}
