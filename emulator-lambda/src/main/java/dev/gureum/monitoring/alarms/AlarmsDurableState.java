package dev.gureum.monitoring.alarms;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordTypes;

/** CloudWatch's alarms and their history as the records of its journal ({@code cloudwatch}). */
final class AlarmsDurableState implements DurableState {

    private final Alarms alarms;

    AlarmsDurableState(Alarms alarms) {
        this.alarms = alarms;
    }

    @Override
    public String name() {
        return "cloudwatch";
    }

    @Override
    public RecordTypes recordTypes() {
        return AlarmRecords.TYPES;
    }

    @Override
    public void apply(Object record) {
        alarms.apply(record);
    }

    @Override
    public Iterable<?> records() {
        return alarms.records();
    }

    @Override
    public void clear() {
        alarms.clear();
    }
}
