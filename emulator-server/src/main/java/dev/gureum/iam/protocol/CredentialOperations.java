package dev.gureum.iam.protocol;

import dev.gureum.core.auth.AccessKeys;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.iam.domain.Entities.AccessKey;
import dev.gureum.iam.domain.Entities.MfaDevice;
import dev.gureum.iam.domain.Entities.User;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static dev.gureum.iam.protocol.IamService.account;
import static dev.gureum.iam.protocol.IamService.partition;

/** Access keys and virtual MFA devices. */
final class CredentialOperations {

    private static final Pattern KEY_ID = Pattern.compile("[\\w]+");
    private static final Pattern SERIAL = Pattern.compile("[\\w+=/:,.@-]+");
    private static final Pattern CODE = Pattern.compile("[\\d]+");

    private final IamService iam;
    private final UserOperations callers;

    CredentialOperations(IamService iam) {
        this.iam = iam;
        this.callers = new UserOperations(iam);
    }

    void register() {
        iam.operation("CreateAccessKey", r -> {
            String user = callers.userOrCaller(r, "UserName");
            return iam.change(c -> {
                AccessKey k = iam.credentials().createKey(c, account(r), user);
                return Struct.of().put("AccessKey", Struct.of().put("UserName", k.userName())
                        .put("AccessKeyId", k.id()).put("Status", "Active").put("SecretAccessKey", k.secret())
                        .put("CreateDate", k.created()));
            });
        });
        iam.operation("ListAccessKeys", r -> {
            String user = callers.userOrCaller(r, "UserName");
            return IamInputs.page(Struct.of(), "AccessKeyMetadata", iam.credentials().keysOf(account(r), user), r,
                    k -> Struct.of().put("UserName", k.userName()).put("AccessKeyId", k.id())
                            .put("Status", k.active() ? "Active" : "Inactive").put("CreateDate", k.created()));
        });
        iam.operation("UpdateAccessKey", r -> {
            Params p = r.params();
            String keyId = keyId(p);
            String status = IamInputs.required(p, "Status");
            if (!status.equals("Active") && !status.equals("Inactive")) {
                throw IamError.validation("Value '" + status + "' at 'status' failed to satisfy constraint: Member must "
                        + "satisfy enum value set: [Active, Inactive, Expired]");
            }
            String user = p.has("UserName") ? IamInputs.name(p, "UserName", 128) : null;
            return iam.change(c -> {
                iam.credentials().updateKey(c, account(r), user, keyId, status.equals("Active"));
                return null;
            });
        });
        iam.operation("DeleteAccessKey", r -> {
            Params p = r.params();
            String keyId = keyId(p);
            String user = p.has("UserName") ? IamInputs.name(p, "UserName", 128) : null;
            return iam.change(c -> {
                iam.credentials().deleteKey(c, account(r), user, keyId);
                return null;
            });
        });
        iam.operation("GetAccessKeyLastUsed", this::lastUsed);
        iam.operation("CreateVirtualMFADevice", r -> {
            Params p = r.params();
            String name = IamInputs.checked(IamInputs.required(p, "VirtualMFADeviceName"), "VirtualMFADeviceName", 1,
                    226, IamInputs.NAME);
            String path = IamInputs.path(p, "Path");
            return iam.change(c -> {
                MfaDevice d = iam.credentials().createVirtualMfa(c, account(r), partition(r), name, path,
                        IamInputs.tags(p));
                return Struct.of().put("VirtualMFADevice", device(r, d, true));
            });
        });
        iam.operation("EnableMFADevice", r -> {
            Params p = r.params();
            String user = IamInputs.name(p, "UserName", 128);
            String serial = serial(p);
            IamInputs.checked(IamInputs.required(p, "AuthenticationCode1"), "AuthenticationCode1", 6, 6, CODE);
            IamInputs.checked(IamInputs.required(p, "AuthenticationCode2"), "AuthenticationCode2", 6, 6, CODE);
            return iam.change(c -> {
                iam.credentials().enable(c, account(r), user, serial);
                return null;
            });
        });
        iam.operation("DeactivateMFADevice", r -> {
            Params p = r.params();
            String user = IamInputs.name(p, "UserName", 128);
            String serial = serial(p);
            return iam.change(c -> {
                iam.credentials().deactivate(c, account(r), user, serial);
                return null;
            });
        });
        iam.operation("DeleteVirtualMFADevice", r -> {
            String serial = serial(r.params());
            return iam.change(c -> {
                iam.credentials().deleteVirtualMfa(c, account(r), serial);
                return null;
            });
        });
        iam.operation("ListMFADevices", r -> {
            String user = callers.userOrCaller(r, "UserName");
            User u = iam.users().user(account(r), user);
            List<MfaDevice> devices = iam.credentials().devices(account(r)).stream()
                    .filter(d -> u.name().equals(d.userName())).toList();
            return IamInputs.page(Struct.of(), "MFADevices", devices, r, d -> Struct.of()
                    .put("UserName", d.userName()).put("SerialNumber", d.serial()).put("EnableDate", d.enabled()));
        });
        iam.operation("ListVirtualMFADevices", r -> {
            String status = r.params().string("AssignmentStatus", "Any");
            List<MfaDevice> devices = iam.credentials().devices(account(r)).stream()
                    .filter(d -> status.equals("Any") || status.equals("Assigned") == (d.userName() != null)).toList();
            return IamInputs.page(Struct.of(), "VirtualMFADevices", devices, r, d -> device(r, d, false));
        });
        iam.operation("TagMFADevice", r -> {
            String serial = serial(r.params());
            return iam.change(c -> {
                iam.credentials().tagDevice(c, account(r), serial, IamInputs.tags(r.params()));
                return null;
            });
        });
        iam.operation("UntagMFADevice", r -> {
            String serial = serial(r.params());
            return iam.change(c -> {
                iam.credentials().untagDevice(c, account(r), serial, IamInputs.tagKeys(r.params()));
                return null;
            });
        });
        iam.operation("ListMFADeviceTags", r -> IamInputs.page(Struct.of(), "Tags",
                IamShapes.tags(iam.credentials().device(account(r), serial(r.params())).tags()), r, t -> t));
    }

