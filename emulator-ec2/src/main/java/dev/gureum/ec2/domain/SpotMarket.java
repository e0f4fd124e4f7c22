package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.AvailabilityZone;
import dev.gureum.core.datacenter.DataCenter;
import dev.gureum.ec2.catalog.InstanceTypeInfo;
import dev.gureum.ec2.catalog.PriceList;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spot prices: spare capacity sells at a discount that shrinks as a family's fleet in a zone fills up,
 * from 30 % of the on-demand price in an idle fleet to 90 % in a full one; zones differ a little. The
 * price history records every change of a fleet's use.
 */
public final class SpotMarket {

    private static final double FLOOR = 0.30;
    private static final double RANGE = 0.60;

    /** A fleet's use from a moment on. */
    public record UsePoint(Instant since, double utilization) {
    }

    /** A Spot price from a moment on. */
    public record PricePoint(Instant timestamp, double price) {
    }

    private final PriceList prices;
    private final DataCenter dataCenter;
    private Instant epoch;
    private final Map<String, List<UsePoint>> history = new HashMap<>();

    public SpotMarket(PriceList prices, DataCenter dataCenter, Instant epoch) {
        this.prices = prices;
        this.dataCenter = dataCenter;
        this.epoch = epoch;
    }

    /** The Spot price now. */
    public double price(InstanceTypeInfo type, AvailabilityZone zone, boolean windows) {
        return priceAt(type, zone, windows, dataCenter.utilization(zone.name(), type.family()));
    }

    private double priceAt(InstanceTypeInfo type, AvailabilityZone zone, boolean windows, double utilization) {
        double onDemand = prices.onDemand(type, zone.region(), windows);
        char letter = zone.name().charAt(zone.name().length() - 1);
        double zoneFactor = 1 + 0.02 * Math.max(0, letter - 'a');
        double price = onDemand * Math.min(1.0, (FLOOR + RANGE * utilization) * zoneFactor);
        return BigDecimal.valueOf(price).setScale(6, RoundingMode.HALF_UP).doubleValue();
    }

    /** Notes a fleet's use after a change, so the price history shows it. */
    public void record(AvailabilityZone zone, String family, Instant now) {
        double u = dataCenter.utilization(zone.name(), family);
        List<UsePoint> points = history.computeIfAbsent(key(zone.name(), family), k -> new ArrayList<>());
        double last = points.isEmpty() ? 0 : points.get(points.size() - 1).utilization();
        if (last != u) {
            if (!points.isEmpty() && points.get(points.size() - 1).since().equals(now)) {
                points.set(points.size() - 1, new UsePoint(now, u));
            } else {
                points.add(new UsePoint(now, u));
            }
        }
    }

    /**
     * The prices in effect between two moments, newest first: the one in force at {@code from} (stamped
     * with the moment it took effect), and every change after it.
     */
    public List<PricePoint> history(InstanceTypeInfo type, AvailabilityZone zone, boolean windows, Instant from,
                                    Instant to) {
        List<UsePoint> points = new ArrayList<>();
        points.add(new UsePoint(epoch, 0));
        points.addAll(history.getOrDefault(key(zone.name(), type.family()), List.of()));
        List<PricePoint> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            UsePoint p = points.get(i);
            Instant next = i + 1 < points.size() ? points.get(i + 1).since() : null;
            boolean inForceAtFrom = from == null || next == null || next.isAfter(from);
            boolean startsBeforeTo = to == null || !p.since().isAfter(to);
            if (inForceAtFrom && startsBeforeTo) {
                out.add(new PricePoint(p.since(), priceAt(type, zone, windows, p.utilization())));
            }
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** When the price history starts. */
    Instant epoch() {
        return epoch;
    }

    /** Each fleet's use over time, by zone and family. */
    Map<String, List<UsePoint>> useHistory() {
        Map<String, List<UsePoint>> copy = new java.util.TreeMap<>();
        history.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** Sets the history the market had (a restart). */
    void restore(Instant epoch, Map<String, List<UsePoint>> history) {
        this.epoch = epoch;
        this.history.clear();
        history.forEach((k, v) -> this.history.put(k, new ArrayList<>(v)));
    }

    public void reset() {
        history.clear();
    }

    private static String key(String zone, String family) {
        return zone + "|" + family;
    }
}
