package dev.gureum.core.http;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names Gureum's own endpoints answer to. A page that rebinds its own DNS name to 127.0.0.1
 * still sends that name as {@code Host}, so refusing unknown names keeps such pages out.
 * <ul>
 *   <li>always: {@code localhost}, {@code *.localhost}, loopback addresses ({@code 127.0.0.1},
 *       {@code [::1]}), {@code localhost.localstack.cloud} and its subdomains (public DNS resolves
 *       them to 127.0.0.1);</li>
 *   <li>the address Gureum listens on; when that is every address ({@code 0.0.0.0}, {@code ::}), the
 *       machine's host name and the addresses of its network interfaces;</li>
 *   <li>the configured names: {@code name} exactly, {@code *.domain} for any name under it.</li>
 * </ul>
 */
final class AllowedHosts {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*(%[0-9a-z._-]+)?");
    /** Interfaces and names change (VPNs, DHCP): looked up again after this long. */
    private static final long MACHINE_TTL_NANOS = 30_000_000_000L;

    private final Set<String> names = new HashSet<>();
    private final List<String> suffixes;
    private final InetAddress bound;
    private final boolean everyAddress;
    private volatile Machine machine;

    private record Machine(Set<String> names, Set<InetAddress> addresses, long at) {
    }

    /**
     * @param bindHost the address Gureum listens on
     * @param extra    configured names: {@code name} or {@code *.domain}
     */
    AllowedHosts(String bindHost, List<String> extra) {
        names.add("localhost");
        names.add("localhost.localstack.cloud");
        java.util.List<String> s = new java.util.ArrayList<>(List.of(".localhost", ".localhost.localstack.cloud"));
        for (String e : extra) {
            String name = normalize(e);
            if (name.isEmpty()) {
                continue;
            }
            if (name.startsWith("*.")) {
                s.add(name.substring(1));
            } else {
                names.add(name);
            }
        }
        this.suffixes = List.copyOf(s);
        String host = bindHost.startsWith("[") && bindHost.endsWith("]")
                ? bindHost.substring(1, bindHost.length() - 1) : bindHost;
        InetAddress literal = literal(host.toLowerCase(Locale.ROOT));
        this.everyAddress = literal != null && literal.isAnyLocalAddress();
        this.bound = literal == null || everyAddress ? null : literal;
        if (literal == null) {
            names.add(normalize(host));
        }
    }

    /** Whether a {@code Host} header (name or address, with or without a port) names this server. */
    boolean allows(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostOnly(hostHeader.trim());
        if (host == null || host.isEmpty()) {
            return false;
        }
        InetAddress address = literal(host);
        if (address != null) {
            // listening on every address, 0.0.0.0 reaches this machine too
            return address.isLoopbackAddress() || address.equals(bound) || names.contains(host)
                    || everyAddress && (address.isAnyLocalAddress() || machine().addresses().contains(address));
        }
        String name = normalize(host);
        if (names.contains(name)) {
            return true;
        }
        for (String suffix : suffixes) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return true;
            }
        }
        return everyAddress && machine().names().contains(name);
    }

    /** The host part of a {@code Host} header or an origin's authority, lower case; {@code null} if malformed. */
    static String hostOnly(String authority) {
        String a = authority.toLowerCase(Locale.ROOT);
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0 || close + 1 < a.length() && a.charAt(close + 1) != ':') {
                return null;
            }
            return a.substring(0, close + 1);
        }
        int colon = a.indexOf(':');
        if (colon >= 0 && a.indexOf(':', colon + 1) >= 0) {
            return null;
        }
        return colon < 0 ? a : a.substring(0, colon);
    }

    /** The port of a {@code Host} header, or {@code defaultPort} when it names none; -1 if malformed. */
    static int portOf(String authority, int defaultPort) {
        int close = authority.startsWith("[") ? authority.indexOf(']') : -1;
        int colon = authority.indexOf(':', close + 1);
        if (colon < 0) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(authority.substring(colon + 1));
            return port >= 0 && port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** An IP address written as one ({@code 127.0.0.1}, {@code [::1]}, {@code ::1}), else {@code null}: never a lookup. */
    private static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4.matcher(h).matches() && !IPV6.matcher(h).matches()) {
            return null;
        }
        try {
            return withoutScope(InetAddress.getByName(h));
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static InetAddress withoutScope(InetAddress address) throws UnknownHostException {
        return InetAddress.getByAddress(address.getAddress());
    }

    /** This machine's host name and interface addresses; may look the name up, so never called on an IO thread. */
    private Machine machine() {
        Machine m = machine;
        if (m == null || System.nanoTime() - m.at() > MACHINE_TTL_NANOS) {
            m = lookUpMachine();
            machine = m;
        }
        return m;
    }

    private static Machine lookUpMachine() {
        Set<String> names = new HashSet<>();
        Set<InetAddress> addresses = new HashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(normalize(local.getHostName()));
            addresses.add(withoutScope(local));
        } catch (UnknownHostException | SecurityException e) {
            // a machine without a resolvable name is reached by address
        }
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    addresses.add(withoutScope(a));
                }
            }
        } catch (java.io.IOException | SecurityException e) {
            // no interfaces to add
        }
        return new Machine(Set.copyOf(names), Set.copyOf(addresses), System.nanoTime());
    }
}
