package dev.gureum.server.sts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gureum.core.EmulatorContext;
import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.RoleSessions.RoleSession;
import dev.gureum.core.auth.SigV4Credential;
import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.json.Json;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.core.spi.IamRoles;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * STS: who am I, and temporary credentials. Keys it issues map back to the account they were issued
 * for, so a client that assumes a role in account B then works in account B's resources.
 * Query protocol, and the JSON form ({@code X-Amz-Target: AWSSecurityTokenServiceV20110615.Op}).
 */
final class StsService extends ActionService {

    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final Pattern FEDERATED_NAME = Pattern.compile("[\\w+=,.@-]*");
    /** What enforcement sees when the server has no IAM: no role, so no role can be assumed. */
    private static final IamRoles NO_ROLES = new IamRoles() {
        @Override
        public Optional<Role> role(String roleArn) {
            return Optional.empty();
        }

        @Override
        public Optional<InstanceProfile> instanceProfile(String accountId, String arnOrName) {
            return Optional.empty();
        }

        @Override
        public void roleUsed(String roleArn, String region, Instant when) {
        }
    };

    private final AccessKeys accessKeys;
    private final StateJournal journal;
    private final EmulatorContext context;

    StsService(EmulatorContext context) {
        super(StsModule.DESCRIPTOR);
        this.accessKeys = context.accessKeys();
        this.context = context;
        this.journal = context.persistence().open(new StsState(accessKeys, context.clock()));
        register("GetCallerIdentity", this::getCallerIdentity);
        register("AssumeRole", this::assumeRole);
        register("AssumeRoleWithWebIdentity", this::assumeRoleWithWebIdentity);
        register("GetSessionToken", this::getSessionToken);
        register("GetFederationToken", this::getFederationToken);
        register("GetAccessKeyInfo", this::getAccessKeyInfo);
        register("AssumeRoleWithSAML", this::assumeRoleWithSaml);
        register("AssumeRoot", r -> notImplemented(r.action()));
        register("DecodeAuthorizationMessage", r -> notImplemented(r.action()));
        register("GetDelegatedAccessToken", r -> notImplemented(r.action()));
        register("GetWebIdentityToken", r -> notImplemented(r.action()));
        enforce(context, StsAccess.rules());
    }

    @Override
    public void reset() {
        // issued keys live in the shared AccessKeys, which the registry resets too
        journal.reset();
    }

    private Struct getCallerIdentity(ActionRequest request) {
        String accessKey = accessKeyOf(request);
        return Struct.of()
                .put("UserId", accessKeys.userIdOf(accessKey))
                .put("Account", request.context().accountId())
                .put("Arn", accessKeys.principalArnOf(accessKey, request.context().region()));
    }

