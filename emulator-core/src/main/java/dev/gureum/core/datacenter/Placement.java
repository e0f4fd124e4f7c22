package dev.gureum.core.datacenter;

import java.util.List;
import java.util.Map;

/**
 * What the hypervisor did with a {@link PlacementRequest}.
 *
 * @param hostOf      the host of each placed guest, by instance id, in launch order (fewer than asked
 *                    when the fleet had room for only some of the optional ones)
 * @param interrupted Spot guests evicted to make room; their owners must terminate them
 */
public record Placement(Map<String, String> hostOf, List<Guest> interrupted) {

    public Placement {
        hostOf = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hostOf));
        interrupted = List.copyOf(interrupted);
    }

    public int placedCount() {
        return hostOf.size();
    }
}
