package dev.gureum.server.sts;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.AccessKeys.IssuedKey;
import dev.gureum.core.auth.RoleSessions.RoleSession;
import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * The credentials STS has issued, kept so that a client's temporary keys still work after a restart
 * until they expire, with the role session behind each (its role, session policies and tags). A key and
 * its session are written once, whole; expired keys and their sessions are left out of snapshots.
 */
final class StsState implements DurableState {

    static final RecordTypes TYPES = RecordTypes.of(
            RecordType.of(1, IssuedKey.class, 1, StsState::writeKey, (in, version) -> readKey(in)),
            RecordType.of(2, SessionKey.class, 1, (r, out) -> {
                writeKey(r.key(), out);
                RoleSession session = r.session();
                out.writeString(session.roleArn());
                out.writeStringList(session.sessionPolicies());
                out.writeStringList(session.policyArns());
                out.writeStringMap(session.tags());
                out.writeStringList(List.copyOf(session.transitiveTagKeys()));
                out.writeString(session.sourceIdentity());
            }, (in, version) -> {
                IssuedKey k = readKey(in);
                return new SessionKey(k, new RoleSession(k.accessKeyId(), in.readString(), k.principalArn(),
                        in.readStringList(), in.readStringList(), in.readStringMap(),
                        java.util.Set.copyOf(in.readStringList()), in.readString()));
            }));

    /** A key issued for a role session, and the session: one record, so that neither outlives the other. */
    record SessionKey(IssuedKey key, RoleSession session) {
    }

    private static void writeKey(IssuedKey k, RecordOutput out) throws IOException {
        out.writeString(k.accessKeyId());
        out.writeString(k.secretAccessKey());
        out.writeString(k.sessionToken());
        out.writeString(k.accountId());
        out.writeString(k.principalArn());
        out.writeString(k.userId());
        out.writeInstant(k.expiration());
    }

    private static IssuedKey readKey(RecordInput in) throws IOException {
        return new IssuedKey(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readString(), in.readInstant());
    }

    private final AccessKeys accessKeys;
    private final Clock clock;

    StsState(AccessKeys accessKeys, Clock clock) {
        this.accessKeys = accessKeys;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sts";
    }

    @Override
    public RecordTypes recordTypes() {
        return TYPES;
    }

    @Override
    public void apply(Object record) {
        if (record instanceof SessionKey both) {
            accessKeys.registerExpiring(both.key());
            accessKeys.sessions().register(both.session());
        } else {
            accessKeys.registerExpiring((IssuedKey) record);
        }
    }

    @Override
    public Iterable<?> records() {
        java.time.Instant now = clock.instant();
        List<Object> live = new java.util.ArrayList<>();
        for (IssuedKey k : accessKeys.issuedKeys()) {
            if (k.expiration() == null || k.expiration().isAfter(now)) {
                RoleSession session = accessKeys.sessions().of(k.accessKeyId()).orElse(null);
                live.add(session == null ? k : new SessionKey(k, session));
            }
        }
        return live;
    }

    @Override
    public void clear() {
        accessKeys.reset();
    }
}
