package dev.gureum.ec2.domain;

import dev.gureum.core.datacenter.Host;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The serial console output of an instance's last boot, as GetConsoleOutput returns it: the kernel and
 * cloud-init lines of a real boot, which here also name the simulated host and hypervisor it booted on.
 */
public final class ConsoleLog {

    private static final DateTimeFormatter CLOUD_INIT_TIME =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss '+0000'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WINDOWS_TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private ConsoleLog() {
    }

    /**
     * @param host     the host it booted on, or {@code null} when it no longer runs
     * @param bootedAt when the boot began
     */
    public static String of(Instance i, Host host, Instant bootedAt) {
        String hypervisor = i.type().hypervisor();
        String hostLine = host == null ? "host released"
                : "host " + host.id() + " (" + host.family() + " host: " + host.size().vcpus() + " vCPUs, "
                + host.size().memoryMiB() / 1024 + " GiB, " + host.size().sockets() + " sockets) in " + host.zone().name()
                + " (" + host.zone().zoneId() + "), tenancy " + host.tenancy().value() + ", "
                + (host.guests().size() - 1) + " other guests";
        if (i.image().isWindows()) {
            return WINDOWS_TIME.format(bootedAt) + ": Hypervisor: " + hypervisorName(hypervisor) + " on " + hostLine + "\r\n"
                    + WINDOWS_TIME.format(bootedAt) + ": Instance type: " + i.type().name() + ", " + i.type().vcpus()
                    + " vCPUs, " + i.type().memoryMiB() + " MiB\r\n"
                    + WINDOWS_TIME.format(bootedAt.plusSeconds(2)) + ": Ec2Launch: Set IP address " + i.privateIp() + "\r\n"
                    + WINDOWS_TIME.format(bootedAt.plusSeconds(3)) + ": Windows sysprep configuration complete.\r\n"
                    + WINDOWS_TIME.format(bootedAt.plusSeconds(4)) + ": Message: Windows is Ready to use\r\n";
        }
        String arch = i.image().architecture().equals("arm64") ? "aarch64" : "x86_64";
        String hostname = "ip-" + (i.privateIp() == null ? "0-0-0-0" : i.privateIp().replace('.', '-'));
        StringBuilder log = new StringBuilder();
        log.append("[    0.000000] Linux version 6.1.124-134.200.amzn2023.").append(arch)
                .append(" (mockbuild@ip-10-0-48-2) (gcc (GCC) 11.4.1) #1 SMP PREEMPT_DYNAMIC\n");
        log.append("[    0.000000] Command line: BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz root=UUID=").append(i.rootVolumeId())
                .append(" ro console=tty0 console=ttyS0,115200n8 nvme_core.io_timeout=4294967295\n");
        log.append("[    0.000000] DMI: Amazon EC2 ").append(i.type().name()).append("/, BIOS 1.0 10/16/2017\n");
        log.append("[    0.000000] Hypervisor detected: ").append(hypervisorName(hypervisor)).append('\n');
        log.append("[    0.000000] gureum: ").append(hostLine).append('\n');
        log.append("[    0.004000] smpboot: Allowing ").append(i.type().vcpus()).append(" CPUs, 0 hotplug CPUs\n");
        log.append("[    0.012000] Memory: ").append(i.type().memoryMiB() * 1024).append("K available\n");
        log.append("[    0.810000] ena 0000:00:05.0: Elastic Network Adapter (ENA) found at mem febf4000, mac addr ")
                .append(i.macAddress()).append('\n');
        log.append("[    1.420000] nvme nvme0: 2/0/0 default/read/poll queues\n");
        log.append("[    2.100000] cloud-init[1521]: Cloud-init v. 22.2.2 running 'init' at ")
                .append(CLOUD_INIT_TIME.format(bootedAt.plusSeconds(2))).append(". Up 2.10 seconds.\n");
        log.append("[    2.300000] cloud-init[1521]: ci-info: |  ens5  | True | ").append(i.privateIp())
                .append(" | ").append(i.macAddress()).append(" |\n");
        if (i.userData() != null) {
            log.append("[    3.000000] cloud-init[1620]: running user data (").append(i.userData().length).append(" bytes)\n");
        }
        log.append("[    3.500000] cloud-init[1700]: Cloud-init v. 22.2.2 finished at ")
                .append(CLOUD_INIT_TIME.format(bootedAt.plusSeconds(3))).append(". Datasource DataSourceEc2. Up 3.50 seconds\n");
        log.append("\n").append(i.image().name() != null && i.image().name().startsWith("ubuntu")
                ? "Ubuntu LTS " + hostname + " ttyS0" : "Amazon Linux 2023\nKernel 6.1.124 on an " + arch)
                .append("\n\n").append(hostname).append(" login: \n");
        return log.toString();
    }

    private static String hypervisorName(String hypervisor) {
        if (hypervisor == null) {
            return "none (bare metal)";
        }
        return hypervisor.equals("nitro") ? "KVM (AWS Nitro)" : "Xen HVM";
    }
}
