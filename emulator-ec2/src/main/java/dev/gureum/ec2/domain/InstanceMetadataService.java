package dev.gureum.ec2.domain;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.RoleSessions;
import dev.gureum.core.id.Arn;
import dev.gureum.core.id.Ids;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every instance's metadata service (IMDS): IMDSv1 GETs, and IMDSv2's session tokens (a PUT to
 * {@code /latest/api/token} with a time to live, then the token on every GET). An instance whose options
 * require tokens refuses GETs without one; a token that is unknown, expired or another instance's is
 * refused (401) whatever the options. With an instance profile, {@code iam/security-credentials/<role>}
 * hands out temporary keys that Gureum's services accept as the instance's account.
 */
public final class InstanceMetadataService {

    /** An answer: HTTP status, and the body (a document, a listing, or an error page). */
    public record Answer(int status, byte[] body) {
        static Answer text(int status, String text) {
            return new Answer(status, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Where each instance's service is: this, its id, and a slash. */
    public static final String PATH = "/_gureum/ec2/metadata/";

    /** Session tokens live from 1 second to 6 hours. */
    private static final int MAX_TTL_SECONDS = 21_600;
    /** Role credentials last 6 hours and are replaced when less than 15 minutes remain, as EC2 does ahead of expiry. */
    private static final Duration CREDENTIALS_LIFETIME = Duration.ofHours(6);
    private static final Duration CREDENTIALS_RENEWAL = Duration.ofMinutes(15);

    private record Session(String instanceId, Instant expires) {
    }

    private record Credentials(AccessKeys.IssuedKey key, Instant issued) {
    }

    private final Ec2World world;
    private final AccessKeys accessKeys;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Credentials> credentials = new ConcurrentHashMap<>();

    /** @param accessKeys where issued role keys are registered, or {@code null} to hand out none */
    public InstanceMetadataService(Ec2World world, AccessKeys accessKeys) {
        this.world = world;
        this.accessKeys = accessKeys;
    }

    /**
     * Answers one request to the metadata service of {@code instanceId}.
     *
     * @param path       the path below the service's root: {@code /latest/meta-data/instance-id}
     * @param ttlSeconds {@code X-aws-ec2-metadata-token-ttl-seconds}, or {@code null}
     * @param token      {@code X-aws-ec2-metadata-token}, or {@code null}
     * @param forwarded  whether the request came through a proxy ({@code X-Forwarded-For}), which token
     *                   requests may not
     */
    public Answer answer(String instanceId, String method, String path, String ttlSeconds, String token,
                         boolean forwarded) {
        return read(() -> world.reading(() -> world.global(w -> {
            Instance i = w.instance(instanceId);
            if (i == null || i.state() != InstanceState.RUNNING) {
                return notFound();
            }
            if (i.metadataOptions().httpEndpoint().equals("disabled")) {
                return Answer.text(403, "Forbidden");
            }
            Instant now = w.now();
            if (path.equals("/latest/api/token")) {
                return method.equals("PUT") ? issueToken(i, ttlSeconds, forwarded, now) : Answer.text(405, "Method Not Allowed");
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return Answer.text(405, "Method Not Allowed");
            }
            if (token != null) {
                Session s = sessions.get(token);
                if (s == null || !s.instanceId().equals(i.id()) || !now.isBefore(s.expires())) {
                    return Answer.text(401, "Unauthorized");
                }
            } else if (i.metadataOptions().httpTokens().equals("required")) {
                return Answer.text(401, "Unauthorized");
            }
            return read(w, i, path, now);
        })));
    }

    /** Runs a read of the world: nothing it does is compared with the journal unless a transition came due. */
    static <T> T read(java.util.concurrent.Callable<T> read) {
        try {
            return read.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer issueToken(Instance i, String ttlSeconds, boolean forwarded, Instant now) {
        if (forwarded) {
            return Answer.text(403, "Forbidden");
        }
        int ttl;
        try {
            ttl = ttlSeconds == null ? -1 : Integer.parseInt(ttlSeconds.strip());
        } catch (NumberFormatException e) {
            ttl = -1;
        }
        if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
            return Answer.text(400, "Bad Request");
        }
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next().expires())) {
                it.remove();
            }
        }
        String token = Ids.secret(56);
        sessions.put(token, new Session(i.id(), now.plusSeconds(ttl)));
        return Answer.text(200, token);
    }

