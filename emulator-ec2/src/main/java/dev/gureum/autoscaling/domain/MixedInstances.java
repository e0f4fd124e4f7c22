package dev.gureum.autoscaling.domain;

import java.util.List;

/**
 * A mixed instances policy: a launch template with instance type overrides, and how the capacity divides into
 * On-Demand (a base, then a percentage of what is above it) and Spot (the rest).
 */
public record MixedInstances(LaunchTemplateSpec template, List<Override> overrides, int onDemandBaseCapacity,
                             int onDemandPercentageAboveBase, String onDemandAllocationStrategy,
                             String spotAllocationStrategy, Integer spotInstancePools, String spotMaxPrice) {

    /** An instance type the group may launch, with its weight (null: 1). */
    public record Override(String instanceType, String weightedCapacity) {
    }

    public MixedInstances {
        overrides = List.copyOf(overrides);
    }

    /**
     * How many of {@code capacity} units are On-Demand: the base first, then the percentage above it, rounded
     * up in On-Demand's favour as AWS does.
     */
    public int onDemandOf(int capacity) {
        int base = Math.min(onDemandBaseCapacity, capacity);
        int above = capacity - base;
        return base + (int) Math.ceil(above * onDemandPercentageAboveBase / 100.0);
    }
}
