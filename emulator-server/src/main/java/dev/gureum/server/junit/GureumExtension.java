package dev.gureum.server.junit;

import dev.gureum.server.GureumServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.function.Consumer;

/**
 * Starts one Gureum server per test class, on a free port, and stops it after the class.
 * <pre>{@code
 * @RegisterExtension
 * static GureumExtension gureum = new GureumExtension();
 *
 * @Test
 * void listsBuckets() {
 *     S3Client s3 = gureum.configure(S3Client.builder()).build();
 *     ...
 * }
 * }</pre>
 * Used with {@code @ExtendWith(GureumExtension.class)}, tests receive the {@link GureumServer} or its
 * endpoint {@link URI} as parameters. The AWS SDK for Java v2 is needed only for {@link #configure}.
 */
public class GureumExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GureumExtension.class);

    private final Consumer<GureumServer.Builder> customizer;
    private GureumServer server;

    public GureumExtension() {
        this(b -> { });
    }

    /** @param customizer adjusts the server before it starts (region, account, services...) */
    public GureumExtension(Consumer<GureumServer.Builder> customizer) {
        this.customizer = customizer;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        GureumServer.Builder builder = GureumServer.builder().port(0);
        customizer.accept(builder);
        server = builder.build().start();
        context.getStore(NAMESPACE).put(GureumServer.class, server);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public GureumServer server() {
        if (server == null) {
            throw new IllegalStateException("The Gureum server runs only while the test class runs");
        }
        return server;
    }

    public URI endpoint() {
        return server().endpoint();
    }

    /** Drops all state, for tests that must not see each other's resources. */
    public void reset() {
        server().reset();
    }

    /**
     * Points an SDK v2 client builder at the server: endpoint, region {@code us-east-1}, static
     * credentials {@code test}/{@code test}, and path-style addressing for S3 builders.
     */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return configure(builder, "test");
    }

    /** As {@link #configure(AwsClientBuilder)}, with an access key id: a 12-digit one selects that account. */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder, String accessKeyId) {
        builder.endpointOverride(endpoint())
                .region(Region.of(server().config().defaultRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test")));
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

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == GureumServer.class || type == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        GureumServer s = extensionContext.getStore(NAMESPACE).get(GureumServer.class, GureumServer.class);
        if (s == null) {
            throw new ParameterResolutionException("No Gureum server is running for " + extensionContext.getDisplayName());
        }
        return parameterContext.getParameter().getType() == URI.class ? s.endpoint() : s;
    }
}
