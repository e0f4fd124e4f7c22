package dev.gureum.elb.domain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block of a {@code source-ip} condition, IPv4 or IPv6. */
public record SourceCidr(BigInteger network, int prefix, int bits) {

    /** @throws IllegalArgumentException when the text is no CIDR block */
    public static SourceCidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("No prefix length: " + text);
        }
        byte[] address = literal(text.substring(0, slash));
        int bits = address.length * 8;
        int prefix = Integer.parseInt(text.substring(slash + 1));
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("Bad prefix length: " + text);
        }
        return new SourceCidr(mask(new BigInteger(1, address), prefix, bits), prefix, bits);
    }

    public boolean contains(String address) {
        byte[] bytes;
        try {
            bytes = literal(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return bytes.length * 8 == bits && mask(new BigInteger(1, bytes), prefix, bits).equals(network);
    }

    private static BigInteger mask(BigInteger value, int prefix, int bits) {
        return value.shiftRight(bits - prefix);
    }

    /** The bytes of an address literal; never a name lookup. */
    private static byte[] literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!t.matches("[0-9.]+") && !(t.contains(":") && t.matches("[0-9A-Fa-f:.]+"))) {
            throw new IllegalArgumentException("Not an address: " + text);
        }
        if (t.matches("[0-9.]+") && !t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException("Not an address: " + text);
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an address: " + text, e);
        }
    }
}
