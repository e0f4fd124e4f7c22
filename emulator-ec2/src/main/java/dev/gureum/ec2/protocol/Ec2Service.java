package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2World;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * EC2 over the ec2 query protocol. Operations are grouped by resource; every other operation of the
 * EC2 API answers NotImplemented, naming itself.
 */
public final class Ec2Service extends ActionService implements dev.gureum.core.spi.InstanceActions,
        dev.gureum.core.spi.InstanceWorkloads {

    private final Ec2World world;
    private final dev.gureum.ec2.domain.InstanceMetrics metrics;
    private final dev.gureum.ec2.domain.InstanceMetadataService metadata;
    private final dev.gureum.ec2.workload.UserDataWorkloads workloads;

    public Ec2Service(Ec2World world) {
        this(world, null);
    }

    /** With the instances' CloudWatch metrics, stopped when the service closes. */
    public Ec2Service(Ec2World world, dev.gureum.ec2.domain.InstanceMetrics metrics) {
        this(world, metrics, new dev.gureum.ec2.domain.InstanceMetadataService(world, null), null);
    }

    /** With the instances' metadata services, and their user data run as processes unless {@code workloads} is {@code null}. */
    public Ec2Service(Ec2World world, dev.gureum.ec2.domain.InstanceMetrics metrics,
                      dev.gureum.ec2.domain.InstanceMetadataService metadata,
                      dev.gureum.ec2.workload.UserDataWorkloads workloads) {
        super(dev.gureum.ec2.Ec2Module.DESCRIPTOR);
        this.world = world;
        this.metrics = metrics;
        this.metadata = metadata;
        this.workloads = workloads;
        for (String action : allOperations()) {
            register(action, r -> {
                throw new AwsException(CommonError.NOT_IMPLEMENTED,
                        "The operation " + r.action() + " is not supported by Gureum's EC2.");
            });
        }
        java.util.function.BiConsumer<String, Operation> op = (name, operation) -> register(name, request -> {
            if (request.params().bool("DryRun", false)) {
                throw new AwsException(Ec2Error.DRY_RUN_OPERATION, "Request would have succeeded, but DryRun flag is set.");
            }
            String action = request.action();
            Object result = action.startsWith("Describe") || action.startsWith("Get")
                    ? world.reading(() -> operation.invoke(request)) : operation.invoke(request);
            if (workloads != null) {
                workloads.changed();
            }
            // answer once what the operation changed is durable (at once without a data directory)
            java.util.concurrent.CompletableFuture<Void> durable = world.durable().toCompletableFuture();
            return durable.isDone() && !durable.isCompletedExceptionally() ? result : durable.thenApply(done -> result);
        });
        new CatalogOperations(world).register(op);
        new InstanceOperations(world, this::authorizer).register(op);
        new TagOperations(world).register(op);
        new VpcOperations(world).register(op);
        new SecurityGroupOperations(world).register(op);
        new KeyPairOperations(world).register(op);
        new AddressOperations(world).register(op);
        new ImageOperations(world).register(op);
        new HostOperations(world).register(op);
        new SpotOperations(world).register(op);
        new ReservedInstanceOperations(world).register(op);
        new LaunchTemplateOperations(world).register(op);
        InstanceLaunchOptions.register(world, op);
        new GatewayOperations(world).register(op);
        new RouteTableOperations(world).register(op);
        new DhcpOptionsOperations(world).register(op);
        new VpcEndpointOperations(world).register(op);
        new PeeringOperations(world).register(op);
        new NetworkAclOperations(world).register(op);
        new NetworkInterfaceOperations(world).register(op);
        new VolumeOperations(world).register(op);
        new SnapshotOperations(world).register(op);
        new EbsEncryptionOperations(world).register(op);
    }

    public Ec2World world() {
        return world;
    }

    /** The instances' metadata services ({@code /_gureum/ec2/metadata/<instance-id>/}). */
    public dev.gureum.ec2.domain.InstanceMetadataService metadata() {
        return metadata;
    }

    /** A CloudWatch alarm's EC2 action: recover, which moves an impaired instance to healthy hardware, reboots it here. */
    @Override
    public void perform(String account, String region, String instanceId, Action action) {
        world.apply(account, region, scope -> {
            java.util.List<dev.gureum.ec2.domain.Instance> instances =
                    dev.gureum.ec2.domain.InstanceLifecycle.find(scope, java.util.List.of(instanceId));
            switch (action) {
                case STOP -> world.lifecycle().stop(scope, instances, false, world.now());
                case TERMINATE -> world.lifecycle().terminate(scope, instances, world.now());
                case REBOOT, RECOVER -> world.lifecycle().reboot(instances);
            }
            return null;
        });
    }

    /**
     * Launches {@code count} instances from a launch template, as Auto Scaling does: the template's version
     * ({@code $Default} when {@code version} is {@code null}) with a subnet and an instance type of the
     * caller's when given. All or none are launched; the error is EC2's (an {@code AwsException}).
     *
     * @param templateId   the template's id, or {@code null} to name it by {@code templateName}
     * @return the ids of the instances launched, pending
     */
    public java.util.List<String> launchFromTemplate(String account, String region, String templateId,
                                                     String templateName, String version, String subnetId,
                                                     String instanceType, int count) {
        java.util.List<String> ids = world.apply(account, region, scope -> new TemplateLaunches(world)
                .launch(scope, templateId, templateName, version, subnetId, instanceType, count, count)
                .instances().stream().map(dev.gureum.ec2.domain.Instance::id).toList());
        if (workloads != null) {
            workloads.changed();
        }
        return ids;
    }

    /**
     * Launches instances for Auto Scaling: RunInstances' members ({@code MinCount}, {@code SubnetId},
     * {@code InstanceMarketOptions.MarketType}...) over a launch template's version when a template is named,
     * and the group's tags set on each instance. All or none are launched; the error is EC2's.
     *
     * @return the ids of the instances launched, pending
     */
    public java.util.List<String> launchForGroup(String account, String region, String templateId, String templateName,
                                                 String version, java.util.Map<String, String> members,
                                                 java.util.Map<String, String> tags) {
        java.util.List<String> ids = world.apply(account, region, scope -> {
            TemplateLaunches launches = new TemplateLaunches(world);
            java.util.Map<String, String> call = new java.util.TreeMap<>(members);
            dev.gureum.ec2.domain.InstanceLauncher.LaunchResult result = templateId == null && templateName == null
                    ? launches.runMembers(scope, call) : launches.launch(scope, templateId, templateName, version, call);
            result.instances().forEach(i -> i.tags().putAll(tags));
            return result.instances().stream().map(dev.gureum.ec2.domain.Instance::id).toList();
        });
        if (workloads != null) {
            workloads.changed();
        }
        return ids;
    }

    /** Where a running instance's user data script listens, standing for any of the instance's ports. */
    @Override
    public java.util.Optional<java.net.InetSocketAddress> address(String account, String region, String instanceId,
                                                                 int port) {
        return workloads == null ? java.util.Optional.empty() : workloads.address(account, region, instanceId, port);
    }

    /** A request a load balancer sent to an instance: what its modelled CPU is made of when it runs no workload. */
    @Override
    public void served(String account, String region, String instanceId, long bytes) {
        if (metrics != null) {
            metrics.served(instanceId, bytes);
        }
    }

    @Override
    public void handle(io.undertow.server.HttpServerExchange exchange, dev.gureum.core.RequestContext context)
            throws Exception {
        java.net.InetSocketAddress local = exchange.getDestinationAddress();
        if (workloads != null && local != null) {
            // scripts reach their metadata service, and their SDKs Gureum, where this request arrived
            java.net.InetAddress a = local.getAddress();
            workloads.endpoint((a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]"
                    : a.getHostAddress()) + ":" + local.getPort());
        }
        super.handle(exchange, context);
    }

    @Override
    public void reset() {
        world.resetDurably();
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.stop();
        }
        if (workloads != null) {
            workloads.close();
        }
        super.close();
    }

    private static java.util.List<String> allOperations() {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (InputStream in = Ec2Service.class.getResourceAsStream("/dev/gureum/ec2/protocol/operations.txt")) {
            if (in == null) {
                return names;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
