package dev.gureum.iam.domain;

import dev.gureum.core.persist.JournalOptions;
import dev.gureum.core.persist.Persistence;
import dev.gureum.core.persist.StateJournal;
import dev.gureum.core.testing.RecordedState;
import dev.gureum.iam.domain.Entities.AccessKey;
import dev.gureum.iam.domain.Entities.Group;
import dev.gureum.iam.domain.Entities.InstanceProfile;
import dev.gureum.iam.domain.Entities.Kind;
import dev.gureum.iam.domain.Entities.LoginProfile;
import dev.gureum.iam.domain.Entities.ManagedPolicy;
import dev.gureum.iam.domain.Entities.MfaDevice;
import dev.gureum.iam.domain.Entities.PolicyVersion;
import dev.gureum.iam.domain.Entities.Removed;
import dev.gureum.iam.domain.Entities.Role;
import dev.gureum.iam.domain.Entities.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IamRecordsTest {

    private static final Instant T = Instant.parse("2026-03-01T09:00:00.5Z");
    private static final String A = "111111111111";

    static List<Object> everyType() {
        return List.of(
                new User(A, "alice", "AIDAEXAMPLEEXAMPLE001", "/p/", "arn:aws:iam::" + A + ":user/p/alice", T,
                        "arn:aws:iam::" + A + ":policy/b", Map.of("k", "v"), Map.of("inline", "{}"),
                        List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"), List.of("devs"), new LoginProfile(T, true)),
                new User(A, "bob", "AIDAEXAMPLEEXAMPLE002", "/", "arn:aws:iam::" + A + ":user/bob", T, null, Map.of(),
                        Map.of(), List.of(), List.of(), null),
                new Group(A, "devs", "AGPAEXAMPLEEXAMPLE001", "/", "arn:aws:iam::" + A + ":group/devs", T,
                        Map.of("g", "{\"Version\":\"2012-10-17\"}"), List.of("arn:aws:iam::aws:policy/AdministratorAccess")),
                new Role(A, "fn", "AROAEXAMPLEEXAMPLE001", "/svc/", "arn:aws:iam::" + A + ":role/svc/fn", T, "{trust}",
                        "a function", 7200, null, Map.of("env", "prod"), Map.of("r", "{}"), List.of("x"), T.plusSeconds(9),
                        "eu-west-1"),
                new Role(A, "bare", "AROAEXAMPLEEXAMPLE002", "/", "arn:aws:iam::" + A + ":role/bare", T, "{}", null, 3600,
                        "arn:b", Map.of(), Map.of(), List.of(), null, null),
                new ManagedPolicy(A, "Mine", "ANPAEXAMPLEEXAMPLE001", "/", "arn:aws:iam::" + A + ":policy/Mine", "d", T,
                        T.plusSeconds(1), "v2", List.of(new PolicyVersion("v1", "{1}", T),
                        new PolicyVersion("v2", "{2}", T.plusSeconds(1))), 3, Map.of("t", "")),
                new AccessKey(A, "alice", "AKIAEXAMPLEEXAMPLE01", "secret", false, T),
                new InstanceProfile(A, "web", "AIPAEXAMPLEEXAMPLE001", "/", "arn:aws:iam::" + A + ":instance-profile/web", T,
                        List.of("fn"), Map.of("a", "b")),
                new MfaDevice(A, "arn:aws:iam::" + A + ":mfa/phone", "ABCDEFGH234567", "alice", T, T, Map.of()),
                new MfaDevice(A, "arn:aws:iam::" + A + ":mfa/spare", "ABC", null, null, T, Map.of("k", "v")),
                new Removed(A, Kind.ACCESS_KEY, "AKIAEXAMPLEEXAMPLE02"));
    }

    @Test
    void everyIamRecordReadsBackAsItWasWritten(@TempDir Path dir) {
        List<Object> written = everyType();
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS.withSnapshotOnClose(false))) {
            RecordedState kept = new RecordedState("iam", IamRecords.TYPES);
            StateJournal journal = persistence.open(kept);
            for (Object r : written) {
                kept.apply(r);
                journal.append(r).toCompletableFuture().join();
            }
        }
        try (Persistence persistence = Persistence.in(dir, JournalOptions.DEFAULTS)) {
            RecordedState kept = new RecordedState("iam", IamRecords.TYPES);
            persistence.open(kept);
            assertThat(kept.records).containsExactlyElementsOf(written);
        }
    }

    @Test
    void aUsersKeysActAsTheUserAndFollowARename() {
        dev.gureum.core.auth.AccessKeys keys = new dev.gureum.core.auth.AccessKeys("000000000000", Map.of());
        IamStore store = new IamStore(keys);
        User alice = (User) everyType().get(0);
        store.apply(alice);
        store.apply(new AccessKey(A, "alice", "AKIAEXAMPLEEXAMPLE01", "secret", true, T));
        assertThat(keys.accountOf("AKIAEXAMPLEEXAMPLE01")).isEqualTo(A);
        assertThat(keys.principalArnOf("AKIAEXAMPLEEXAMPLE01")).isEqualTo("arn:aws:iam::" + A + ":user/p/alice");
        assertThat(keys.secretOf("AKIAEXAMPLEEXAMPLE01")).contains("secret");

        store.apply(alice.renamed("alice", "/q/", "arn:aws:iam::" + A + ":user/q/alice"));
        assertThat(keys.principalArnOf("AKIAEXAMPLEEXAMPLE01")).isEqualTo("arn:aws:iam::" + A + ":user/q/alice");
        store.apply(new AccessKey(A, "alice", "AKIAEXAMPLEEXAMPLE01", "secret", false, T));
        assertThat(keys.inactive("AKIAEXAMPLEEXAMPLE01")).isTrue();
        assertThat(keys.secretOf("AKIAEXAMPLEEXAMPLE01")).isEmpty();
        store.apply(new Removed(A, Kind.ACCESS_KEY, "AKIAEXAMPLEEXAMPLE01"));
        assertThat(keys.accountOf("AKIAEXAMPLEEXAMPLE01")).isEqualTo("000000000000");
    }
}
