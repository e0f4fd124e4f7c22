package dev.gureum.ec2.http;

import dev.gureum.core.http.InternalRoutes;
import dev.gureum.core.http.Responses;
import dev.gureum.ec2.domain.InstanceMetadataService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

import java.util.function.Supplier;

/**
 * Each instance's metadata service at {@code /_gureum/ec2/metadata/<instance-id>/}, standing for
 * {@code http://169.254.169.254/}: {@code latest/meta-data/...}, {@code latest/user-data},
 * {@code latest/dynamic/...} and the IMDSv2 token at {@code PUT latest/api/token}. SDKs reach it through
 * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}.
 */
public final class InstanceMetadataEndpoint {

    private static final String PREFIX = InstanceMetadataService.PATH;

    private InstanceMetadataEndpoint() {
    }

    public static void install(InternalRoutes routes, Supplier<InstanceMetadataService> service) {
        routes.under(PREFIX, new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) {
                if (exchange.isInIoThread()) {
                    exchange.dispatch(this);
                    return;
                }
                InstanceMetadataService s = service.get();
                if (s == null) {
                    Responses.json(exchange, 503, "{\"error\":\"EC2 is disabled\"}");
                    return;
                }
                String rest = exchange.getRequestPath().substring(PREFIX.length());
                int slash = rest.indexOf('/');
                String instanceId = slash < 0 ? rest : rest.substring(0, slash);
                String path = slash < 0 ? "/" : rest.substring(slash);
                InstanceMetadataService.Answer answer = s.answer(instanceId, exchange.getRequestMethod().toString(),
                        path, exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds"),
                        exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"),
                        exchange.getRequestHeaders().contains("X-Forwarded-For"));
                exchange.setStatusCode(answer.status());
                Responses.send(exchange, answer.status() == 404 ? "text/html" : "text/plain", answer.body());
            }
        });
    }
}
