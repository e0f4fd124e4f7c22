package dev.gureum.iam.domain;

import dev.gureum.core.persist.DurableState;
import dev.gureum.core.persist.RecordInput;
import dev.gureum.core.persist.RecordOutput;
import dev.gureum.core.persist.RecordType;
import dev.gureum.core.persist.RecordTypes;
import dev.gureum.iam.domain.Entities.AccessKey;
import dev.gureum.iam.domain.Entities.Group;
import dev.gureum.iam.domain.Entities.InstanceProfile;
import dev.gureum.iam.domain.Entities.Kind;
import dev.gureum.iam.domain.Entities.LoginProfile;
import dev.gureum.iam.domain.Entities.ManagedPolicy;
import dev.gureum.iam.domain.Entities.MfaDevice;
import dev.gureum.iam.domain.Entities.OidcProvider;
import dev.gureum.iam.domain.Entities.SamlPrivateKey;
import dev.gureum.iam.domain.Entities.SamlProvider;
import dev.gureum.iam.domain.Entities.PolicyVersion;
import dev.gureum.iam.domain.Entities.Removed;
import dev.gureum.iam.domain.Entities.Role;
import dev.gureum.iam.domain.Entities.User;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * IAM's journal ({@code iam}): each entity whole, set by its key, and one removal record. Users' access keys
 * are replayed into the server's access keys through the store.
 */
public final class IamRecords implements DurableState {

    public static final RecordTypes TYPES = RecordTypes.of(
            RecordType.of(1, User.class, 1, IamRecords::writeUser, (in, v) -> readUser(in)),
            RecordType.of(2, Group.class, 1, (g, out) -> {
                writeHead(out, g.account(), g.name(), g.id(), g.path(), g.arn(), g.created());
                out.writeStringMap(g.inline());
                out.writeStringList(g.attached());
            }, (in, v) -> new Group(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readInstant(), in.readStringMap(), in.readStringList())),
            RecordType.of(3, Role.class, 1, IamRecords::writeRole, (in, v) -> readRole(in)),
            RecordType.of(4, ManagedPolicy.class, 1, IamRecords::writePolicy, (in, v) -> readPolicy(in)),
            RecordType.of(5, AccessKey.class, 1, (k, out) -> {
                out.writeString(k.account());
                out.writeString(k.userName());
                out.writeString(k.id());
                out.writeString(k.secret());
                out.writeBoolean(k.active());
                out.writeInstant(k.created());
            }, (in, v) -> new AccessKey(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readBoolean(), in.readInstant())),
            RecordType.of(6, InstanceProfile.class, 1, (p, out) -> {
                writeHead(out, p.account(), p.name(), p.id(), p.path(), p.arn(), p.created());
                out.writeStringList(p.roles());
                out.writeStringMap(p.tags());
            }, (in, v) -> new InstanceProfile(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readInstant(), in.readStringList(), in.readStringMap())),
            RecordType.of(7, MfaDevice.class, 1, (d, out) -> {
                out.writeString(d.account());
                out.writeString(d.serial());
                out.writeString(d.seed());
                out.writeString(d.userName());
                out.writeInstant(d.enabled());
                out.writeInstant(d.created());
                out.writeStringMap(d.tags());
            }, (in, v) -> new MfaDevice(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readInstant(), in.readInstant(), in.readStringMap())),
            RecordType.of(8, Removed.class, 1, (r, out) -> {
                out.writeString(r.account());
                out.writeString(r.kind().name());
                out.writeString(r.key());
            }, (in, v) -> new Removed(in.readString(), Kind.valueOf(in.readString()), in.readString())),
            RecordType.of(9, SamlProvider.class, 1, IamRecords::writeSamlProvider, (in, v) -> readSamlProvider(in)),
            RecordType.of(10, OidcProvider.class, 1, (p, out) -> {
                out.writeString(p.account());
                out.writeString(p.url());
                out.writeString(p.arn());
                out.writeStringList(p.clientIds());
                out.writeStringList(p.thumbprints());
                out.writeInstant(p.created());
                out.writeStringMap(p.tags());
            }, (in, v) -> new OidcProvider(in.readString(), in.readString(), in.readString(), in.readStringList(),
                    in.readStringList(), in.readInstant(), in.readStringMap())));

    private final IamStore store;

    public IamRecords(IamStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "iam";
    }

    @Override
    public RecordTypes recordTypes() {
        return TYPES;
    }

    @Override
    public void apply(Object record) {
        store.apply(record);
    }

    @Override
    public Iterable<?> records() {
        return store.records();
    }

    @Override
    public void clear() {
        store.clear();
    }

