package dev.gureum.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.json.Json;
import dev.gureum.core.persist.PersistenceException;
import dev.gureum.core.persist.StateFile;
import dev.gureum.core.persist.SyncMode;
import dev.gureum.core.testing.SdkClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server with a data directory: what it keeps across restarts, its lock, its state file and what info says. */
class PersistentServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GureumServer server(Path dataDir) {
        return GureumServer.builder().port(0).dataDir(dataDir).services(Set.of("sts", "s3")).build().start();
    }

    private static Credentials assumeRole(URI endpoint, String session) {
        try (StsClient sts = SdkClients.configure(StsClient.builder(), endpoint).build()) {
            return sts.assumeRole(r -> r.roleArn("arn:aws:iam::111122223333:role/Builder").roleSessionName(session))
                    .credentials();
        }
    }

    private static GetCallerIdentityResponse whoAmI(URI endpoint, Credentials c) {
        try (StsClient sts = SdkClients.configure(StsClient.builder(), endpoint).credentialsProvider(
                StaticCredentialsProvider.create(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                        c.sessionToken()))).build()) {
            return sts.getCallerIdentity();
        }
    }

    private static HttpResponse<byte[]> export(URI endpoint, String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/_gureum/state" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> load(URI endpoint, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/_gureum/state"))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stsCredentialsStayValidAcrossARestart(@TempDir Path dataDir) {
        Credentials issued;
        try (GureumServer first = server(dataDir)) {
            issued = assumeRole(first.endpoint(), "before-restart");
        }
        try (GureumServer second = server(dataDir)) {
            GetCallerIdentityResponse me = whoAmI(second.endpoint(), issued);
            assertThat(me.account()).isEqualTo("111122223333");
            assertThat(me.arn()).isEqualTo("arn:aws:sts::111122223333:assumed-role/Builder/before-restart");
        }
    }

    @Test
    void withoutADataDirectoryNothingIsKept() {
        Credentials issued;
        Path dataDir;
        try (GureumServer first = GureumServer.builder().port(0).services(Set.of("sts")).build().start()) {
            dataDir = first.config().dataDir();
            issued = assumeRole(first.endpoint(), "gone");
            assertThat(first.persistence().durable()).isFalse();
        }
        assertThat(dataDir).doesNotExist();
        try (GureumServer second = GureumServer.builder().port(0).services(Set.of("sts")).build().start()) {
            // an unknown key acts as the default account's root
            assertThat(whoAmI(second.endpoint(), issued).account()).isEqualTo("000000000000");
        }
    }

    @Test
    void aDataDirectoryServesOneGureumAtATime(@TempDir Path dataDir) {
        try (GureumServer first = server(dataDir)) {
            assertThatThrownBy(() -> server(dataDir))
                    .isInstanceOf(PersistenceException.class)
                    .hasMessage("The data directory " + dataDir + " is in use by another Gureum (this process). "
                            + "Stop that one, or give this one another data directory.");
            assertThat(assumeRole(first.endpoint(), "still-serving").accessKeyId()).startsWith("ASIA");
        }
        try (GureumServer again = server(dataDir)) {
            assertThat(again.persistence().durable()).isTrue();
        }
    }

    @Test
    void infoSaysWhereStateLivesAndWhenItWasLastDurable(@TempDir Path dataDir) throws Exception {
        Instant before = Instant.now();
        try (GureumServer server = GureumServer.builder().port(0).dataDir(dataDir).services(Set.of("sts"))
                .persistenceSync(SyncMode.BATCH).build().start()) {
            JsonNode idle = Json.mapper().readTree(RawHttp.get(server.endpoint(), "/_gureum/info").body()).path("persistence");
            assertThat(idle.path("kept").asBoolean()).isTrue();
            assertThat(idle.path("dataDir").asText()).isEqualTo(dataDir.toString());
            assertThat(idle.path("deletedAtExit").asBoolean()).isFalse();
            assertThat(idle.path("sync").asText()).isEqualTo("batch");
            assertThat(idle.path("lastDurable").isNull()).isTrue();

            assumeRole(server.endpoint(), "counted");
            JsonNode info = Json.mapper().readTree(RawHttp.get(server.endpoint(), "/_gureum/info").body()).path("persistence");
            assertThat(Instant.parse(info.path("lastDurable").asText())).isBetween(before, Instant.now());
            assertThat(info.path("journalBytes").asLong()).isPositive();
            assertThat(info.path("sizeOnDiskBytes").asLong()).isGreaterThanOrEqualTo(info.path("journalBytes").asLong());
        }
        try (GureumServer memory = GureumServer.builder().port(0).services(Set.of("sts")).build().start()) {
            JsonNode info = Json.mapper().readTree(RawHttp.get(memory.endpoint(), "/_gureum/info").body()).path("persistence");
            assertThat(info.path("kept").asBoolean()).isFalse();
            assertThat(info.path("deletedAtExit").asBoolean()).isTrue();
            assertThat(info.path("sync").isNull()).isTrue();
            assertThat(info.path("journalBytes").asLong()).isZero();
        }
    }

    @Test
    void anExportedStateLoadsIntoAnotherServer(@TempDir Path first, @TempDir Path second) throws Exception {
        Credentials issued;
        byte[] file;
        try (GureumServer source = server(first)) {
            issued = assumeRole(source.endpoint(), "fixture");
            HttpResponse<byte[]> exported = export(source.endpoint(), "?services=sts");
            assertThat(exported.statusCode()).isEqualTo(200);
            assertThat(exported.headers().firstValue("Content-Type")).hasValue(StateFile.MEDIA_TYPE);
            file = exported.body();
            assertThat(export(source.endpoint(), "?services=nope").statusCode()).isEqualTo(400);
        }
        try (GureumServer target = server(second)) {
            Credentials own = assumeRole(target.endpoint(), "replaced");
            HttpResponse<String> loaded = load(target.endpoint(), StateFile.MEDIA_TYPE, file);
            assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
            assertThat(Json.mapper().readTree(loaded.body()).path("loaded").path("sts").asLong()).isEqualTo(1);
            assertThat(whoAmI(target.endpoint(), issued).arn()).endsWith("assumed-role/Builder/fixture");
            // loading replaces the service's state: keys issued here before are gone
            assertThat(whoAmI(target.endpoint(), own).account()).isEqualTo("000000000000");
        }
        try (GureumServer restarted = server(second)) {
            assertThat(whoAmI(restarted.endpoint(), issued).arn()).endsWith("assumed-role/Builder/fixture");
        }
        Path fixture = Files.write(first.resolve("fixture.state"), file);
        try (GureumServer atStart = GureumServer.builder().port(0).services(Set.of("sts")).loadState(fixture).build()
                .start()) {
            assertThat(whoAmI(atStart.endpoint(), issued).arn()).endsWith("assumed-role/Builder/fixture");
        }
    }

    @Test
    void aStateFileIsOnlyTakenWithItsOwnContentType(@TempDir Path dataDir) throws Exception {
        try (GureumServer server = server(dataDir)) {
            Credentials issued = assumeRole(server.endpoint(), "kept");
            byte[] empty = export(server.endpoint(), "?services=s3").body();
            // a web page can POST text/plain (or a form) anywhere without a preflight: such a load is refused
            for (String simple : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                    "application/json"}) {
                HttpResponse<String> refused = load(server.endpoint(), simple, empty);
                assertThat(refused.statusCode()).as(simple).isEqualTo(415);
                assertThat(refused.body()).contains("takes Content-Type: " + StateFile.MEDIA_TYPE);
            }
            HttpResponse<String> damaged = load(server.endpoint(), StateFile.MEDIA_TYPE, "not a state".getBytes());
            assertThat(damaged.statusCode()).isEqualTo(400);
            assertThat(Json.mapper().readTree(damaged.body()).path("message").asText())
                    .startsWith("This is not a Gureum state file");
            assertThat(whoAmI(server.endpoint(), issued).arn()).endsWith("/kept");
        }
    }

    @Test
    void withStrictSignaturesStateFilesNeedTheAdminToken(@TempDir Path dataDir) throws Exception {
        try (GureumServer server = GureumServer.builder().port(0).dataDir(dataDir).services(Set.of("sts"))
                .verifySignatures(true).adminToken("s3cret").build().start()) {
            assertThat(export(server.endpoint(), "").statusCode()).isEqualTo(401);
            HttpResponse<byte[]> exported = HTTP.send(HttpRequest.newBuilder(server.endpoint().resolve("/_gureum/state"))
                    .header("Authorization", "Bearer s3cret").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(exported.statusCode()).isEqualTo(200);
            byte[] file = exported.body();
            assertThat(load(server.endpoint(), StateFile.MEDIA_TYPE, file).statusCode()).isEqualTo(401);
            HttpResponse<String> loaded = HTTP.send(HttpRequest.newBuilder(server.endpoint().resolve("/_gureum/state"))
                    .header("Content-Type", StateFile.MEDIA_TYPE).header("Authorization", "Bearer s3cret")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
            assertThat(loaded.body()).isEqualTo("{\"loaded\":{\"sts\":0}}");
        }
    }

    @Test
    void aMissingStateFileIsOneLine(@TempDir Path dataDir) {
        Path missing = dataDir.resolve("none.state");
        GureumServer server = GureumServer.builder().port(0).services(Set.of("sts")).loadState(missing).build();
        try {
            assertThatThrownBy(server::start).isInstanceOf(PersistenceException.class)
                    .hasMessage("The state file " + missing + " does not exist. Give --load-state a file exported with "
                            + "GET /_gureum/state.");
        } finally {
            server.close();
        }
    }

    @Test
    void resetIsKept(@TempDir Path dataDir) {
        Credentials issued;
        try (GureumServer first = server(dataDir)) {
            issued = assumeRole(first.endpoint(), "reset");
            first.reset();
        }
        try (GureumServer second = server(dataDir)) {
            assertThat(whoAmI(second.endpoint(), issued).account()).isEqualTo("000000000000");
            assertThat(second.persistence().states()).containsKey("sts");
        }
    }
}
