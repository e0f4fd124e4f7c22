package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.util.ArrayList;
import java.util.List;

/** A reservation: the instances one RunInstances call launched. */
public final class Reservation {

    private final String id;
    private final String ownerId;
    private final String requesterId;
    private final List<String> instanceIds = new ArrayList<>();

    public Reservation(String ownerId, String requesterId) {
        this(Ids.ec2("r"), ownerId, requesterId);
    }

    /** A reservation with the id it was given (one kept across a restart). */
    Reservation(String id, String ownerId, String requesterId) {
        this.id = id;
        this.ownerId = ownerId;
        this.requesterId = requesterId;
    }

    public String id() {
        return id;
    }

    public String ownerId() {
        return ownerId;
    }

    /** Who launched on the owner's behalf (the Spot service for Spot requests), or {@code null}. */
    public String requesterId() {
        return requesterId;
    }

    public List<String> instanceIds() {
        return instanceIds;
    }
}
