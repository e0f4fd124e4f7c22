package dev.gureum.core.spi;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where the workload of a simulated EC2 instance listens, for services that send it traffic (a load
 * balancer's {@code instance} targets and their health checks), bound by the server to EC2. An instance
 * has a workload only when the server runs user data ({@code --ec2-run-user-data}) and the instance is
 * running its script; traffic to an instance without one finds no address and fails as an unreachable
 * target does.
 */
public interface InstanceWorkloads {

    /**
     * The local address that stands for {@code port} of the instance {@code instanceId} of an account in
     * a region, or empty when the instance is not running a workload (no such instance, not running, or
     * user data not run).
     */
    Optional<InetSocketAddress> address(String account, String region, String instanceId, int port);

    /**
     * A request a load balancer sent to the instance, with the bytes of its request and answer bodies: what the
     * CPU of an instance without a workload is modelled from.
     */
    default void served(String account, String region, String instanceId, long bytes) {
    }
}