    private Object assumeRole(ActionRequest request) {
        Params p = request.params();
        String roleArn = required(p, "RoleArn", "roleArn");
        String sessionName = required(p, "RoleSessionName", "roleSessionName");
        checkLength(roleArn, "roleArn", 20, 2048);
        checkSessionName(sessionName, "roleSessionName", 2, 64, SESSION_NAME);
        int duration = duration(p, 900, 43_200, 3_600);
        checkPolicy(p.string("Policy"));
        Arn role = parseRoleArn(roleArn);
        String roleName = role.resource().substring(role.resource().lastIndexOf('/') + 1);
        Optional<IamRoles> iam = context.crossService().find(IamRoles.class);
        String accessKey = accessKeyOf(request);
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params tag : p.list("Tags")) {
            tags.put(tag.string("Key"), tag.string("Value"));
        }
        List<String> transitive = p.stringList("TransitiveTagKeys");
        SessionLimits.checkTags(p.list("Tags").size(), tags, transitive);
        if (accessKey != null && accessKeys.sessions().of(accessKey).isPresent()) {
            // a role session assuming a role is role chaining
            SessionLimits.checkChained(p.integer("DurationSeconds"));
        }
        if (context.config().enforceIam()) {
            // the trust policy decides; without IAM no role exists to trust anyone
            RoleTrust.Ask ask = new RoleTrust.Ask(roleArn, sessionName, p.string("ExternalId"),
                    p.string("SourceIdentity"), tags, transitive, request.context().now());
            IamRoles roles = iam.orElse(NO_ROLES);
            new RoleTrust(roles, accessKeys).checkAssumeRole(accessKey, request.context().region(), ask);
        }
        // a role IAM knows lends its id and its session limit; any other role ARN is assumed as it is named
        IamRoles.Role known = iam.flatMap(roles -> roles.role(roleArn)).orElse(null);
        if (known != null && p.integer("DurationSeconds") != null && duration > known.maxSessionDuration()) {
            throw new AwsException(StsError.VALIDATION_ERROR,
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        String roleId = known != null ? known.roleId() : "AROA" + stableId(role.toString());
        String assumedArn = new Arn(role.partition(), "sts", "", role.accountId(),
                "assumed-role/" + roleName + "/" + sessionName).toString();
        List<String> policyArns = new ArrayList<>();
        for (Params arn : p.list("PolicyArns")) {
            policyArns.add(arn.string("arn"));
        }
        List<String> sessionPolicies = new ArrayList<>();
        if (p.string("Policy") != null) {
            sessionPolicies.add(p.string("Policy"));
        }
        // a policy ARN IAM does not have stands for a document that allows nothing
        policyArns.forEach(arn -> sessionPolicies.add(iam.flatMap(roles -> roles.managedPolicyDocument(arn)).orElse("")));
        int packed = SessionLimits.packedPercent(p.string("Policy"), policyArns, tags);
        Map<String, String> sessionTags = new LinkedHashMap<>(accessKey == null ? Map.of()
                : new RoleTrust(iam.orElse(NO_ROLES), accessKeys).transitiveTags(accessKey));
        sessionTags.putAll(tags);
        Set<String> transitiveKeys = new HashSet<>(transitive);
        accessKeys.sessions().of(accessKey).ifPresent(caller -> caller.transitiveTagKeys().stream()
                .filter(sessionTags::containsKey).forEach(transitiveKeys::add));
        Issued issued = issue(role.accountId(), assumedArn, roleId + ":" + sessionName, duration, request,
                key -> new RoleSession(key, known != null ? known.arn() : roleArn, assumedArn, sessionPolicies,
                        policyArns, sessionTags, transitiveKeys, p.string("SourceIdentity")));
        if (known != null) {
            iam.ifPresent(roles -> roles.roleUsed(roleArn, request.context().region(), request.context().now()));
        }
        return issued.answer(Struct.of()
                .put("Credentials", issued.credentials())
                .put("AssumedRoleUser", Struct.of().put("AssumedRoleId", roleId + ":" + sessionName).put("Arn", assumedArn))
                .put("PackedPolicySize", p.has("Policy") || p.has("Tags") || !policyArns.isEmpty() ? packed : null)
                .put("SourceIdentity", p.string("SourceIdentity")));
    }

    private Object assumeRoleWithWebIdentity(ActionRequest request) {
        Params p = request.params();
        String roleArn = required(p, "RoleArn", "roleArn");
        String sessionName = required(p, "RoleSessionName", "roleSessionName");
        String token = required(p, "WebIdentityToken", "webIdentityToken");
        checkLength(roleArn, "roleArn", 20, 2048);
        checkSessionName(sessionName, "roleSessionName", 2, 64, SESSION_NAME);
        checkLength(token, "webIdentityToken", 4, 20_000);
        int duration = duration(p, 900, 43_200, 3_600);
        JsonNode claims = jwtClaims(token);
        Arn role = parseRoleArn(roleArn);
        String roleName = role.resource().substring(role.resource().lastIndexOf('/') + 1);
        String audience = claims.path("aud").isArray() ? claims.path("aud").path(0).asText(null)
                : claims.path("aud").asText(null);
        String provider = p.string("ProviderId", claims.path("iss").asText(null));
        Optional<IamRoles> iam = context.crossService().find(IamRoles.class);
        WebIdentityTokens.verify(token, claims, roleArn, iam.orElse(NO_ROLES), request.context().now());
        if (context.config().enforceIam()) {
            Map<String, String> keys = new HashMap<>();
            for (String claim : List.of("sub", "amr")) {
                if (claims.path(claim).isTextual()) {
                    keys.put(claim, claims.path(claim).asText());
                }
            }
            if (audience != null) {
                keys.put("aud", audience);
            }
            // a provider is named by its issuer without the scheme: accounts.google.com, token.actions.githubusercontent.com
            String issuer = provider == null ? "" : WebIdentityTokens.providerName(provider);
            new RoleTrust(iam.orElse(NO_ROLES), accessKeys)
                    .checkWebIdentity(roleArn, issuer, keys, sessionName, request.context().now());
        }
        IamRoles.Role known = iam.flatMap(roles -> roles.role(roleArn)).orElse(null);
        String roleId = known != null ? known.roleId() : "AROA" + stableId(role.toString());
        String assumedArn = new Arn(role.partition(), "sts", "", role.accountId(),
                "assumed-role/" + roleName + "/" + sessionName).toString();
        List<String> sessionPolicies = p.string("Policy") == null ? List.of() : List.of(p.string("Policy"));
        Issued issued = issue(role.accountId(), assumedArn, roleId + ":" + sessionName, duration, request,
                key -> new RoleSession(key, known != null ? known.arn() : roleArn, assumedArn, sessionPolicies,
                        List.of(), Map.of(), Set.of(), null));
        return issued.answer(Struct.of()
                .put("Credentials", issued.credentials())
                .put("SubjectFromWebIdentityToken", claims.path("sub").asText(null))
                .put("AssumedRoleUser", Struct.of().put("AssumedRoleId", roleId + ":" + sessionName).put("Arn", assumedArn))
                .put("Provider", provider)
                .put("Audience", audience));
    }

    private Object assumeRoleWithSaml(ActionRequest request) {
        Params p = request.params();
        String roleArn = required(p, "RoleArn", "roleArn");
        String providerArn = required(p, "PrincipalArn", "principalArn");
        String encoded = required(p, "SAMLAssertion", "sAMLAssertion");
        checkLength(roleArn, "roleArn", 20, 2048);
        checkLength(providerArn, "principalArn", 20, 2048);
        checkLength(encoded, "sAMLAssertion", 4, 100_000);
        int duration = duration(p, 900, 43_200, 3_600);
        checkPolicy(p.string("Policy"));
        Arn role = parseRoleArn(roleArn);
        SamlAssertion.Read read;
        try {
            read = SamlAssertion.read(encoded);
        } catch (SamlAssertion.Unreadable e) {
            throw new AwsException(StsError.INVALID_IDENTITY_TOKEN, e.getMessage());
        }
        SamlAssertion saml = read.values();
        Optional<IamRoles> iam = context.crossService().find(IamRoles.class);
        SamlSignature.checkProvider(read, providerArn, role.accountId(), iam.orElse(NO_ROLES));
        Instant now = request.context().now();
        if (saml.notOnOrAfter() != null && !now.isBefore(saml.notOnOrAfter())) {
            throw new AwsException(StsError.EXPIRED_TOKEN, "Token must be fresh: the SAML assertion is not valid "
                    + "on or after " + saml.notOnOrAfter());
        }
        if (!saml.grants(roleArn, providerArn)) {
            throw new AwsException(CommonError.ACCESS_DENIED, "Not authorized to perform sts:AssumeRoleWithSAML");
        }
        String sessionName = saml.aws("RoleSessionName").orElseThrow(() -> new AwsException(
                StsError.INVALID_IDENTITY_TOKEN, "The SAML assertion has no RoleSessionName attribute"));
        checkSessionName(sessionName, "roleSessionName", 2, 64, SESSION_NAME);
        if (p.integer("DurationSeconds") == null && saml.aws("SessionDuration").isPresent()) {
            // the identity provider's SessionDuration applies when the call names none
            duration = sessionDuration(saml.aws("SessionDuration").get());
        }
        Arn provider = Arn.parse(providerArn);
        String providerName = provider.resource().substring(provider.resource().lastIndexOf('/') + 1);
        String nameQualifier = saml.nameQualifier(role.accountId(), providerName);
        String sourceIdentity = saml.aws("SourceIdentity").orElse(null);
        if (context.config().enforceIam()) {
            new RoleTrust(iam.orElse(NO_ROLES), accessKeys).checkSaml(roleArn, providerArn, saml, nameQualifier,
                    sessionName, now);
        }
        IamRoles.Role known = iam.flatMap(roles -> roles.role(roleArn)).orElse(null);
        if (known != null && duration > known.maxSessionDuration()) {
            throw new AwsException(StsError.VALIDATION_ERROR,
                    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        String roleName = role.resource().substring(role.resource().lastIndexOf('/') + 1);
        String roleId = known != null ? known.roleId() : "AROA" + stableId(role.toString());
        String assumedArn = new Arn(role.partition(), "sts", "", role.accountId(),
                "assumed-role/" + roleName + "/" + sessionName).toString();
        List<String> policyArns = new ArrayList<>();
        for (Params arn : p.list("PolicyArns")) {
            policyArns.add(arn.string("arn"));
        }
        List<String> sessionPolicies = new ArrayList<>();
        if (p.string("Policy") != null) {
            sessionPolicies.add(p.string("Policy"));
        }
        policyArns.forEach(arn -> sessionPolicies.add(iam.flatMap(roles -> roles.managedPolicyDocument(arn)).orElse("")));
        Issued issued = issue(role.accountId(), assumedArn, roleId + ":" + sessionName, duration, request,
                key -> new RoleSession(key, known != null ? known.arn() : roleArn, assumedArn, sessionPolicies,
                        policyArns, Map.of(), Set.of(), sourceIdentity));
        if (known != null) {
            iam.ifPresent(roles -> roles.roleUsed(roleArn, request.context().region(), now));
        }
        return issued.answer(Struct.of()
                .put("Credentials", issued.credentials())
                .put("AssumedRoleUser", Struct.of().put("AssumedRoleId", roleId + ":" + sessionName).put("Arn", assumedArn))
                .put("PackedPolicySize", p.has("Policy") ? 6 : null)
                .put("Subject", saml.subject())
                .put("SubjectType", saml.subjectType())
                .put("Issuer", saml.issuer())
                .put("Audience", saml.recipient() != null ? saml.recipient()
                        : saml.audiences().isEmpty() ? null : saml.audiences().get(0))
                .put("NameQualifier", nameQualifier)
                .put("SourceIdentity", sourceIdentity));
    }

    /** The {@code SessionDuration} attribute: 900 to 43200 seconds, as AWS accepts it. */
    private static int sessionDuration(String value) {
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 900 && seconds <= 43_200) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new AwsException(StsError.INVALID_IDENTITY_TOKEN,
                "The SessionDuration attribute must be a number of seconds from 900 to 43200");
    }

    private Object getSessionToken(ActionRequest request) {
        int duration = duration(request.params(), 900, 129_600, 43_200);
        String accessKey = accessKeyOf(request);
        Issued issued = issue(request.context().accountId(),
                accessKeys.principalArnOf(accessKey, request.context().region()),
                accessKeys.userIdOf(accessKey), duration, request, null);
        return issued.answer(Struct.of().put("Credentials", issued.credentials()));
    }

    private Object getFederationToken(ActionRequest request) {
        Params p = request.params();
        String name = required(p, "Name", "name");
        checkSessionName(name, "name", 2, 32, FEDERATED_NAME);
        int duration = duration(p, 900, 129_600, 43_200);
        checkPolicy(p.string("Policy"));
        String account = request.context().accountId();
        // STS ARNs are global (no region), in the partition of the region the call was made in
        String arn = new Arn(Arn.partitionOf(request.context().region()), "sts", "", account,
                "federated-user/" + name).toString();
        Issued issued = issue(account, arn, account + ":" + name, duration, request, null);
        return issued.answer(Struct.of()
                .put("Credentials", issued.credentials())
                .put("FederatedUser", Struct.of().put("FederatedUserId", account + ":" + name).put("Arn", arn))
                .put("PackedPolicySize", p.has("Policy") ? 6 : null));
    }

    private Struct getAccessKeyInfo(ActionRequest request) {
        String key = required(request.params(), "AccessKeyId", "accessKeyId");
        checkLength(key, "accessKeyId", 16, 128);
        return Struct.of().put("Account", accessKeys.accountOf(key));
    }

    /** Credentials just issued, and when they are durable (the answer waits for that). */
    private record Issued(Struct credentials, CompletionStage<Void> durable) {
        CompletionStage<Struct> answer(Struct output) {
            return durable.thenApply(done -> output);
        }
    }

    /**
     * Issues temporary credentials.
     *
     * @param session the role session behind them, from their access key id; {@code null} for none
     */
    private Issued issue(String account, String principalArn, String userId, int durationSeconds,
                         ActionRequest request, Function<String, RoleSession> session) {
        Instant expiration = request.context().now().plusSeconds(durationSeconds);
        String accessKeyId = Ids.accessKeyId("ASIA");
        String secret = Ids.secret(40);
        byte[] tokenBytes = new byte[264];
        new java.security.SecureRandom().nextBytes(tokenBytes);
        String sessionToken = "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().withoutPadding().encodeToString(tokenBytes);
        AccessKeys.IssuedKey key = new AccessKeys.IssuedKey(accessKeyId, secret, sessionToken, account, principalArn,
                userId, expiration);
        RoleSession s = session == null ? null : session.apply(accessKeyId);
        accessKeys.registerExpiring(key);
        if (s != null) {
            accessKeys.sessions().register(s);
        }
        CompletionStage<Void> durable = journal.append(s == null ? key : new StsState.SessionKey(key, s));
        return new Issued(Struct.of()
                .put("AccessKeyId", accessKeyId)
                .put("SecretAccessKey", secret)
                .put("SessionToken", sessionToken)
                .put("Expiration", expiration), durable);
    }

    private static String accessKeyOf(ActionRequest request) {
        SigV4Credential credential = request.context().credential();
        return credential == null ? null : credential.accessKeyId();
    }

    private static String required(Params p, String member, String constraintName) {
        String value = p.string(member);
        if (value == null) {
            throw validation("Value null at '" + constraintName + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    private static void checkLength(String value, String name, int min, int max) {
        if (value.length() < min) {
            throw validation("Value '" + value + "' at '" + name + "' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to " + min);
        }
        if (value.length() > max) {
            throw validation("Value '" + value + "' at '" + name + "' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + max);
        }
    }

    private static void checkSessionName(String value, String name, int min, int max, Pattern pattern) {
        checkLength(value, name, min, max);
        if (!pattern.matcher(value).matches()) {
            throw validation("Value '" + value + "' at '" + name + "' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
    }

    private static int duration(Params p, int min, int max, int defaultValue) {
        Integer value = p.integer("DurationSeconds");
        if (value == null) {
            return defaultValue;
        }
        if (value < min) {
            throw validation("Value '" + value + "' at 'durationSeconds' failed to satisfy constraint: "
                    + "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw validation("Value '" + value + "' at 'durationSeconds' failed to satisfy constraint: "
                    + "Member must have value less than or equal to " + max);
        }
        return value;
    }

    private static void checkPolicy(String policy) {
        if (policy == null) {
            return;
        }
        if (policy.length() > 2048) {
            throw new AwsException(StsError.PACKED_POLICY_TOO_LARGE,
                    "Packed size of consumed session policies exceeds the limit.");
        }
        try {
            if (!Json.mapper().readTree(policy).isObject()) {
                throw new AwsException(StsError.MALFORMED_POLICY_DOCUMENT, "The policy is not in the valid JSON format.");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AwsException(StsError.MALFORMED_POLICY_DOCUMENT, "The policy is not in the valid JSON format.");
        }
    }

    private static Arn parseRoleArn(String roleArn) {
        Arn arn;
        try {
            arn = Arn.parse(roleArn);
        } catch (IllegalArgumentException e) {
            throw new AwsException(StsError.VALIDATION_ERROR, roleArn + " is invalid");
        }
        if (!arn.accountId().matches("\\d{12}") || arn.resource().isEmpty()) {
            throw new AwsException(StsError.VALIDATION_ERROR, roleArn + " is invalid");
        }
        return arn;
    }

    /** The claims of a JWT, read before {@link WebIdentityTokens} checks its signature. */
    private static JsonNode jwtClaims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            throw new AwsException(StsError.INVALID_IDENTITY_TOKEN, "The ID Token provided is not a valid JWT. "
                    + "(You may see this error if you sent an Access Token)");
        }
        try {
            JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims == null || !claims.isObject()) {
                throw new IllegalArgumentException("claims are not an object");
            }
            return claims;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new AwsException(StsError.INVALID_IDENTITY_TOKEN, "The ID Token provided is not a valid JWT. "
                    + "(You may see this error if you sent an Access Token)");
        }
    }

    /** Seventeen characters derived from a name, so a role's id stays the same across calls. */
    private static String stableId(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(17);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            for (int i = 0; i < 17; i++) {
                sb.append(alphabet.charAt((digest[i] & 0xff) % alphabet.length()));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AwsException validation(String constraint) {
        return new AwsException(StsError.VALIDATION_ERROR, "1 validation error detected: " + constraint);
    }

    private static Object notImplemented(String action) {
        throw new AwsException(CommonError.NOT_IMPLEMENTED, action + " is not supported by Gureum's STS.");
    }
}