    private static String keyId(Params p) {
        return IamInputs.checked(IamInputs.required(p, "AccessKeyId"), "AccessKeyId", 16, 128, KEY_ID);
    }

    private static String serial(Params p) {
        return IamInputs.checked(IamInputs.required(p, "SerialNumber"), "SerialNumber", 9, 256, SERIAL);
    }

    /** When a key was last used, by which service, in which region; {@code N/A} for a key never used. */
    private Struct lastUsed(ActionRequest r) {
        String keyId = keyId(r.params());
        AccessKey key = iam.credentials().anyKey(keyId);
        if (key == null) {
            return Struct.of();
        }
        AccessKeys.KeyUse use = iam.accessKeys().lastUse(keyId).orElse(null);
        Struct used = use == null ? Struct.of().put("ServiceName", "N/A").put("Region", "N/A")
                : Struct.of().put("LastUsedDate", use.when()).put("ServiceName", use.service())
                .put("Region", use.region());
        return Struct.of().put("UserName", key.userName()).put("AccessKeyLastUsed", used);
    }

    /** A device; the seed is only answered when the device is created, as IAM does. */
    private Struct device(ActionRequest r, MfaDevice d, boolean withSeed) {
        Struct s = Struct.of().put("SerialNumber", d.serial());
        if (withSeed) {
            s.put("Base32StringSeed", d.seed().getBytes(StandardCharsets.US_ASCII));
        }
        if (d.userName() != null) {
            s.put("User", IamShapes.user(iam.users().user(account(r), d.userName()), false));
            s.put("EnableDate", d.enabled());
        }
        if (!d.tags().isEmpty()) {
            s.list("Tags", IamShapes.tags(d.tags()));
        }
        return s;
    }
}
