package dev.gureum.elb.http;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The socket addresses of {@code ip} targets, made once per address and port rather than for every request
 * (making one parses the IP address). At most {@value #MAX} are kept.
 */
final class IpTargetAddresses {

    private static final int MAX = 4096;

    private record Target(String ip, int port) {
    }

    private final Map<Target, InetSocketAddress> addresses = new ConcurrentHashMap<>();

    InetSocketAddress of(String ip, int port) {
        Target key = new Target(ip, port);
        InetSocketAddress address = addresses.get(key);
        if (address == null) {
            if (addresses.size() >= MAX) {
                addresses.clear();
            }
            address = new InetSocketAddress(ip, port);
            addresses.put(key, address);
        }
        return address;
    }
}
