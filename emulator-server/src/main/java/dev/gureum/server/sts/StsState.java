package dev.gureum.server.sts;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.AccessKeys.IssuedKey;
import dev.gureum.core.auth.RoleSessions.RoleSession;
import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;

import java.time.Clock;
import java.util.List;

/**
 * The credentials STS has issued, kept so that a client's temporary keys still work after a restart
 * until they expire, with the role session behind each (its role, session policies and tags). A key and
 * its session are written once, whole; expired keys and their sessions are left out of snapshots.
 */
final class StsState implements DurableState {

    static final RecordTypes TYPES = RecordTypes.of(
            RecordType.of(1, IssuedKey.class, 1, (k, out) -> {
                out.writeString(k.accessKeyId());
                out.writeString(k.secretAccessKey());
                out.writeString(k.sessionToken());
                out.writeString(k.accountId());
                out.writeString(k.principalArn());
                out.writeString(k.userId());
                out.writeInstant(k.expiration());
            }, (in, version) -> new IssuedKey(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readInstant())),
            RecordType.of(2, RoleSession.class, 1, (r, out) -> {
                out.writeString(r.accessKeyId());
                out.writeString(r.roleArn());
                out.writeString(r.sessionArn());
                out.writeStringList(r.sessionPolicies());
                out.writeStringList(r.policyArns());
                out.writeStringMap(r.tags());
                out.writeStringList(List.copyOf(r.transitiveTagKeys()));
                out.writeString(r.sourceIdentity());
            }, (in, version) -> new RoleSession(in.readString(), in.readString(), in.readString(),
                    in.readStringList(), in.readStringList(), in.readStringMap(),
                    java.util.Set.copyOf(in.readStringList()), in.readString())));

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
        if (record instanceof RoleSession session) {
            accessKeys.sessions().register(session);
        } else {
            accessKeys.register((IssuedKey) record);
        }
    }

    @Override
    public Iterable<?> records() {
        java.time.Instant now = clock.instant();
        List<Object> live = new java.util.ArrayList<>();
        for (IssuedKey k : accessKeys.issuedKeys()) {
            if (k.expiration() == null || k.expiration().isAfter(now)) {
                live.add(k);
                accessKeys.sessions().of(k.accessKeyId()).ifPresent(live::add);
            }
        }
        return live;
    }

    @Override
    public void clear() {
        accessKeys.reset();
    }
}
