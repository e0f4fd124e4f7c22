package dev.gureum.server.sts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.id.Arn;
import dev.gureum.core.json.Json;
import dev.gureum.core.spi.IamRoles;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies a web identity token (a JWT) for {@code AssumeRoleWithWebIdentity} against the IAM OpenID Connect provider
 * of its issuer in the role's account: the provider must exist, the token's audience must be one of its client ids,
 * it must not have expired on the server clock, and its signature (RS256 or ES256) must verify with a key of the
 * issuer's JSON Web Key Set, fetched from {@code /.well-known/openid-configuration}'s {@code jwks_uri} when the
 * token is presented (https, or http for a loopback issuer). The providers AWS has built in (Google, Facebook, Login
 * with Amazon, Cognito) need no IAM provider; Gureum cannot reach them and does not verify their tokens' signatures.
 */
final class WebIdentityTokens {

    static final Set<String> BUILT_IN = Set.of("accounts.google.com", "graph.facebook.com", "www.amazon.com",
            "cognito-identity.amazonaws.com");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private WebIdentityTokens() {
    }

    /** The provider's name: the issuer without its scheme and final {@code /}. */
    static String providerName(String issuer) {
        String name = issuer.replaceFirst("^[A-Za-z]+://", "");
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }

    /** Refuses the token unless its issuer's provider vouches for it, with AWS's errors. */
    static void verify(String token, JsonNode claims, String roleArn, IamRoles iam, Instant now) {
        String issuer = claims.path("iss").asText("");
        String name = providerName(issuer);
        if (BUILT_IN.contains(name)) {
            return;
        }
        Arn role = Arn.parse(roleArn);
        String providerArn = new Arn(role.partition(), "iam", "", role.accountId(), "oidc-provider/" + name).toString();
        IamRoles.OidcProvider provider = issuer.isEmpty() ? null : iam.oidcProvider(providerArn).orElse(null);
        if (provider == null) {
            throw invalid("No OpenIDConnect provider found in your account for " + issuer);
        }
        List<String> audiences = new ArrayList<>();
        if (claims.path("aud").isArray()) {
            claims.path("aud").forEach(a -> audiences.add(a.asText()));
        } else if (claims.path("aud").isTextual()) {
            audiences.add(claims.path("aud").asText());
        }
        if (audiences.stream().noneMatch(provider.clientIds()::contains)) {
            throw invalid("Incorrect token audience");
        }
        if (!claims.path("exp").isNumber()) {
            throw invalid("The ID Token provided has no expiration (exp)");
        }
        Instant expires = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!now.isBefore(expires)) {
            throw new AwsException(StsError.EXPIRED_TOKEN, "Token expired: current date/time " + now.getEpochSecond()
                    + " must be before the expiration date/time " + expires.getEpochSecond());
        }
        checkSignature(token, issuer, name);
    }

    private static void checkSignature(String token, String issuer, String name) {
        String[] parts = token.split("\\.", -1);
        JsonNode header;
        byte[] signature;
        try {
            header = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (Exception e) {
            throw invalid("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access "
                    + "Token)");
        }
        String alg = header.path("alg").asText("");
        if (!alg.equals("RS256") && !alg.equals("ES256")) {
            throw invalid("Unsupported signature algorithm " + alg + ": Gureum verifies RS256 and ES256");
        }
        JsonNode keys = jwks(issuer, name);
        String kid = header.path("kid").asText(null);
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        for (JsonNode jwk : keys.path("keys")) {
            if (kid != null && jwk.has("kid") && !kid.equals(jwk.path("kid").asText())) {
                continue;
            }
            try {
                PublicKey key = publicKey(jwk, alg);
                if (key == null) {
                    continue;
                }
                Signature verifier = Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSA");
                verifier.initVerify(key);
                verifier.update(signed);
                if (verifier.verify(alg.equals("ES256") ? der(signature) : signature)) {
                    return;
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // not this key
            }
        }
        throw invalid("The web identity token's signature could not be verified with the provider's keys");
    }

    /** The issuer's key set: its discovery document's {@code jwks_uri}, fetched now. */
    private static JsonNode jwks(String issuer, String name) {
        String host = URI.create("x://" + name).getHost();
        boolean local = host != null && LOOPBACK.contains(host.toLowerCase(Locale.ROOT));
        String base = (local && issuer.startsWith("http://") ? "http://" : "https://") + name;
        try {
            JsonNode discovery = get(base + "/.well-known/openid-configuration");
            String jwksUri = discovery.path("jwks_uri").asText(null);
            if (jwksUri == null || !(jwksUri.startsWith("https://") || local && jwksUri.startsWith("http://"))) {
                throw new IllegalStateException("no usable jwks_uri");
            }
            return get(jwksUri);
        } catch (Exception e) {
            throw new AwsException(StsError.IDP_COMMUNICATION_ERROR, "Couldn't retrieve verification key from your "
                    + "identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements");
        }
    }

    private static JsonNode get(String uri) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("status " + r.statusCode());
        }
        return Json.mapper().readTree(r.body());
    }

    private static PublicKey publicKey(JsonNode jwk, String alg) throws GeneralSecurityException {
        Base64.Decoder b64 = Base64.getUrlDecoder();
        if (alg.equals("RS256") && "RSA".equals(jwk.path("kty").asText())) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, b64.decode(jwk.path("n").asText())),
                    new BigInteger(1, b64.decode(jwk.path("e").asText()))));
        }
        if (alg.equals("ES256") && "EC".equals(jwk.path("kty").asText()) && "P-256".equals(jwk.path("crv").asText())) {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                    new BigInteger(1, b64.decode(jwk.path("x").asText())),
                    new BigInteger(1, b64.decode(jwk.path("y").asText()))), p.getParameterSpec(ECParameterSpec.class)));
        }
        return null;
    }

    /** A JWS ES256 signature ({@code r || s}, 32 bytes each) in the DER form the JDK verifies. */
    private static byte[] der(byte[] raw) {
        if (raw.length != 64) {
            throw new IllegalArgumentException("ES256 signatures are 64 bytes");
        }
        byte[] r = integer(raw, 0);
        byte[] s = integer(raw, 32);
        byte[] out = new byte[2 + r.length + s.length];
        out[0] = 0x30;
        out[1] = (byte) (r.length + s.length);
        System.arraycopy(r, 0, out, 2, r.length);
        System.arraycopy(s, 0, out, 2 + r.length, s.length);
        return out;
    }

    private static byte[] integer(byte[] raw, int from) {
        byte[] value = new BigInteger(1, java.util.Arrays.copyOfRange(raw, from, from + 32)).toByteArray();
        byte[] out = new byte[value.length + 2];
        out[0] = 0x02;
        out[1] = (byte) value.length;
        System.arraycopy(value, 0, out, 2, value.length);
        return out;
    }

    private static AwsException invalid(String message) {
        return new AwsException(StsError.INVALID_IDENTITY_TOKEN, message);
    }
}
