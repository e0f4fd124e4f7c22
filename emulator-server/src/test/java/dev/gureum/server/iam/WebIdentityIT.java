package dev.gureum.server.iam;

import com.sun.net.httpserver.HttpServer;
import dev.gureum.core.testing.MutableClock;
import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AssumeRoleWithWebIdentity with an IAM OpenID Connect provider: the token's issuer, audience, expiry and signature
 * are checked, the signature against the key set a local identity provider serves (over http on a loopback port).
 */
class WebIdentityIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension(b -> b.enforceIam(true).clock(CLOCK));

    private static final String A = "111111111111";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static KeyPair rsa;
    private static KeyPair ec;
    private static HttpServer idp;
    private static String issuer;
    private final IamClient iam = IamUsersIT.iam(gureum, A);
    private final StsClient anonymous = StsClient.builder().endpointOverride(gureum.endpoint()).region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create()).build();
    private String role;

    @BeforeAll
    static void identityProvider() throws Exception {
        KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
        r.initialize(2048);
        rsa = r.generateKeyPair();
        KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
        e.initialize(256);
        ec = e.generateKeyPair();
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + idp.getAddress().getPort() + "/idp";
        RSAPublicKey rp = (RSAPublicKey) rsa.getPublic();
        ECPublicKey ep = (ECPublicKey) ec.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"r1\",\"alg\":\"RS256\",\"n\":\"" + b64(rp.getModulus())
                + "\",\"e\":\"" + b64(rp.getPublicExponent()) + "\"},{\"kty\":\"EC\",\"kid\":\"e1\",\"crv\":\"P-256\","
                + "\"x\":\"" + b64(ep.getW().getAffineX()) + "\",\"y\":\"" + b64(ep.getW().getAffineY()) + "\"}]}";
        serve("/idp/.well-known/openid-configuration", "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
                + "/keys\"}");
        serve("/idp/keys", jwks);
        idp.start();
    }

    private static void serve(String path, String body) {
        idp.createContext(path, x -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, b.length);
            x.getResponseBody().write(b);
            x.close();
        });
    }

    @AfterAll
    static void stop() {
        idp.stop(0);
    }

    @BeforeEach
    void provider() {
        gureum.reset();
        CLOCK.set(Instant.parse("2026-03-01T10:00:00Z"));
        String arn = iam.createOpenIDConnectProvider(r -> r.url(issuer).clientIDList("my-app"))
                .openIDConnectProviderArn();
        String name = arn.substring(arn.indexOf("oidc-provider/") + "oidc-provider/".length());
        role = iam.createRole(r -> r.roleName("web").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + arn + "\"},"
                + "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" + name
                + ":sub\":\"user-1\"}}}]}")).role().arn();
    }

    @Test
    void aTokenSignedByTheProvidersKeyIsAccepted() {
        long exp = CLOCK.instant().getEpochSecond() + 600;
        for (String token : new String[] {jwt("RS256", "r1", rsa.getPrivate(), issuer, "my-app", "user-1", exp),
                jwt("ES256", "e1", ec.getPrivate(), issuer, "my-app", "user-1", exp)}) {
            var r = anonymous.assumeRoleWithWebIdentity(a -> a.roleArn(role).roleSessionName("w1").webIdentityToken(token));
            assertThat(r.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + A + ":assumed-role/web/w1");
            assertThat(r.subjectFromWebIdentityToken()).isEqualTo("user-1");
            assertThat(r.audience()).isEqualTo("my-app");
        }
        // the trust policy's <provider>:sub condition still decides
        String other = jwt("RS256", "r1", rsa.getPrivate(), issuer, "my-app", "user-2", exp);
        assertRefused(other, 403, "AccessDenied", null);
    }

    @Test
    void forgedWrongOrExpiredTokensAreRefused() throws Exception {
        long exp = CLOCK.instant().getEpochSecond() + 600;
        String good = jwt("RS256", "r1", rsa.getPrivate(), issuer, "my-app", "user-1", exp);
        String[] parts = good.split("\\.");
        String forgedClaims = B64.encodeToString(("{\"iss\":\"" + issuer + "\",\"aud\":\"my-app\",\"sub\":\"user-1\","
                + "\"exp\":" + (exp + 86_400) + "}").getBytes(StandardCharsets.UTF_8));
        assertRefused(parts[0] + "." + forgedClaims + "." + parts[2], 400, "InvalidIdentityToken",
                "The web identity token's signature could not be verified with the provider's keys");
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        assertRefused(jwt("RS256", "r1", g.generateKeyPair().getPrivate(), issuer, "my-app", "user-1", exp), 400,
                "InvalidIdentityToken", null);
        assertRefused(parts[0] + "." + parts[1] + ".", 400, "InvalidIdentityToken", null);
        assertRefused(jwt("RS256", "r1", rsa.getPrivate(), issuer, "other-app", "user-1", exp), 400,
                "InvalidIdentityToken", "Incorrect token audience");
        assertRefused(jwt("RS256", "r1", rsa.getPrivate(), "https://unknown.example.com", "my-app", "user-1", exp),
                400, "InvalidIdentityToken", "No OpenIDConnect provider found in your account for "
                        + "https://unknown.example.com");
        // an algorithm other than RS256 and ES256 (here an HMAC claim with a forged header)
        String hs = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertRefused(hs + "." + parts[1] + "." + parts[2], 400, "InvalidIdentityToken", null);
        CLOCK.set(Instant.ofEpochSecond(exp));
        assertRefused(good, 400, "ExpiredTokenException", null);
    }

    @Test
    void anUnreachableKeySetIsACommunicationError() throws Exception {
        HttpServer closed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = closed.getAddress().getPort();
        closed.stop(0);
        String gone = "http://127.0.0.1:" + port;
        iam.createOpenIDConnectProvider(r -> r.url(gone).clientIDList("my-app"));
        assertRefused(jwt("RS256", "r1", rsa.getPrivate(), gone, "my-app", "user-1",
                CLOCK.instant().getEpochSecond() + 600), 400, "IDPCommunicationError", null);
    }

    private void assertRefused(String token, int status, String code, String message) {
        assertThatThrownBy(() -> anonymous.assumeRoleWithWebIdentity(a -> a.roleArn(role).roleSessionName("w1")
                .webIdentityToken(token))).isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(status);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    if (message != null) {
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                    }
                });
    }

    static String jwt(String alg, String kid, PrivateKey key, String iss, String aud, String sub, long exp) {
        try {
            String header = B64.encodeToString(("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}")
                    .getBytes(StandardCharsets.UTF_8));
            String claims = B64.encodeToString(("{\"iss\":\"" + iss + "\",\"aud\":\"" + aud + "\",\"sub\":\"" + sub
                    + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
            Signature s = Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
            s.initSign(key);
            s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + B64.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(BigInteger n) {
        byte[] b = n.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            b = Arrays.copyOfRange(b, 1, b.length);
        }
        return B64.encodeToString(b);
    }
}
