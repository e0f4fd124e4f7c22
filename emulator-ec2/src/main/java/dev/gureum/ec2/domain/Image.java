package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A machine image (AMI): public ones from the catalog, or an account's own. */
public final class Image implements Tagged {

    /** The operating system an image runs, which decides billing and {@code platformDetails}. */
    public enum Platform {
        LINUX("Linux/UNIX", "RunInstances"),
        WINDOWS("Windows", "RunInstances:0002"),
        RHEL("Red Hat Enterprise Linux", "RunInstances:0010");

        private final String details;
        private final String usageOperation;

        Platform(String details, String usageOperation) {
            this.details = details;
            this.usageOperation = usageOperation;
        }

        public String details() {
            return details;
        }

        public String usageOperation() {
            return usageOperation;
        }
    }

    private final String id;
    private final String name;
    private final String description;
    private final String ownerId;
    private final String ownerAlias;
    private final Platform platform;
    private final String architecture;
    private final String rootDeviceName;
    private final int volumeSizeGiB;
    private final String volumeType;
    private final String bootMode;
    private final Instant creationDate;
    private final boolean isPublic;
    private final String sourceInstanceId;
    private final String snapshotId;
    private final boolean known;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private String state = "available";
    private java.time.Instant availableAt;

    public Image(String id, String name, String description, String ownerId, String ownerAlias, Platform platform,
                 String architecture, String rootDeviceName, int volumeSizeGiB, String volumeType, String bootMode,
                 Instant creationDate, boolean isPublic, String sourceInstanceId, boolean known) {
        this(id, name, description, ownerId, ownerAlias, platform, architecture, rootDeviceName, volumeSizeGiB,
                volumeType, bootMode, creationDate, isPublic, sourceInstanceId, known, Ids.ec2("snap"));
    }

    /** An image with the snapshot id it was given (one kept across a restart, or the snapshot it was made of). */
    public Image(String id, String name, String description, String ownerId, String ownerAlias, Platform platform,
          String architecture, String rootDeviceName, int volumeSizeGiB, String volumeType, String bootMode,
          Instant creationDate, boolean isPublic, String sourceInstanceId, boolean known, String snapshotId) {
        this.snapshotId = snapshotId;
        this.id = id;
        this.name = name;
        this.description = description;
        this.ownerId = ownerId;
        this.ownerAlias = ownerAlias;
        this.platform = platform;
        this.architecture = architecture;
        this.rootDeviceName = rootDeviceName;
        this.volumeSizeGiB = volumeSizeGiB;
        this.volumeType = volumeType;
        this.bootMode = bootMode;
        this.creationDate = creationDate;
        this.isPublic = isPublic;
        this.sourceInstanceId = sourceInstanceId;
        this.known = known;
    }

    /**
     * An image Gureum has no record of, for a well-formed id a client pasted from AWS: taken as a generic
     * Linux image of the architecture the instance type needs.
     */
    public static Image unknown(String id, String architecture, Instant now) {
        return new Image(id, null, null, null, null, Platform.LINUX, architecture, "/dev/xvda", 8, "gp3",
                null, now, false, null, false);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "image";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String ownerId() {
        return ownerId;
    }

    public String ownerAlias() {
        return ownerAlias;
    }

    public Platform platform() {
        return platform;
    }

    public boolean isWindows() {
        return platform == Platform.WINDOWS;
    }

    public String architecture() {
        return architecture;
    }

    public String rootDeviceName() {
        return rootDeviceName;
    }

    public int volumeSizeGiB() {
        return volumeSizeGiB;
    }

    public String volumeType() {
        return volumeType;
    }

    public String bootMode() {
        return bootMode;
    }

    public Instant creationDate() {
        return creationDate;
    }

    public boolean isPublic() {
        return isPublic;
    }

    public String sourceInstanceId() {
        return sourceInstanceId;
    }

    public String snapshotId() {
        return snapshotId;
    }

    /** Whether Gureum knows the image (catalog or registered) rather than taking an unknown id on trust. */
    public boolean known() {
        return known;
    }

    public String imageLocation() {
        if (name == null) {
            return null;
        }
        return (ownerAlias != null ? ownerAlias : ownerId) + "/" + name;
    }

    public String state() {
        return state;
    }

    public void state(String state) {
        this.state = state;
    }

    /** An image being made from an instance is {@code pending} until its snapshot is done. */
    public void pendingUntil(java.time.Instant when) {
        this.state = "pending";
        this.availableAt = when;
    }

    /** When a pending image becomes available, or {@code null}. */
    java.time.Instant availableAt() {
        return availableAt;
    }

    /** Sets the state an image had (a restart). */
    void state(String state, java.time.Instant availableAt) {
        this.state = state;
        this.availableAt = availableAt;
    }

    void settle(java.time.Instant now) {
        if (availableAt != null && !now.isBefore(availableAt)) {
            state = "available";
            availableAt = null;
        }
    }
}
