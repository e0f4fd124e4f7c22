package dev.gureum.iam.domain;

import dev.gureum.iam.domain.Entities.ManagedPolicy;
import dev.gureum.iam.domain.Entities.PolicyVersion;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Managed policies' version rules and attachment counts, without the wire. */
class PoliciesTest {

    private static final String A = "111111111111";
    private static final String DOC = "{\"Version\":\"2012-10-17\"}";

    private final IamStore store = new IamStore(null);
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);
    private final ManagedPolicy admin = new ManagedPolicy("aws", "AdministratorAccess", "ANPAX", "/",
            "arn:aws:iam::aws:policy/AdministratorAccess", null, clock.instant(), clock.instant(), "v1",
            List.of(new PolicyVersion("v1", DOC, clock.instant())), 2, Map.of());
    private final Policies policies = new Policies(store, clock, Map.of(admin.arn(), admin));
    private final Users users = new Users(store, clock, policies);
    private final Roles roles = new Roles(store, clock, policies);

    private IamRefusal.Reason refusal(Runnable r) {
        try {
            r.run();
        } catch (IamRefusal e) {
            return e.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void versionsAreNumberedOnceAndTheDefaultStays() {
        Changes c = new Changes(store);
        ManagedPolicy p = policies.create(c, A, "aws", "P", "/", DOC, null, Map.of());
        for (int i = 0; i < 4; i++) {
            policies.createVersion(c, A, p.arn(), DOC, false);
        }
        assertThat(refusal(() -> policies.createVersion(c, A, p.arn(), DOC, true))).isEqualTo(IamRefusal.Reason.LIMIT_EXCEEDED);
        assertThat(refusal(() -> policies.deleteVersion(c, A, p.arn(), "v1"))).isEqualTo(IamRefusal.Reason.DELETE_CONFLICT);
        policies.deleteVersion(c, A, p.arn(), "v3");
        assertThat(policies.createVersion(c, A, p.arn(), DOC, true).versionId()).isEqualTo("v6");
        assertThat(policies.policy(A, p.arn()).defaultVersion()).isEqualTo("v6");
        assertThat(policies.policy(A, p.arn()).versions()).extracting(PolicyVersion::versionId)
                .containsExactly("v1", "v2", "v4", "v5", "v6");
        assertThat(c.records()).hasSize(7);
    }

    @Test
    void attachmentsAreCountedAndBlockDeletion() {
        Changes c = new Changes(store);
        users.create(c, A, "aws", "u", "/", null, Map.of());
        roles.create(c, A, "aws", "r", "/", "{}", null, null, null, Map.of());
        policies.attach(c, Policies.Holder.USER, A, "u", admin.arn(), users, roles);
        policies.attach(c, Policies.Holder.ROLE, A, "r", admin.arn(), users, roles);
        policies.attach(c, Policies.Holder.ROLE, A, "r", admin.arn(), users, roles);
        assertThat(policies.attachments(A, admin.arn())).isEqualTo(2);
        assertThat(policies.attachments("222222222222", admin.arn())).isZero();
        assertThat(refusal(() -> policies.attach(c, Policies.Holder.USER, A, "u", "arn:aws:iam::aws:policy/None", users,
                roles))).isEqualTo(IamRefusal.Reason.NO_SUCH_ENTITY);
        assertThat(refusal(() -> policies.delete(c, A, admin.arn()))).isEqualTo(IamRefusal.Reason.INVALID_INPUT);
        assertThat(refusal(() -> users.delete(c, A, "u"))).isEqualTo(IamRefusal.Reason.DELETE_CONFLICT);
        policies.detach(c, Policies.Holder.USER, A, "u", admin.arn(), users, roles);
        users.delete(c, A, "U");
        assertThatThrownBy(() -> users.user(A, "u")).isInstanceOf(IamRefusal.class)
                .hasMessage("The user with name u cannot be found.");
    }
}
