package dev.gureum.ec2.domain;

import java.time.Duration;

/**
 * How the simulation behaves.
 *
 * @param bootTime       how long an instance stays {@code pending} (and {@code stopping}, {@code shutting-down})
 * @param hostsPerFamily hosts of each instance family in each zone
 */
public record Ec2Settings(Duration bootTime, int hostsPerFamily) {

    public static final Ec2Settings DEFAULTS = new Ec2Settings(Duration.ofSeconds(1), 8);
    /** Setting names in the server configuration ({@code --ec2-boot-seconds}, {@code --ec2-hosts-per-family}). */
    public static final String BOOT_SECONDS = "ec2.boot-seconds";
    public static final String HOSTS_PER_FAMILY = "ec2.hosts-per-family";

    public Ec2Settings {
        if (bootTime.isNegative()) {
            throw new IllegalArgumentException("Boot time cannot be negative: " + bootTime);
        }
        if (hostsPerFamily < 1) {
            throw new IllegalArgumentException("At least one host per family: " + hostsPerFamily);
        }
    }

    public Ec2Settings withBootTime(Duration bootTime) {
        return new Ec2Settings(bootTime, hostsPerFamily);
    }

    public Ec2Settings withHostsPerFamily(int hosts) {
        return new Ec2Settings(bootTime, hosts);
    }

    /** How long a terminated instance stays visible in DescribeInstances (about an hour on AWS). */
    public Duration terminatedVisibility() {
        return Duration.ofHours(1);
    }
}