    private Answer read(Ec2World w, Instance i, String path, Instant now) {
        if (!path.startsWith("/latest")) {
            return path.equals("/") || path.isEmpty() ? Answer.text(200, "latest") : notFound();
        }
        Ec2Scope scope = w.scopeOf(i);
        ProfileRole role = i.instanceProfile() == null ? null : role(i);
        Credentials c = role == null ? null : credentials(i, role, now);
        String document = c == null ? null : InstanceMetadataTree.json(new String[][] {
                {"Code", "Success"}, {"LastUpdated", InstanceMetadataTree.iso(c.issued())}, {"Type", "AWS-HMAC"},
                {"AccessKeyId", c.key().accessKeyId()}, {"SecretAccessKey", c.key().secretAccessKey()},
                {"Token", c.key().sessionToken()}, {"Expiration", InstanceMetadataTree.iso(c.key().expiration())}});
        Object node = InstanceMetadataTree.of(scope, i, role == null ? null : role.name(), document,
                c == null ? null : c.issued());
        for (String segment : path.substring("/latest".length()).split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (!(node instanceof Map<?, ?> dir)) {
                return notFound();
            }
            Object next = dir.get(segment);
            if (next == null) {
                next = dir.entrySet().stream().filter(e -> String.valueOf(e.getKey()).startsWith(segment + "="))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            if (next == null) {
                return notFound();
            }
            node = next;
        }
        if (node instanceof Map<?, ?> dir) {
            if (path.equals("/latest") || path.equals("/latest/")) {
                // the categories of a version are listed without the slashes of the directories below
                return Answer.text(200, String.join("\n", dir.keySet().stream().map(String::valueOf).toList()));
            }
            return new Answer(200, InstanceMetadataTree.listing(dir));
        }
        return node instanceof byte[] bytes ? new Answer(200, bytes) : Answer.text(200, String.valueOf(node));
    }

    /** The role an instance's profile holds: its name, and its id and ARN when IAM knows it. */
    private record ProfileRole(String name, String id, String arn) {
    }

    /**
     * The role an instance's profile holds now: IAM's answer when the server has IAM (a role added to or
     * removed from the profile after launch shows at once), else the role the profile was launched with.
     */
    private ProfileRole role(Instance i) {
        InstanceProfile p = i.instanceProfile();
        java.util.Optional<dev.gureum.core.spi.IamRoles> iam = world.iamRoles();
        if (iam.isEmpty()) {
            return new ProfileRole(p.role(), null, null);
        }
        dev.gureum.core.spi.IamRoles.InstanceProfile profile = iam.get().instanceProfile(i.ownerId(), p.arn())
                .orElse(null);
        return profile == null || profile.role() == null ? null
                : new ProfileRole(profile.role().name(), profile.role().roleId(), profile.role().arn());
    }

    /** The role credentials of an instance, issued afresh when none are left, they are about to expire or the role changed. */
    private Credentials credentials(Instance i, ProfileRole profileRole, Instant now) {
        String role = profileRole.name();
        Credentials c = credentials.get(i.id());
        if (c != null && now.plus(CREDENTIALS_RENEWAL).isBefore(c.key().expiration())
                && c.key().principalArn().endsWith(":assumed-role/" + role + "/" + i.id())) {
            return c;
        }
        String roleId = profileRole.id() != null ? profileRole.id() : Ids.accessKeyId("AROA");
        AccessKeys.IssuedKey key = new AccessKeys.IssuedKey(Ids.accessKeyId("ASIA"), Ids.secret(40),
                "IQoJb3JpZ2luX2Vj" + Ids.secret(300), i.ownerId(),
                Arn.of("sts", "", i.ownerId(), "assumed-role/" + role + "/" + i.id()).toString(),
                roleId + ":" + i.id(), now.plus(CREDENTIALS_LIFETIME));
        if (accessKeys != null) {
            accessKeys.register(key);
            if (profileRole.arn() != null) {
                // the instance acts with its role's policies: whoever authorises its requests finds the role here
                accessKeys.sessions().register(RoleSessions.RoleSession.of(key.accessKeyId(), profileRole.arn(),
                        key.principalArn()));
            }
        }
        c = new Credentials(key, now);
        credentials.put(i.id(), c);
        return c;
    }

    private static Answer notFound() {
        return Answer.text(404, "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n"
                + "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n"
                + "\t\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
                + "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n"
                + " <head>\n  <title>404 - Not Found</title>\n </head>\n <body>\n  <h1>404 - Not Found</h1>\n"
                + " </body>\n</html>\n");
    }
}
