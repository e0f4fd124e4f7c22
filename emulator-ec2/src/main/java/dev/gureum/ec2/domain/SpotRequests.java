package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.error.AwsException;
import dev.gureum.ec2.catalog.InstanceTypeInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;

/** Spot requests: fulfilled when capacity and price allow, retried while open, cancelled on request. */
public final class SpotRequests {

    private final Ec2World world;

    SpotRequests(Ec2World world) {
        this.world = world;
    }

    /** Tries to launch the instance of an open Spot request; client errors in its specification are thrown. */
    public void tryFulfil(Ec2Scope scope, SpotRequest request, Instant now) {
        if (!request.state().equals("open")) {
            return;
        }
        LaunchSpec spec = request.spec().withCount(1)
                .withSpot(new LaunchSpec.SpotOptions(request.maxPrice(), request.persistent(), request.id()));
        InstanceTypeInfo type = world.launcher().resolveType(spec.instanceType());
        Image image = world.launcher().resolveImage(scope, spec.imageId(), type, now);
        double lowest = Double.MAX_VALUE;
        for (AvailabilityZone z : world.launcher().candidateZones(scope, type, requestedZone(scope, spec))) {
            lowest = Math.min(lowest, world.spotMarket().price(type, z, image.isWindows()));
        }
        if (lowest > request.maxPrice()) {
            request.update("open", "price-too-low", "Your Spot request price of " + request.maxPrice()
                    + " is lower than the minimum required Spot request fulfillment price of " + lowest + ".", now);
            return;
        }
        try {
            InstanceLauncher.LaunchResult result = world.launcher().run(scope, spec, now);
            Instance instance = result.instances().get(0);
            instance.spot(new Instance.SpotTerms(request.id(), request.maxPrice()));
            instance.tags().putAll(request.spec().tags().getOrDefault("instance", Map.of()));
            request.fulfilled(instance, now);
        } catch (AwsException e) {
            if (e.error() == Ec2Error.INSUFFICIENT_INSTANCE_CAPACITY || e.error() == Ec2Error.SPOT_MAX_PRICE_TOO_LOW) {
                request.update("open", "capacity-not-available",
                        "There is no Spot capacity available that matches your request.", now);
                return;
            }
            throw e;
        }
    }

    /**
     * Cancels a Spot request. Its instance, if it has one, keeps running: cancelling a request does not
     * terminate what it launched.
     */
    public void cancel(SpotRequest request, Instant now) {
        if (request.state().equals("cancelled") || request.state().equals("closed")) {
            return;
        }
        if (request.instanceId() != null) {
            request.update("cancelled", "request-canceled-and-instance-running",
                    "Spot Instance request is canceled, but the instance remains running.", now);
        } else {
            request.update("cancelled", "canceled-before-fulfillment",
                    "Your Spot request was canceled before it was fulfilled.", now);
        }
    }

    private AvailabilityZone requestedZone(Ec2Scope scope, LaunchSpec spec) {
        if (spec.subnetId() != null) {
            Subnet s = scope.subnets.get(spec.subnetId());
            return s == null ? null : s.zone();
        }
        return spec.zoneName() == null ? null : world.regions().zone(spec.zoneName()).orElse(null);
    }

    void fulfilOpenSpotRequests(Instant now) {
        for (Ec2Scope scope : world.scopes()) {
            for (SpotRequest r : new ArrayList<>(scope.spotRequests.values())) {
                if (r.state().equals("open") && r.instanceId() == null) {
                    try {
                        tryFulfil(scope, r, now);
                    } catch (AwsException e) {
                        r.update("failed", "bad-parameters", e.getMessage(), now);
                    }
                }
            }
        }
    }

    /** Instances of a scope by id, in the order asked; unknown ids fail the whole call, as on AWS. */
}
