package dev.gureum.iam.protocol;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.auth.SigV4Credential;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.iam.domain.Entities.LoginProfile;
import dev.gureum.iam.domain.Entities.User;

import java.util.concurrent.CompletionStage;

import static dev.gureum.iam.protocol.IamService.account;
import static dev.gureum.iam.protocol.IamService.partition;

/** Users, groups and membership, and login profiles. */
final class UserOperations {

    private final IamService iam;

    UserOperations(IamService iam) {
        this.iam = iam;
    }

    void register() {
        iam.operation("CreateUser", this::createUser);
        iam.operation("GetUser", this::getUser);
        iam.operation("ListUsers", this::listUsers);
        iam.operation("UpdateUser", this::updateUser);
        iam.operation("DeleteUser", this::deleteUser);
        iam.operation("TagUser", r -> iam.change(c -> {
            iam.users().tag(c, account(r), IamInputs.name(r.params(), "UserName", 128), IamInputs.tags(r.params()));
            return null;
        }));
        iam.operation("UntagUser", r -> iam.change(c -> {
            iam.users().untag(c, account(r), IamInputs.name(r.params(), "UserName", 128),
                    IamInputs.tagKeys(r.params()));
            return null;
        }));
        iam.operation("ListUserTags", r -> IamInputs.page(Struct.of(), "Tags", IamShapes.tags(
                iam.users().user(account(r), IamInputs.name(r.params(), "UserName", 128)).tags()), r, t -> t));
        iam.operation("CreateGroup", this::createGroup);
        iam.operation("GetGroup", this::getGroup);
        iam.operation("ListGroups", r -> IamInputs.page(Struct.of(), "Groups",
                iam.users().groups(account(r), IamInputs.pathPrefix(r.params())), r, IamShapes::group));
        iam.operation("UpdateGroup", r -> iam.change(c -> {
            Params p = r.params();
            iam.users().updateGroup(c, account(r), partition(r), IamInputs.name(p, "GroupName", 128),
                    IamInputs.optionalName(p, "NewGroupName", 128),
                    IamInputs.checked(p.string("NewPath"), "NewPath", 1, 512, IamInputs.PATH));
            return null;
        }));
        iam.operation("DeleteGroup", r -> iam.change(c -> {
            iam.users().deleteGroup(c, account(r), IamInputs.name(r.params(), "GroupName", 128));
            return null;
        }));
        iam.operation("AddUserToGroup", r -> iam.change(c -> {
            iam.users().addToGroup(c, account(r), IamInputs.name(r.params(), "GroupName", 128),
                    IamInputs.name(r.params(), "UserName", 128));
            return null;
        }));
        iam.operation("RemoveUserFromGroup", r -> iam.change(c -> {
            iam.users().removeFromGroup(c, account(r), IamInputs.name(r.params(), "GroupName", 128),
                    IamInputs.name(r.params(), "UserName", 128));
            return null;
        }));
        iam.operation("ListGroupsForUser", r -> IamInputs.page(Struct.of(), "Groups",
                iam.users().groupsOf(account(r), IamInputs.name(r.params(), "UserName", 128)), r, IamShapes::group));
        iam.operation("CreateLoginProfile", this::createLogin);
        iam.operation("GetLoginProfile", r -> {
            String name = userOrCaller(r, "UserName");
            return Struct.of().put("LoginProfile", login(name, iam.users().login(account(r), name)));
        });
        iam.operation("UpdateLoginProfile", r -> iam.change(c -> {
            iam.users().updateLogin(c, account(r), IamInputs.name(r.params(), "UserName", 64),
                    r.params().bool("PasswordResetRequired"));
            return null;
        }));
        iam.operation("DeleteLoginProfile", r -> iam.change(c -> {
            iam.users().deleteLogin(c, account(r), userOrCaller(r, "UserName"));
            return null;
        }));
    }

    private CompletionStage<Struct> createUser(ActionRequest r) {
        Params p = r.params();
        String name = IamInputs.name(p, "UserName", 64);
        String path = IamInputs.path(p, "Path");
        String boundary = IamInputs.checked(p.string("PermissionsBoundary"), "PermissionsBoundary", 20, 2048, null);
        return iam.change(c -> Struct.of().put("User", IamShapes.user(iam.users().create(c, account(r), partition(r),
                name, path, boundary, IamInputs.tags(p)), true)));
    }

