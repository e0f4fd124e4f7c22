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
public final class Ec2Service extends ActionService implements dev.gureum.core.spi.InstanceActions {

    private final Ec2World world;
    private final dev.gureum.ec2.domain.InstanceMetrics metrics;

    public Ec2Service(Ec2World world) {
        this(world, null);
    }

    /** With the instances' CloudWatch metrics, stopped when the service closes. */
    public Ec2Service(Ec2World world, dev.gureum.ec2.domain.InstanceMetrics metrics) {
        super(dev.gureum.ec2.Ec2Module.DESCRIPTOR);
        this.world = world;
        this.metrics = metrics;
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
            // answer once what the operation changed is durable (at once without a data directory)
            java.util.concurrent.CompletableFuture<Void> durable = world.durable().toCompletableFuture();
            return durable.isDone() && !durable.isCompletedExceptionally() ? result : durable.thenApply(done -> result);
        });
        new CatalogOperations(world).register(op);
        new InstanceOperations(world).register(op);
        new TagOperations(world).register(op);
        new VpcOperations(world).register(op);
        new SecurityGroupOperations(world).register(op);
        new KeyPairOperations(world).register(op);
        new AddressOperations(world).register(op);
        new ImageOperations(world).register(op);
        new HostOperations(world).register(op);
        new SpotOperations(world).register(op);
        new ReservedInstanceOperations(world).register(op);
        new VolumeOperations(world).register(op);
        new SnapshotOperations(world).register(op);
        new EbsEncryptionOperations(world).register(op);
    }

    public Ec2World world() {
        return world;
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

    @Override
    public void reset() {
        world.resetDurably();
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.stop();
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
