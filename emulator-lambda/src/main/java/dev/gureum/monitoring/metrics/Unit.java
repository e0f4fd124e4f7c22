package dev.gureum.monitoring.metrics;

import java.util.HashMap;
import java.util.Map;

/** CloudWatch's units, by the names the API spells them. */
public enum Unit {
    SECONDS("Seconds"), MICROSECONDS("Microseconds"), MILLISECONDS("Milliseconds"), BYTES("Bytes"),
    KILOBYTES("Kilobytes"), MEGABYTES("Megabytes"), GIGABYTES("Gigabytes"), TERABYTES("Terabytes"), BITS("Bits"),
    KILOBITS("Kilobits"), MEGABITS("Megabits"), GIGABITS("Gigabits"), TERABITS("Terabits"), PERCENT("Percent"),
    COUNT("Count"), BYTES_PER_SECOND("Bytes/Second"), KILOBYTES_PER_SECOND("Kilobytes/Second"),
    MEGABYTES_PER_SECOND("Megabytes/Second"), GIGABYTES_PER_SECOND("Gigabytes/Second"),
    TERABYTES_PER_SECOND("Terabytes/Second"), BITS_PER_SECOND("Bits/Second"), KILOBITS_PER_SECOND("Kilobits/Second"),
    MEGABITS_PER_SECOND("Megabits/Second"), GIGABITS_PER_SECOND("Gigabits/Second"),
    TERABITS_PER_SECOND("Terabits/Second"), COUNT_PER_SECOND("Count/Second"), NONE("None");

    private static final Map<String, Unit> BY_NAME = new HashMap<>();

    static {
        for (Unit u : values()) {
            BY_NAME.put(u.wireName, u);
        }
    }

    private final String wireName;

    Unit(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The unit of a name, or {@code null} when CloudWatch has none of that name. */
    public static Unit of(String name) {
        return BY_NAME.get(name);
    }
}
