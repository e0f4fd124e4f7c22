package dev.gureum.s3;

import dev.gureum.core.AwsService;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.ServiceDescriptor;
import dev.gureum.core.ServiceModule;
import dev.gureum.core.ServiceRoutes;
import dev.gureum.core.protocol.Protocol;
import dev.gureum.s3.http.S3Service;
import dev.gureum.core.ServiceRegistry;
import dev.gureum.core.datacenter.Region;
import dev.gureum.core.datacenter.Regions;
import dev.gureum.core.http.HostRoutes;
import dev.gureum.core.protocol.FormDecoder;
import io.undertow.server.HttpServerExchange;

import java.util.List;

/** S3, wired into the server. */
public final class S3Module implements ServiceModule {

    /** S3 takes every request no other service claims: path-style buckets, presigned GETs. */
    public static final ServiceDescriptor DESCRIPTOR = new ServiceDescriptor("s3", java.util.Set.of("s3"),
            Protocol.REST_XML, null, "2006-03-01", "http://s3.amazonaws.com/doc/2006-03-01/", false)
            .with(java.util.Set.of(), ServiceRoutes.builder().hostLabels("s3").fallback().unsignedIsAnonymous().build());


    @Override
    public ServiceDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public AwsService create(EmulatorContext context) {
        return new S3Service(context);
    }

    /** Where the website endpoints' path form starts: {@code /_gureum/s3-website/<bucket>/<key>}. */
    public static final String WEBSITE_PATH_PREFIX = "/_gureum/s3-website/";

    /**
     * Website endpoints: {@code <bucket>.s3-website-<region>.localhost.localstack.cloud} and
     * {@code <bucket>.s3-website.<region>.localhost.localstack.cloud} (both resolve to 127.0.0.1), the same
     * names under {@code amazonaws.com} for clients that send them as their {@code Host}, and the path form
     * {@code /_gureum/s3-website/<bucket>/...} on any host name.
     */
    @Override
    public void installHostRoutes(HostRoutes routes, ServiceRegistry registry) {
        for (Region region : Regions.standard().all()) {
            for (String domain : List.of(".localhost.localstack.cloud", ".amazonaws.com")) {
                for (String label : List.of(".s3-website-", ".s3-website.")) {
                    routes.add(label + region.name() + domain, exchange -> {
                        String host = exchange.getHostName().toLowerCase(java.util.Locale.ROOT);
                        serveWebsite(exchange, registry, host.substring(0, host.indexOf(label)),
                                exchange.getRequestPath());
                    });
                }
            }
        }
        routes.addPathPrefix(WEBSITE_PATH_PREFIX, exchange -> {
            String rest = exchange.getRequestPath().substring(WEBSITE_PATH_PREFIX.length());
            int slash = rest.indexOf('/');
            serveWebsite(exchange, registry, slash < 0 ? rest : rest.substring(0, slash),
                    slash < 0 ? "/" : rest.substring(slash));
        });
    }

    private static void serveWebsite(HttpServerExchange exchange, ServiceRegistry registry, String bucket,
                                     String rawPath) {
        exchange.dispatch(() -> {
            String path;
            try {
                path = FormDecoder.percentDecode(rawPath.isEmpty() ? "/" : rawPath, false);
            } catch (IllegalArgumentException e) {
                path = rawPath;
            }
            try {
                if (registry.get(DESCRIPTOR.name()) instanceof S3Service s3) {
                    s3.serveWebsite(exchange, bucket, path);
                } else {
                    exchange.setStatusCode(404);
                    exchange.endExchange();
                }
            } catch (RuntimeException e) {
                // the object's bytes went away while being served (it was replaced): S3 would answer 500
                if (!exchange.isResponseStarted()) {
                    exchange.setStatusCode(500);
                }
                exchange.setPersistent(false);
                exchange.endExchange();
            }
        });
    }
}
