package dev.gureum.ec2.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.gureum.core.datacenter.HostSize;

import dev.gureum.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Every EC2 instance type with its published specifications, and the zones of each region that offer
 * it (DescribeInstanceTypes and DescribeInstanceTypeOfferings as AWS answers them).
 */
public final class InstanceTypeCatalog {

    private static volatile InstanceTypeCatalog standard;

    private final Map<String, InstanceTypeInfo> types;
    private final Map<String, List<InstanceTypeInfo>> families;
    /** region -> instance type -> zone names offering it. */
    private final Map<String, Map<String, List<String>>> offerings;

    InstanceTypeCatalog(List<InstanceTypeInfo> types, Map<String, Map<String, List<String>>> offerings) {
        Map<String, InstanceTypeInfo> byName = new LinkedHashMap<>();
        Map<String, List<InstanceTypeInfo>> byFamily = new TreeMap<>();
        for (InstanceTypeInfo t : types) {
            byName.put(t.name(), t);
            byFamily.computeIfAbsent(t.family(), f -> new ArrayList<>()).add(t);
        }
        this.types = Collections.unmodifiableMap(byName);
        this.families = Collections.unmodifiableMap(byFamily);
        this.offerings = offerings;
    }

    /** The catalog shipped with Gureum, read once. */
    public static InstanceTypeCatalog standard() {
        InstanceTypeCatalog c = standard;
        if (c == null) {
            synchronized (InstanceTypeCatalog.class) {
                c = standard;
                if (c == null) {
                    c = new InstanceTypeCatalog(loadTypes(), loadOfferings());
                    standard = c;
                }
            }
        }
        return c;
    }

    public Optional<InstanceTypeInfo> find(String name) {
        return Optional.ofNullable(name == null ? null : types.get(name));
    }

    /** All types, by name. */
    public List<InstanceTypeInfo> all() {
        return List.copyOf(types.values());
    }

    public List<InstanceTypeInfo> family(String family) {
        return families.getOrDefault(family, List.of());
    }

    public boolean isOffered(String type, String region) {
        return offerings.getOrDefault(region, Map.of()).containsKey(type);
    }

    /** The zones of a region that offer a type, in name order. */
    public List<String> zonesOffering(String type, String region) {
        return offerings.getOrDefault(region, Map.of()).getOrDefault(type, List.of());
    }

    /** The types offered in a region, with their zones. */
    public Map<String, List<String>> offerings(String region) {
        return offerings.getOrDefault(region, Map.of());
    }

    /**
     * The capacity of one host of a family: that of its largest size (a Dedicated Host of {@code m5}
     * holds one {@code m5.24xlarge}: 96 vCPUs, 384 GiB). Burstable hosts oversubscribe their cores: a
     * T3 Dedicated Host runs 192 {@code t3.nano} or 24 {@code t3.2xlarge}.
     */
    public HostSize hostSize(String family) {
        List<InstanceTypeInfo> members = families.get(family);
        if (members == null || members.isEmpty()) {
            return null;
        }
        InstanceTypeInfo largest = members.stream()
                .max(Comparator.comparingInt(InstanceTypeInfo::vcpus).thenComparingLong(InstanceTypeInfo::memoryMiB))
                .orElseThrow();
        int cores = Math.max(1, largest.cores());
        int sockets = cores >= 32 ? 2 : 1;
        if (largest.burstable()) {
            return new HostSize(largest.vcpus() * 48, largest.memoryMiB() * 24, 2, 48);
        }
        return new HostSize(largest.vcpus(), largest.memoryMiB(), sockets, cores);
    }

    private static List<InstanceTypeInfo> loadTypes() {
        List<Map<String, Object>> raw;
        try (InputStream in = open("instance-types.json.gz")) {
            raw = Json.mapper().readValue(in, new TypeReference<List<Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<InstanceTypeInfo> out = new ArrayList<>(raw.size());
        for (Map<String, Object> d : raw) {
            String name = (String) d.get("instanceType");
            String family = name.substring(0, name.indexOf('.'));
            Map<?, ?> vcpu = (Map<?, ?>) d.get("vCpuInfo");
            Map<?, ?> memory = (Map<?, ?>) d.get("memoryInfo");
            Map<?, ?> processor = (Map<?, ?>) d.getOrDefault("processorInfo", Map.of());
            @SuppressWarnings("unchecked")
            List<String> archs = (List<String>) processor.get("supportedArchitectures");
            int vcpus = number(vcpu.get("defaultVCpus"));
            int cores = vcpu.get("defaultCores") == null ? vcpus : number(vcpu.get("defaultCores"));
            int threads = vcpu.get("defaultThreadsPerCore") == null ? 1 : number(vcpu.get("defaultThreadsPerCore"));
            out.add(new InstanceTypeInfo(name, family, InstanceCategory.ofFamily(family), vcpus, cores, threads,
                    ((Number) memory.get("sizeInMiB")).longValue(), archs == null ? List.of("x86_64") : archs,
                    Boolean.TRUE.equals(d.get("burstablePerformanceSupported")), (String) d.get("hypervisor"),
                    Boolean.TRUE.equals(d.get("bareMetal")), Boolean.TRUE.equals(d.get("currentGeneration")),
                    acceleratorCount(d), (String) processor.get("manufacturer"), Collections.unmodifiableMap(d)));
        }
        return out;
    }

    private static int acceleratorCount(Map<String, Object> d) {
        int count = 0;
        for (String info : List.of("gpuInfo", "neuronInfo", "inferenceAcceleratorInfo", "fpgaInfo")) {
            if (d.get(info) instanceof Map<?, ?> m) {
                for (Object list : m.values()) {
                    if (list instanceof List<?> devices) {
                        for (Object device : devices) {
                            if (device instanceof Map<?, ?> dev && dev.get("count") instanceof Number n) {
                                count += n.intValue();
                            }
                        }
                    }
                }
            }
        }
        return count;
    }

    private static int number(Object o) {
        return ((Number) o).intValue();
    }

    private static Map<String, Map<String, List<String>>> loadOfferings() {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        try (InputStream in = open("instance-type-offerings.tsv.gz")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                String region = f[0];
                List<String> zones = new ArrayList<>();
                for (char letter : f[1].toCharArray()) {
                    zones.add(region + letter);
                }
                Map<String, List<String>> byType = out.computeIfAbsent(region, r -> new TreeMap<>());
                for (String type : f[2].split(" ")) {
                    byType.put(type, List.copyOf(zones));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = InstanceTypeCatalog.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing catalog resource " + resource);
        }
        return new GZIPInputStream(in);
    }
}
