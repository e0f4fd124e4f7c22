package dev.gureum.ec2.domain;

/** The instance lifecycle states with the codes AWS gives them (the low byte of {@code instanceState.code}). */
public enum InstanceState {
    PENDING(0, "pending"),
    RUNNING(16, "running"),
    SHUTTING_DOWN(32, "shutting-down"),
    TERMINATED(48, "terminated"),
    STOPPING(64, "stopping"),
    STOPPED(80, "stopped");

    private final int code;
    private final String wireName;

    InstanceState(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the instance holds capacity on a host in this state. */
    public boolean occupiesHost() {
        return this == PENDING || this == RUNNING || this == STOPPING || this == SHUTTING_DOWN;
    }
}
