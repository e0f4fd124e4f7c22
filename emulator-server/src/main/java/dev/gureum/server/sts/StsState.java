package dev.gureum.server.sts;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.AccessKeys.IssuedKey;
import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;

import java.time.Clock;
import java.util.List;

/**
 * The credentials STS has issued, kept so that a client's temporary keys still work after a restart
 * until they expire. A key is written once, whole; expired keys are left out of snapshots.
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
                    in.readString(), in.readString(), in.readInstant())));

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
        accessKeys.register((IssuedKey) record);
    }

    @Override
    public Iterable<?> records() {
        java.time.Instant now = clock.instant();
        List<IssuedKey> live = accessKeys.issuedKeys().stream()
                .filter(k -> k.expiration() == null || k.expiration().isAfter(now)).toList();
        return live;
    }

    @Override
    public void clear() {
        accessKeys.reset();
    }
}