    private static void writeHead(RecordOutput out, String account, String name, String id, String path, String arn,
                                  java.time.Instant created) throws IOException {
        out.writeString(account);
        out.writeString(name);
        out.writeString(id);
        out.writeString(path);
        out.writeString(arn);
        out.writeInstant(created);
    }

    private static void writeUser(User u, RecordOutput out) throws IOException {
        writeHead(out, u.account(), u.name(), u.id(), u.path(), u.arn(), u.created());
        out.writeString(u.boundary());
        out.writeStringMap(u.tags());
        out.writeStringMap(u.inline());
        out.writeStringList(u.attached());
        out.writeStringList(u.groups());
        out.writeBoolean(u.login() != null);
        if (u.login() != null) {
            out.writeInstant(u.login().created());
            out.writeBoolean(u.login().resetRequired());
        }
    }

    private static User readUser(RecordInput in) throws IOException {
        return new User(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readInstant(), in.readString(), in.readStringMap(), in.readStringMap(), in.readStringList(),
                in.readStringList(), in.readBoolean() ? new LoginProfile(in.readInstant(), in.readBoolean()) : null);
    }

    private static void writeRole(Role r, RecordOutput out) throws IOException {
        writeHead(out, r.account(), r.name(), r.id(), r.path(), r.arn(), r.created());
        out.writeString(r.trustPolicy());
        out.writeString(r.description());
        out.writeInt(r.maxSessionDuration());
        out.writeString(r.boundary());
        out.writeStringMap(r.tags());
        out.writeStringMap(r.inline());
        out.writeStringList(r.attached());
        out.writeInstant(r.lastUsed());
        out.writeString(r.lastUsedRegion());
    }

    private static Role readRole(RecordInput in) throws IOException {
        return new Role(in.readString(), in.readString(), in.readString(), in.readString(), in.readString(),
                in.readInstant(), in.readString(), in.readString(), in.readInt(), in.readString(), in.readStringMap(),
                in.readStringMap(), in.readStringList(), in.readInstant(), in.readString());
    }

    private static void writePolicy(ManagedPolicy p, RecordOutput out) throws IOException {
        writeHead(out, p.account(), p.name(), p.id(), p.path(), p.arn(), p.created());
        out.writeString(p.description());
        out.writeInstant(p.updated());
        out.writeString(p.defaultVersion());
        out.writeInt(p.versions().size());
        for (PolicyVersion v : p.versions()) {
            out.writeString(v.versionId());
            out.writeString(v.document());
            out.writeInstant(v.created());
        }
        out.writeInt(p.nextVersion());
        out.writeStringMap(p.tags());
    }

    private static ManagedPolicy readPolicy(RecordInput in) throws IOException {
        String account = in.readString();
        String name = in.readString();
        String id = in.readString();
        String path = in.readString();
        String arn = in.readString();
        java.time.Instant created = in.readInstant();
        String description = in.readString();
        java.time.Instant updated = in.readInstant();
        String defaultVersion = in.readString();
        int count = in.readInt();
        List<PolicyVersion> versions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            versions.add(new PolicyVersion(in.readString(), in.readString(), in.readInstant()));
        }
        return new ManagedPolicy(account, name, id, path, arn, description, created, updated, defaultVersion, versions,
                in.readInt(), in.readStringMap());
    }

    private static void writeSamlProvider(SamlProvider p, RecordOutput out) throws IOException {
        out.writeString(p.account());
        out.writeString(p.name());
        out.writeString(p.arn());
        out.writeString(p.uuid());
        out.writeString(p.metadata());
        out.writeInstant(p.created());
        out.writeInstant(p.validUntil());
        out.writeString(p.encryptionMode());
        out.writeInt(p.privateKeys().size());
        for (SamlPrivateKey k : p.privateKeys()) {
            out.writeString(k.keyId());
            out.writeInstant(k.added());
            out.writeString(k.pem());
        }
        out.writeStringMap(p.tags());
    }

    private static SamlProvider readSamlProvider(RecordInput in) throws IOException {
        String account = in.readString();
        String name = in.readString();
        String arn = in.readString();
        String uuid = in.readString();
        String metadata = in.readString();
        java.time.Instant created = in.readInstant();
        java.time.Instant validUntil = in.readInstant();
        String mode = in.readString();
        int count = in.readInt();
        List<SamlPrivateKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(new SamlPrivateKey(in.readString(), in.readInstant(), in.readString()));
        }
        return new SamlProvider(account, name, arn, uuid, metadata, created, validUntil, mode, keys,
                in.readStringMap());
    }
}
