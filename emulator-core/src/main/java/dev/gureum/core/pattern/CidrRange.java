package dev.gureum.core.pattern;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network written as a CIDR block, for the {@code cidr} operator. */
final class CidrRange {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private final int bits;
    private final BigInteger network;
    private final int prefix;

    private CidrRange(int bits, BigInteger network, int prefix) {
        this.bits = bits;
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses {@code address/bits}, with the messages AWS answers for malformed blocks. */
    static CidrRange parse(String text) throws PatternException {
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw PatternException.invalid("Malformed CIDR, one '/' required");
        }
        String address = text.substring(0, slash);
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw PatternException.invalid("Malformed CIDR, mask bits must be an integer");
        }
        BigInteger value = parseAddress(address);
        if (value == null) {
            throw PatternException.invalid("Nonstandard IP address: " + address);
        }
        int bits = address.contains(":") ? 128 : 32;
        if (prefix < 0 || prefix > bits) {
            throw PatternException.invalid("Malformed CIDR, mask bits must be between 0 and " + bits);
        }
        return new CidrRange(bits, value.shiftRight(bits - prefix), prefix);
    }

    boolean contains(String address) {
        BigInteger value = parseAddress(address);
        if (value == null || (address.contains(":") ? 128 : 32) != bits) {
            return false;
        }
        return value.shiftRight(bits - prefix).equals(network);
    }

    /** The address as a number, or {@code null} when it is not a plain IPv4 or IPv6 address. */
    static BigInteger parseAddress(String text) {
        if (text.indexOf(':') < 0) {
            if (!IPV4.matcher(text).matches()) {
                return null;
            }
            BigInteger value = BigInteger.ZERO;
            for (String part : text.split("\\.")) {
                value = value.shiftLeft(8).add(BigInteger.valueOf(Integer.parseInt(part)));
            }
            return value;
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String[] head = gap < 0 ? text.split(":", -1) : groups(text.substring(0, gap));
        String[] tail = gap < 0 ? new String[0] : groups(text.substring(gap + 2));
        if (head == null || tail == null) {
            return null;
        }
        int missing = 8 - head.length - tail.length;
        if (gap < 0 ? head.length != 8 : missing < 1) {
            return null;
        }
        BigInteger value = BigInteger.ZERO;
        for (String[] part : new String[][] {head, new String[gap < 0 ? 0 : missing], tail}) {
            for (String group : part) {
                if (group != null && !IPV6_GROUP.matcher(group).matches()) {
                    return null;
                }
                value = value.shiftLeft(16).add(group == null ? BigInteger.ZERO : new BigInteger(group, 16));
            }
        }
        return value;
    }

    private static String[] groups(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        String[] groups = text.split(":", -1);
        for (String g : groups) {
            if (g.isEmpty()) {
                return null;
            }
        }
        return groups;
    }
}
