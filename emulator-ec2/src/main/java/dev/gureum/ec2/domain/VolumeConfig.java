package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;

import java.util.List;
import java.util.Locale;

/**
 * What an EBS volume is provisioned as: its type, size, IOPS and throughput, checked against AWS's
 * limits per type (the EBS user guide's volume type tables).
 *
 * @param iops       provisioned or baseline IOPS; {@code null} for st1, sc1 and standard, which AWS reports without
 * @param throughput MiB/s, gp3 only
 */
public record VolumeConfig(String type, int sizeGiB, Integer iops, Integer throughput) {

    public static final List<String> TYPES = List.of("standard", "io1", "io2", "gp2", "sc1", "st1", "gp3");

    /** A type's limits: sizes in GiB, provisioned IOPS and IOPS per GiB (0 when IOPS cannot be set). */
    private record Limits(int minSize, int maxSize, int minIops, int maxIops, int iopsPerGiB) {
    }

    private static Limits limits(String type) {
        return switch (type) {
            case "gp2" -> new Limits(1, 16384, 0, 0, 0);
            case "gp3" -> new Limits(1, 16384, 3000, 16000, 500);
            case "io1" -> new Limits(4, 16384, 100, 64000, 50);
            case "io2" -> new Limits(4, 65536, 100, 256000, 1000);
            case "st1", "sc1" -> new Limits(125, 16384, 0, 0, 0);
            case "standard" -> new Limits(1, 1024, 0, 0, 0);
            default -> null;
        };
    }

    /** Whether a type name is one EBS has. */
    public static boolean known(String type) {
        return limits(type) != null;
    }

    public static String checkType(String type) {
        if (!known(type)) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + type
                    + ") for parameter volumeType is invalid. Valid values are: " + String.join(", ", TYPES) + ".");
        }
        return type;
    }

    /**
     * A volume as asked for: missing values take AWS's defaults (gp2 3 IOPS per GiB between 100 and
     * 16,000; gp3 3,000 IOPS and 125 MiB/s), and everything is checked.
     *
     * @param minimumSize the smallest size allowed (the size of the snapshot it is made from), or 0
     */
    public static VolumeConfig of(String type, Integer size, Integer iops, Integer throughput, int minimumSize) {
        String t = checkType(type == null ? "gp2" : type);
        Limits l = limits(t);
        if (size == null) {
            if (minimumSize <= 0) {
                throw new AwsException(Ec2Error.MISSING_PARAMETER,
                        "The request must contain the parameter size or snapshotId");
            }
            size = Math.max(minimumSize, l.minSize());
        }
        if (size < l.minSize()) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Volume of " + size + "GiB is too small; minimum is " + l.minSize() + "GiB.");
        }
        if (size > l.maxSize()) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Volume of " + size + "GiB is too large; maximum is " + l.maxSize() + "GiB.");
        }
        if (size < minimumSize) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Volume of " + size + "GiB is too small; minimum is " + minimumSize + "GiB.");
        }
        if (throughput != null && !t.equals("gp3")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "The parameter throughput is not supported for " + t + " volumes.");
        }
        if (iops != null && l.iopsPerGiB() == 0) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "The parameter iops is not supported for " + t + " volumes.");
        }
        return switch (t) {
            case "gp2" -> new VolumeConfig(t, size, gp2Iops(size), null);
            case "gp3" -> gp3(size, iops == null ? 3000 : iops, throughput == null ? 125 : throughput);
            case "io1", "io2" -> {
                if (iops == null) {
                    throw new AwsException(Ec2Error.MISSING_PARAMETER,
                            "The request must contain the parameter iops for " + t + " volumes.");
                }
                checkIops(t, l, size, iops);
                yield new VolumeConfig(t, size, iops, null);
            }
            default -> new VolumeConfig(t, size, null, null);
        };
    }

    /** gp2 earns 3 IOPS per GiB, at least 100 and at most 16,000. */
    static int gp2Iops(int size) {
        return Math.max(100, Math.min(16000, 3 * size));
    }

    private static VolumeConfig gp3(int size, int iops, int throughput) {
        checkIops("gp3", limits("gp3"), size, iops);
        if (throughput < 125 || throughput > 1000) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Throughput (MiBps) value " + throughput + " is out of range. Valid range is 125 to 1000.");
        }
        // gp3 gives at most 0.25 MiB/s per provisioned IOPS
        if (throughput * 4L > iops) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Throughput (MiBps) to iops ratio of "
                    + String.format(Locale.ROOT, "%.6f", throughput / (double) iops)
                    + " is too high; maximum is 0.250000 MiBps per iops.");
        }
        return new VolumeConfig("gp3", size, iops, throughput);
    }

    private static void checkIops(String type, Limits l, int size, int iops) {
        if (iops < l.minIops() || iops > l.maxIops()) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Volume iops of " + iops
                    + " is out of range for " + type + ". Valid range is " + l.minIops() + " to " + l.maxIops() + ".");
        }
        // gp3 may keep its 3,000 IOPS baseline whatever its size
        if (iops > (long) l.iopsPerGiB() * size && !(type.equals("gp3") && iops <= 3000)) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Iops to volume size ratio of "
                    + String.format(Locale.ROOT, "%.6f", iops / (double) size) + " is too high; maximum is "
                    + String.format(Locale.ROOT, "%.6f", (double) l.iopsPerGiB()) + ".");
        }
    }

    /**
     * The configuration a ModifyVolume asks for: unspecified values are kept where the new type has
     * them; the size may only grow.
     */
    public VolumeConfig modified(String newType, Integer newSize, Integer newIops, Integer newThroughput) {
        String t = newType == null ? type : checkType(newType);
        int size = newSize == null ? sizeGiB : newSize;
        if (size < sizeGiB) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "New size cannot be smaller than existing size");
        }
        Integer iops = newIops;
        Integer throughput = newThroughput;
        if (iops == null && t.equals(type) && (t.equals("gp3") || t.startsWith("io"))) {
            iops = this.iops;
        } else if (iops == null && t.startsWith("io") && this.iops != null) {
            iops = this.iops;
        }
        if (throughput == null && t.equals("gp3") && type.equals("gp3")) {
            throughput = this.throughput;
        }
        VolumeConfig target = of(t, size, iops, throughput, 0);
        if (target.equals(this)) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_COMBINATION,
                    "New size, type, iops or throughput must differ from the volume's current configuration.");
        }
        return target;
    }
}
