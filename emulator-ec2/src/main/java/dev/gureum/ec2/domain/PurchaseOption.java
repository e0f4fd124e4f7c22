package dev.gureum.ec2.domain;

/** How running time is paid for. */
public enum PurchaseOption {
    ON_DEMAND("on-demand"),
    SPOT("spot"),
    RESERVED("reserved"),
    DEDICATED_HOST("dedicated host");

    private final String value;

    PurchaseOption(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
