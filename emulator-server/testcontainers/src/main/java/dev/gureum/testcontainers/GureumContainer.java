package dev.gureum.testcontainers;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Gureum's image as a Testcontainers container: every service on one port, ready (its {@code ready.d} init
 * scripts run) when {@link #start()} returns.
 * <pre>{@code
 * @Container
 * static GureumContainer gureum = new GureumContainer().withServices("s3", "sqs")
 *         .withInitScript("init/fixtures.sh");
 *
 * S3Client s3 = gureum.configure(S3Client.builder()).build();
 * }</pre>
 */
public class GureumContainer extends GenericContainer<GureumContainer> {

    /** The port every service answers on. */
    public static final int PORT = 4566;

    /** The image {@code docker build -f emulator-server/Dockerfile -t gureum .} makes. */
    public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("gureum:latest");

    /** Where the image keeps its state. */
    public static final String DATA_DIR = "/var/lib/gureum";

    /** The image's init directory: {@code boot.d}, {@code start.d}, {@code ready.d} and {@code shutdown.d}. */
    public static final String INIT_DIR = "/etc/gureum/init";

    private static final Set<String> STAGES = Set.of("boot.d", "start.d", "ready.d", "shutdown.d");

    private final List<Bind> dataBinds = new ArrayList<>();

    public GureumContainer() {
        this(DEFAULT_IMAGE);
    }

    public GureumContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public GureumContainer(DockerImageName image) {
        super(image);
        withExposedPorts(PORT);
        // printed once the server serves and its ready.d scripts have run
        waitingFor(Wait.forLogMessage(".*Ready\\.\\n", 1));
        withCreateContainerCmdModifier(cmd -> {
            if (!dataBinds.isEmpty()) {
                cmd.getHostConfig().withBinds(concat(cmd.getHostConfig().getBinds(), dataBinds));
            }
        });
    }

    private static List<Bind> concat(Bind[] existing, List<Bind> more) {
        List<Bind> all = new ArrayList<>(existing == null ? List.of() : Arrays.asList(existing));
        all.addAll(more);
        return all;
    }

    /** The services that answer (s3, sqs, sns, lambda, ec2, elb, sts, logs, cloudwatch); all by default. */
    public GureumContainer withServices(String... services) {
        return withEnv("GUREUM_SERVICES", String.join(",", services));
    }

    /**
     * Keeps the state in a directory of this machine, across containers. The server runs as the directory's
     * owner, so that it can write there.
     */
    public GureumContainer withDataDir(Path directory) {
        Path dir = directory.toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Object uid = Files.getAttribute(dir, "unix:uid");
            Object gid = Files.getAttribute(dir, "unix:gid");
            withCreateContainerCmdModifier(cmd -> cmd.withUser(uid + ":" + gid));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use " + dir + " as Gureum's data directory", e);
        } catch (UnsupportedOperationException e) {
            // no owner to take: the directory must be writable by the image's user
        }
        dataBinds.add(new Bind(dir.toString(), new Volume(DATA_DIR)));
        return self();
    }

    /** Keeps the state in a named Docker volume, across containers. */
    public GureumContainer withDataVolume(String volume) {
        dataBinds.add(new Bind(volume, new Volume(DATA_DIR)));
        return self();
    }

    /** A script ({@code .sh} or {@code .py}) from the class path, run once the server is ready. */
    public GureumContainer withInitScript(String classPathResource) {
        MountableFile file = MountableFile.forClasspathResource(classPathResource, 0755);
        String name = Path.of(classPathResource).getFileName().toString();
        return withCopyFileToContainer(file, INIT_DIR + "/ready.d/" + name);
    }

    /**
     * A script ({@code .sh} or {@code .py}) of the given stage ({@code boot.d}, {@code start.d}, {@code ready.d}
     * or {@code shutdown.d}), with its name and text.
     */
    public GureumContainer withInitScript(String stage, String name, String script) {
        if (!STAGES.contains(stage)) {
            throw new IllegalArgumentException("Not an init stage: " + stage + " (expected one of " + STAGES + ")");
        }
        if (name.contains("/")) {
            throw new IllegalArgumentException("A script's name has no directory: " + name);
        }
        return withCopyToContainer(Transferable.of(script, 0755), INIT_DIR + "/" + stage + "/" + name);
    }

    /** The URL to point AWS clients at, on the port this machine reaches the container by. */
    public URI endpoint() {
        return URI.create("http://" + getHost() + ":" + getMappedPort(PORT));
    }

    /** The region of requests that name none. */
    public String region() {
        String region = getEnvMap().get("GUREUM_DEFAULT_REGION");
        return region != null ? region : "us-east-1";
    }

    /**
     * Points an SDK v2 client builder at the container: endpoint, region, static credentials
     * {@code test}/{@code test}, and path-style addressing for S3 builders.
     */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        builder.endpointOverride(endpoint()).region(Region.of(region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        forcePathStyle(builder);
        return builder;
    }

    /** S3 builders have {@code forcePathStyle(Boolean)}; the S3 module need not be on the class path. */
    private static void forcePathStyle(Object builder) {
        try {
            Method m = builder.getClass().getMethod("forcePathStyle", Boolean.class);
            m.setAccessible(true);
            m.invoke(builder, Boolean.TRUE);
        } catch (NoSuchMethodException e) {
            // not an S3 builder
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot set path-style access on " + builder.getClass().getName(), e);
        }
    }
}
