package dev.gureum.server.iam;

import dev.gureum.server.junit.GureumExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM users, groups and membership, login profiles and tags, through the SDK's IamClient. */
class IamUsersIT {

    @RegisterExtension
    static GureumExtension gureum = new GureumExtension();

    static IamClient iam(GureumExtension gureum, String accessKey) {
        return gureum.configure(IamClient.builder(), accessKey).region(Region.AWS_GLOBAL).build();
    }

    private final IamClient iam = iam(gureum, "test");

    @BeforeEach
    void reset() {
        gureum.reset();
    }

    @Test
    void aUserIsCreatedReadListedRenamedAndDeleted() {
        User created = iam.createUser(r -> r.userName("alice").path("/engineering/")
                .tags(Tag.builder().key("team").value("core").build())).user();
        assertThat(created.userName()).isEqualTo("alice");
        assertThat(created.path()).isEqualTo("/engineering/");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::000000000000:user/engineering/alice");
        assertThat(created.userId()).startsWith("AIDA").hasSize(21);
        assertThat(created.createDate()).isNotNull();

        User read = iam.getUser(r -> r.userName("alice")).user();
        assertThat(read.userId()).isEqualTo(created.userId());
        assertThat(read.tags()).containsExactly(Tag.builder().key("team").value("core").build());
        assertThat(iam.listUserTags(r -> r.userName("alice")).tags()).extracting(Tag::key).containsExactly("team");

        iam.updateUser(r -> r.userName("alice").newUserName("alicia").newPath("/ops/"));
        User renamed = iam.getUser(r -> r.userName("alicia")).user();
        assertThat(renamed.userId()).isEqualTo(created.userId());
        assertThat(renamed.arn()).isEqualTo("arn:aws:iam::000000000000:user/ops/alicia");
        assertThatThrownBy(() -> iam.getUser(r -> r.userName("alice"))).isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("The user with name alice cannot be found.");

        iam.untagUser(r -> r.userName("alicia").tagKeys("team"));
        assertThat(iam.listUserTags(r -> r.userName("alicia")).tags()).isEmpty();
        iam.deleteUser(r -> r.userName("alicia"));
        assertThat(iam.listUsers().users()).isEmpty();
    }

    @Test
    void namesAreUniqueWhateverTheirCase() {
        iam.createUser(r -> r.userName("Bob"));
        assertThatThrownBy(() -> iam.createUser(r -> r.userName("bob")))
                .isInstanceOf(EntityAlreadyExistsException.class)
                .hasMessageContaining("User with name bob already exists.")
                .satisfies(e -> assertThat(((IamException) e).statusCode()).isEqualTo(409));
        assertThat(iam.getUser(r -> r.userName("BOB")).user().userName()).isEqualTo("Bob");
    }

    @Test
    void invalidNamesAreValidationErrors() {
        assertThatThrownBy(() -> iam.createUser(r -> r.userName("no spaces")))
                .isInstanceOf(IamException.class)
                .satisfies(e -> assertThat(((IamException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"))
                .hasMessageContaining("Value 'no spaces' at 'userName' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: [\\w+=,.@-]+");
    }

    @Test
    void usersArePagedWithMarkers() {
        for (int i = 0; i < 5; i++) {
            int n = i;
            iam.createUser(r -> r.userName("user" + n).path(n % 2 == 0 ? "/even/" : "/odd/"));
        }
        List<String> names = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            ListUsersResponse page = iam.listUsers(r -> r.maxItems(2).marker(m));
            page.users().forEach(u -> names.add(u.userName()));
            marker = page.isTruncated() ? page.marker() : null;
            pages++;
        } while (marker != null);
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("user0", "user1", "user2", "user3", "user4");
        assertThat(iam.listUsers(r -> r.pathPrefix("/even/")).users()).extracting(User::userName)
                .containsExactly("user0", "user2", "user4");
        assertThat(iam.listUsersPaginator(r -> r.maxItems(1)).users().stream().count()).isEqualTo(5);
    }

    @Test
    void groupsHoldUsersAndRefuseDeletionWhileTheyDo() {
        iam.createUser(r -> r.userName("carol"));
        Group group = iam.createGroup(r -> r.groupName("admins")).group();
        assertThat(group.groupId()).startsWith("AGPA").hasSize(21);
        assertThat(group.arn()).isEqualTo("arn:aws:iam::000000000000:group/admins");
        iam.addUserToGroup(r -> r.groupName("admins").userName("carol"));

        assertThat(iam.getGroup(r -> r.groupName("admins")).users()).extracting(User::userName).containsExactly("carol");
        assertThat(iam.listGroupsForUser(r -> r.userName("carol")).groups()).extracting(Group::groupName)
                .containsExactly("admins");
        assertThatThrownBy(() -> iam.deleteGroup(r -> r.groupName("admins"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("Cannot delete entity, must remove users from group first.");
        assertThatThrownBy(() -> iam.deleteUser(r -> r.userName("carol"))).isInstanceOf(DeleteConflictException.class);

        iam.updateGroup(r -> r.groupName("admins").newGroupName("operators"));
        assertThat(iam.listGroupsForUser(r -> r.userName("carol")).groups()).extracting(Group::groupName)
                .containsExactly("operators");
        iam.removeUserFromGroup(r -> r.groupName("operators").userName("carol"));
        assertThat(iam.getGroup(r -> r.groupName("operators")).users()).isEmpty();
        iam.deleteGroup(r -> r.groupName("operators"));
        iam.deleteUser(r -> r.userName("carol"));
        assertThat(iam.listGroups().groups()).isEmpty();
        assertThatThrownBy(() -> iam.addUserToGroup(r -> r.groupName("nobody").userName("carol")))
                .isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("The group with name nobody cannot be found.");
    }

    @Test
    void loginProfilesAreStored() {
        iam.createUser(r -> r.userName("dave"));
        assertThat(iam.createLoginProfile(r -> r.userName("dave").password("S3cret-pass!").passwordResetRequired(true))
                .loginProfile().passwordResetRequired()).isTrue();
        assertThatThrownBy(() -> iam.createLoginProfile(r -> r.userName("dave").password("again")))
                .isInstanceOf(EntityAlreadyExistsException.class);
        iam.updateLoginProfile(r -> r.userName("dave").passwordResetRequired(false));
        assertThat(iam.getLoginProfile(r -> r.userName("dave")).loginProfile().passwordResetRequired()).isFalse();
        assertThatThrownBy(() -> iam.deleteUser(r -> r.userName("dave"))).isInstanceOf(DeleteConflictException.class)
                .hasMessageContaining("must delete login profile first");
        iam.deleteLoginProfile(r -> r.userName("dave"));
        assertThatThrownBy(() -> iam.getLoginProfile(r -> r.userName("dave"))).isInstanceOf(NoSuchEntityException.class)
                .hasMessageContaining("Login Profile for User dave cannot be found.");
        iam.deleteUser(r -> r.userName("dave"));
    }

    @Test
    void getUserWithoutANameIsTheCaller() {
        User root = iam.getUser().user();
        assertThat(root.arn()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(root.userId()).isEqualTo("000000000000");
        try (IamClient other = iam(gureum, "123456789012")) {
            assertThat(other.getUser().user().arn()).isEqualTo("arn:aws:iam::123456789012:root");
            // each account has its own users
            other.createUser(r -> r.userName("eve"));
            assertThat(other.listUsers().users()).extracting(User::userName).containsExactly("eve");
            assertThat(iam.listUsers().users()).isEmpty();
        }
    }
}