    /** GetUser without a name answers for the caller: a user of its access key, or the account's root. */
    private Struct getUser(ActionRequest r) {
        String name = IamInputs.optionalName(r.params(), "UserName", 128);
        if (name == null) {
            String keyId = accessKeyOf(r);
            AccessKeys.UserKey key = iam.accessKeys().userKey(keyId).orElse(null);
            if (key == null) {
                if (iam.accessKeys().issuedKey(keyId).isPresent()) {
                    throw IamError.validation("Must specify userName when calling with non-User credentials");
                }
                String account = account(r);
                return Struct.of().put("User", Struct.of().put("UserId", account)
                        .put("Arn", dev.gureum.core.id.Arn.of("iam", "", account, "root").toString()));
            }
            name = key.principalArn().substring(key.principalArn().lastIndexOf('/') + 1);
        }
        return Struct.of().put("User", IamShapes.user(iam.users().user(account(r), name), true));
    }

    /** The user a request names, or else the user whose key signed it. */
    String userOrCaller(ActionRequest r, String member) {
        String name = IamInputs.optionalName(r.params(), member, 128);
        if (name != null) {
            return name;
        }
        AccessKeys.UserKey key = iam.accessKeys().userKey(accessKeyOf(r)).orElse(null);
        if (key == null) {
            throw IamError.validation("Must specify userName when calling with non-User credentials");
        }
        return key.principalArn().substring(key.principalArn().lastIndexOf('/') + 1);
    }

    static String accessKeyOf(ActionRequest r) {
        SigV4Credential credential = r.context().credential();
        return credential == null ? null : credential.accessKeyId();
    }

    private Struct listUsers(ActionRequest r) {
        return IamInputs.page(Struct.of(), "Users", iam.users().list(account(r), IamInputs.pathPrefix(r.params())), r,
                u -> IamShapes.user(u, false));
    }

    private CompletionStage<Struct> updateUser(ActionRequest r) {
        Params p = r.params();
        String name = IamInputs.name(p, "UserName", 128);
        String newName = IamInputs.optionalName(p, "NewUserName", 64);
        String newPath = IamInputs.checked(p.string("NewPath"), "NewPath", 1, 512, IamInputs.PATH);
        return iam.change(c -> {
            iam.users().update(c, account(r), partition(r), name, newName, newPath);
            return null;
        });
    }

    private CompletionStage<Struct> deleteUser(ActionRequest r) {
        String name = IamInputs.name(r.params(), "UserName", 128);
        return iam.change(c -> {
            iam.users().delete(c, account(r), name);
            return null;
        });
    }

    private CompletionStage<Struct> createGroup(ActionRequest r) {
        Params p = r.params();
        String name = IamInputs.name(p, "GroupName", 128);
        String path = IamInputs.path(p, "Path");
        return iam.change(c -> Struct.of().put("Group", IamShapes.group(iam.users().createGroup(c, account(r),
                partition(r), name, path))));
    }

    private Struct getGroup(ActionRequest r) {
        String name = IamInputs.name(r.params(), "GroupName", 128);
        Struct result = Struct.of().put("Group", IamShapes.group(iam.users().group(account(r), name)));
        return IamInputs.page(result, "Users", iam.users().members(account(r), name), r,
                (User u) -> IamShapes.user(u, false));
    }

    private CompletionStage<Struct> createLogin(ActionRequest r) {
        String name = userOrCaller(r, "UserName");
        IamInputs.checked(r.params().string("Password"), "Password", 1, 128, null);
        boolean reset = r.params().bool("PasswordResetRequired", false);
        return iam.change(c -> Struct.of().put("LoginProfile",
                login(name, iam.users().createLogin(c, account(r), name, reset))));
    }

    private Struct login(String userName, LoginProfile l) {
        return Struct.of().put("UserName", userName).put("CreateDate", l.created())
                .put("PasswordResetRequired", l.resetRequired());
    }
}
