package dev.gureum.ec2;

import dev.gureum.core.testing.SdkClients;
import dev.gureum.core.testing.EmbeddedFrontEnd;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.ec2.domain.Ec2Settings;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An in-process EC2 on a free port with a clock the test moves, and SDK clients for any account and region. */
public final class Ec2Harness implements AutoCloseable {

    public final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final EmbeddedFrontEnd frontEnd;
    private final List<Ec2Client> clients = new ArrayList<>();

    public Ec2Harness() {
        this(Ec2Settings.DEFAULTS.withBootTime(Duration.ofSeconds(5)));
    }

    public Ec2Harness(Ec2Settings settings) {
        this(settings, java.util.Map.of());
    }

    /** With server settings ({@code ec2.run-user-data}...). */
    public Ec2Harness(Ec2Settings settings, java.util.Map<String, String> serverSettings) {
        frontEnd = new EmbeddedFrontEnd(clock, serverSettings, new Ec2Module(settings));
    }

    /** The EC2 service, for what other services ask of it. */
    public dev.gureum.ec2.protocol.Ec2Service service() {
        return (dev.gureum.ec2.protocol.Ec2Service) frontEnd.registry().get("ec2");
    }

    /** A client of the default account in us-east-1. */
    public Ec2Client ec2() {
        return ec2("test", "us-east-1");
    }

    /** A client whose access key picks the account (a 12-digit key is that account) and region. */
    public Ec2Client ec2(String accessKey, String region) {
        // capacity errors are server errors; retrying them here would only repeat them
        Ec2Client client = SdkClients.withoutRetries(
                SdkClients.configure(Ec2Client.builder(), frontEnd.endpoint(), accessKey, Region.of(region))).build();
        clients.add(client);
        return client;
    }

    public URI endpoint() {
        return frontEnd.endpoint();
    }

    /** GETs one of Gureum's own endpoints and returns the body. */
    public String get(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(frontEnd.endpoint().resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        clients.forEach(Ec2Client::close);
        frontEnd.close();
    }
}
