package dev.gureum.ec2.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gureum.core.datacenter.Guest;
import dev.gureum.core.datacenter.Host;
import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.http.Responses;
import dev.gureum.core.protocol.Values;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.NetworkInterface;
import dev.gureum.ec2.domain.NetworkInterfaces;
import dev.gureum.ec2.domain.Usage;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Gureum's own views of the simulated data center: {@code GET /_gureum/ec2/hosts} (the fleet, with every
 * host's tenancy, owner, capacity and guests) and {@code GET /_gureum/ec2/usage} (the metered cost so far).
 */
public final class Ec2Endpoints {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Ec2Endpoints() {
    }

    public static void install(InternalRoutes routes, Supplier<Ec2World> world) {
        routes.get("/_gureum/ec2/hosts", handler(world, Ec2Endpoints::hosts));
        routes.get("/_gureum/ec2/usage", handler(world, Ec2Endpoints::usage));
    }

    private interface View {
        ObjectNode render(Ec2World world, HttpServerExchange exchange);
    }

    private static HttpHandler handler(Supplier<Ec2World> world, View view) {
        return new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) {
                if (exchange.isInIoThread()) {
                    exchange.dispatch(this);
                    return;
                }
                Ec2World w = world.get();
                if (w == null) {
                    Responses.json(exchange, 503, "{\"error\":\"EC2 is disabled\"}");
                    return;
                }
                ObjectNode body = w.global(x -> view.render(x, exchange));
                Responses.json(exchange, 200, body.toString());
            }
        };
    }

    private static String query(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty() || values.peekFirst().isEmpty()) {
            return null;
        }
        return URLDecoder.decode(values.peekFirst(), StandardCharsets.UTF_8);
    }

    private static ObjectNode hosts(Ec2World world, HttpServerExchange exchange) {
        String region = query(exchange, "region");
        String zone = query(exchange, "availabilityZone");
        ObjectNode body = JSON.objectNode();
        ArrayNode hosts = body.putArray("hosts");
        for (Host h : world.dataCenter().hosts()) {
            if (region != null && !region.equals(h.zone().region()) || zone != null && !zone.equals(h.zone().name())) {
                continue;
            }
            ObjectNode node = hosts.addObject()
                    .put("id", h.id())
                    .put("region", h.zone().region())
                    .put("availabilityZone", h.zone().name())
                    .put("availabilityZoneId", h.zone().zoneId())
                    .put("instanceFamily", h.family())
                    .put("tenancy", h.tenancy().value())
                    .put("ownerAccountId", h.ownerAccountId())
                    .put("allocatedInstanceType", h.allocatedInstanceType())
                    .put("sockets", h.size().sockets())
                    .put("cores", h.size().cores())
                    .put("vcpus", h.size().vcpus())
                    .put("memoryMiB", h.size().memoryMiB())
                    .put("usedVcpus", h.usedVcpus())
                    .put("usedMemoryMiB", h.usedMemoryMiB());
            ArrayNode instances = node.putArray("instances");
            for (Guest g : h.guests()) {
                ObjectNode guest = instances.addObject()
                        .put("instanceId", g.instanceId())
                        .put("accountId", g.accountId())
                        .put("instanceType", g.instanceType())
                        .put("vcpus", g.vcpus())
                        .put("memoryMiB", g.memoryMiB())
                        .put("lifecycle", g.interruptible() ? "spot" : "on-demand")
                        .set("volumes", volumes(world, g.instanceId()));
                networkInterfaces(world, g.instanceId(), guest.putArray("networkInterfaces"));
            }
        }
        return body;
    }

    /** An instance's interfaces: id, device index, subnet, private addresses and the public one. */
    private static void networkInterfaces(Ec2World world, String instanceId, ArrayNode out) {
        for (NetworkInterface eni : NetworkInterfaces.ofInstance(world, instanceId)) {
            ObjectNode node = out.addObject()
                    .put("networkInterfaceId", eni.id())
                    .put("deviceIndex", eni.attachment().deviceIndex())
                    .put("subnetId", eni.subnet().id())
                    .put("macAddress", eni.macAddress())
                    .put("privateIpAddress", eni.privateIp())
                    .put("publicIp", eni.publicIp());
            ArrayNode ips = node.putArray("privateIpAddresses");
            eni.privateIps().forEach(ips::add);
        }
    }

    /** The EBS volumes attached to an instance: what the host's guest has for disks. */
    private static ArrayNode volumes(Ec2World world, String instanceId) {
        ArrayNode out = JSON.arrayNode();
        for (dev.gureum.ec2.domain.Volume v : dev.gureum.ec2.domain.Volumes.attachedTo(world, instanceId)) {
            out.addObject()
                    .put("volumeId", v.id())
                    .put("device", v.attachment().device())
                    .put("volumeType", v.config().type())
                    .put("sizeGiB", v.config().sizeGiB())
                    .put("iops", v.config().iops())
                    .put("throughput", v.config().throughput())
                    .put("state", v.attachment().state())
                    .put("deleteOnTermination", v.attachment().deleteOnTermination());
        }
        return out;
    }

    private static ObjectNode usage(Ec2World world, HttpServerExchange exchange) {
        ObjectNode body = JSON.objectNode();
        body.put("currency", "USD");
        body.put("asOf", Values.iso(world.now()));
        ArrayNode accounts = body.putArray("accounts");
        for (Usage.AccountUsage a : Usage.of(world, query(exchange, "accountId"))) {
            ObjectNode account = accounts.addObject().put("accountId", a.accountId()).put("cost", a.cost());
            ArrayNode instances = account.putArray("instances");
            for (Usage.InstanceUsage i : a.instances()) {
                ObjectNode node = instances.addObject()
                        .put("instanceId", i.instanceId())
                        .put("region", i.region())
                        .put("availabilityZone", i.availabilityZone())
                        .put("instanceType", i.instanceType())
                        .put("state", i.state())
                        .put("tenancy", i.tenancy())
                        .put("platform", i.platform())
                        .put("purchaseOption", i.purchaseOption())
                        .put("ratePerHour", i.ratePerHour())
                        .put("secondsRunning", i.secondsRunning())
                        .put("billedSeconds", i.billedSeconds())
                        .put("cost", i.cost());
                ArrayNode periods = node.putArray("periods");
                for (Usage.Period p : i.periods()) {
                    periods.addObject()
                            .put("start", Values.iso(p.start()))
                            .put("end", p.end() == null ? null : Values.iso(p.end()))
                            .put("purchaseOption", p.purchaseOption())
                            .put("ratePerHour", p.ratePerHour())
                            .put("seconds", p.seconds())
                            .put("billedSeconds", p.billedSeconds())
                            .put("cost", p.cost());
                }
            }
            ArrayNode hosts = account.putArray("dedicatedHosts");
            for (Usage.HostUsage h : a.hosts()) {
                hosts.addObject()
                        .put("hostId", h.hostId())
                        .put("region", h.region())
                        .put("availabilityZone", h.availabilityZone())
                        .put("instanceFamily", h.instanceFamily())
                        .put("state", h.state())
                        .put("purchaseOption", "dedicated host")
                        .put("ratePerHour", h.ratePerHour())
                        .put("secondsAllocated", h.secondsAllocated())
                        .put("cost", h.cost());
            }
            account.put("volumeCost", a.volumeCost()).put("totalCost", a.totalCost());
            ArrayNode volumes = account.putArray("volumes");
            for (dev.gureum.ec2.domain.VolumeUsage v : a.volumes()) {
                volumes.addObject()
                        .put("volumeId", v.volumeId())
                        .put("region", v.region())
                        .put("availabilityZone", v.availabilityZone())
                        .put("volumeType", v.volumeType())
                        .put("sizeGiB", v.sizeGiB())
                        .put("iops", v.iops())
                        .put("throughput", v.throughput())
                        .put("state", v.state())
                        .put("instanceId", v.instanceId())
                        .put("pricePerMonth", v.pricePerMonth())
                        .put("secondsProvisioned", v.secondsProvisioned())
                        .put("cost", v.cost());
            }
        }
        return body;
    }
}
