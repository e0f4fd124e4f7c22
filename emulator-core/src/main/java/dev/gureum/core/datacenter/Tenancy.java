package dev.gureum.core.datacenter;

/** How an instance shares hardware, as EC2's {@code Placement.Tenancy} says. */
public enum Tenancy {
    /** On shared hosts, next to other accounts' instances. */
    DEFAULT("default"),
    /** On hosts that no other account uses while the instance runs (Dedicated Instances). */
    DEDICATED("dedicated"),
    /** On a Dedicated Host that the account allocated. */
    HOST("host");

    private final String value;

    Tenancy(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The tenancy of a wire value, or {@code null} when there is none by that name. */
    public static Tenancy of(String value) {
        for (Tenancy t : values()) {
            if (t.value.equals(value)) {
                return t;
            }
        }
        return null;
    }
}
