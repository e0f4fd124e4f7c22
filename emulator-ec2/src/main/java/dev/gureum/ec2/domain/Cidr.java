package dev.gureum.ec2.domain;

/** An IPv4 CIDR block, e.g. {@code 10.0.0.0/16}, normalised to its network address. */
public record Cidr(long network, int prefixLength) {

    public Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength);
        }
        network = network & mask(prefixLength);
    }

    /**
     * Parses {@code a.b.c.d/n}.
     *
     * @throws IllegalArgumentException when the text is not an IPv4 CIDR block
     */
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no CIDR");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("no prefix length: " + text);
        }
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length: " + text);
        }
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("bad prefix length: " + text);
        }
        return new Cidr(parseAddress(text.substring(0, slash)), prefix);
    }

    /** Whether the text is an IPv4 CIDR block written with its network address (no host bits set). */
    public static boolean isCanonical(String text) {
        Cidr c = parse(text);
        return parseAddress(text.substring(0, text.indexOf('/'))) == c.network;
    }

    public static long parseAddress(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        long value = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            value = value << 8 | octet;
        }
        return value;
    }

    public static String formatAddress(long address) {
        return ((address >> 24) & 0xff) + "." + ((address >> 16) & 0xff) + "." + ((address >> 8) & 0xff) + "."
                + (address & 0xff);
    }

    private static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xffffffffL << (32 - prefixLength)) & 0xffffffffL;
    }

    public long size() {
        return 1L << (32 - prefixLength);
    }

    public long first() {
        return network;
    }

    public long last() {
        return network + size() - 1;
    }

    public boolean contains(Cidr other) {
        return other.prefixLength >= prefixLength && (other.network & mask(prefixLength)) == network;
    }

    public boolean contains(long address) {
        return (address & mask(prefixLength)) == network;
    }

    public boolean overlaps(Cidr other) {
        return contains(other) || other.contains(this);
    }

    /**
     * Addresses instances may use: AWS reserves the first four of every subnet (network, router, DNS,
     * future use) and the last (broadcast).
     */
    public long usableAddresses() {
        return Math.max(0, size() - 5);
    }

    @Override
    public String toString() {
        return formatAddress(network) + "/" + prefixLength;
    }
}
