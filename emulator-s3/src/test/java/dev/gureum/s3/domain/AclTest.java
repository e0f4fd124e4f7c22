package dev.gureum.s3.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Canned ACLs as S3 documents them, and what a grant gives. */
class AclTest {

    private static final Predicate<Acl.Grant> ANYONE = g -> g.type().equals("Group") && g.value().equals(Acl.ALL_USERS);
    private static final Predicate<Acl.Grant> SIGNED = g -> g.type().equals("Group")
            && (g.value().equals(Acl.ALL_USERS) || g.value().equals(Acl.AUTHENTICATED_USERS));

    @Test
    void cannedAclsGrantWhatS3Documents() {
        assertThat(Acl.canned("private", "owner").grants()).isEmpty();
        assertThat(Acl.canned("bucket-owner-full-control", "owner").grants()).isEmpty();
        assertThat(Acl.canned("public-read", "owner").grants(ANYONE, Acl.Permission.READ)).isTrue();
        assertThat(Acl.canned("public-read", "owner").grants(ANYONE, Acl.Permission.WRITE)).isFalse();
        assertThat(Acl.canned("public-read-write", "owner").grants(ANYONE, Acl.Permission.WRITE)).isTrue();
        assertThat(Acl.canned("public-read-write", "owner").grants(ANYONE, Acl.Permission.READ_ACP)).isFalse();
        assertThat(Acl.canned("authenticated-read", "owner").grants(ANYONE, Acl.Permission.READ)).isFalse();
        assertThat(Acl.canned("authenticated-read", "owner").grants(SIGNED, Acl.Permission.READ)).isTrue();
        assertThat(Acl.canned("bucket-owner-read", "owner").grants())
                .containsExactly(new Acl.Grant("CanonicalUser", "owner", Acl.Permission.READ));
        assertThat(Acl.canned("world-writable", "owner")).isNull();
    }

    @Test
    void fullControlIncludesEveryPermission() {
        Acl acl = new Acl(List.of(Acl.group(Acl.ALL_USERS, Acl.Permission.FULL_CONTROL)));
        for (Acl.Permission p : Acl.Permission.values()) {
            assertThat(acl.grants(ANYONE, p)).as(p.name()).isTrue();
        }
        assertThat(acl.grants(g -> false, Acl.Permission.READ)).isFalse();
    }

    @Test
    void explicitGrantsAreTheWholeListAndDifferFromTheCannedOnes() {
        Acl revoked = Acl.explicit(List.of());
        assertThat(revoked.explicit()).isTrue();
        assertThat(revoked).isNotEqualTo(Acl.PRIVATE);
        assertThat(Acl.canned("public-read", "owner").explicit()).isFalse();
        Acl more = revoked.plus(List.of(Acl.group(Acl.ALL_USERS, Acl.Permission.READ)));
        assertThat(more.explicit()).isTrue();
        assertThat(more.grants(ANYONE, Acl.Permission.READ)).isTrue();
    }
}
