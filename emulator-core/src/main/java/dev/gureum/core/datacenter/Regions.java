package dev.gureum.core.datacenter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The commercial AWS regions and their real availability zones (names and zone ids). */
public final class Regions {

    private static final String RESOURCE = "regions.tsv";
    private static volatile Regions standard;

    private final Map<String, Region> regions;
    private final Map<String, AvailabilityZone> zonesByName = new LinkedHashMap<>();
    private final Map<String, AvailabilityZone> zonesById = new LinkedHashMap<>();

    public Regions(List<Region> regions) {
        Map<String, Region> byName = new LinkedHashMap<>();
        for (Region r : regions) {
            byName.put(r.name(), r);
            for (AvailabilityZone z : r.zones()) {
                zonesByName.put(z.name(), z);
                zonesById.put(z.zoneId(), z);
            }
        }
        this.regions = Collections.unmodifiableMap(byName);
    }

    /** The regions Gureum knows, read once from the catalog shipped with core. */
    public static Regions standard() {
        Regions r = standard;
        if (r == null) {
            synchronized (Regions.class) {
                r = standard;
                if (r == null) {
                    r = load();
                    standard = r;
                }
            }
        }
        return r;
    }

    public List<Region> all() {
        return List.copyOf(regions.values());
    }

    public Optional<Region> find(String name) {
        return Optional.ofNullable(name == null ? null : regions.get(name));
    }

    public Optional<AvailabilityZone> zone(String name) {
        return Optional.ofNullable(name == null ? null : zonesByName.get(name));
    }

    public Optional<AvailabilityZone> zoneById(String zoneId) {
        return Optional.ofNullable(zoneId == null ? null : zonesById.get(zoneId));
    }

    private static Regions load() {
        List<Region> list = new ArrayList<>();
        try (InputStream in = Regions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                List<AvailabilityZone> zones = new ArrayList<>();
                for (String pair : f[3].split(",")) {
                    String[] z = pair.split(":");
                    zones.add(new AvailabilityZone(z[0], z[1], f[0]));
                }
                list.add(new Region(f[0], f[2], f[1].equals("opt-in"), zones));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Regions(list);
    }
}
