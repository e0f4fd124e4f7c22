package dev.gureum.server;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.time.ServerClock;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * How far the server clock is ahead of real time, kept in the data directory ({@code clock/journal}) so that
 * a restarted server's clock does not jump back behind the deadlines its services kept (visibility timeouts,
 * boots, expiry). Its speed is not kept: a restarted server runs at real speed from where its clock stood.
 */
final class ClockState implements DurableState {

    /** The clock runs {@code offset} ahead of real time. */
    record Offset(Duration offset) {
    }

    static final RecordTypes TYPES = RecordTypes.of(RecordType.of(1, Offset.class, 1, (o, out) -> {
        out.writeLong(o.offset().getSeconds());
        out.writeInt(o.offset().getNano());
    }, (in, version) -> new Offset(Duration.ofSeconds(in.readLong(), in.readInt()))));

    private final ServerClock clock;
    private StateJournal journal;

    ClockState(ServerClock clock) {
        this.clock = clock;
    }

    /** Opens the journal (restoring a kept offset); before any service is built, so they see the kept time. */
    void open(dev.gureum.core.persist.Persistence persistence) {
        journal = persistence.open(this);
    }

    /** Keeps where the clock stands now; the stage completes once that is durable. */
    CompletionStage<Void> keep() {
        return journal.append(new Offset(clock.reading().offset()));
    }

    @Override
    public String name() {
        return "clock";
    }

    @Override
    public RecordTypes recordTypes() {
        return TYPES;
    }

    @Override
    public void apply(Object record) {
        clock.offset(((Offset) record).offset());
    }

    @Override
    public Iterable<?> records() {
        Duration offset = clock.reading().offset();
        return offset.isZero() ? List.of() : List.of(new Offset(offset));
    }

    @Override
    public void clear() {
        clock.realTime();
    }
}
