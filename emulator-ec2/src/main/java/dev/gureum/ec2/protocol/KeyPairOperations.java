package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.error.CommonError;
import dev.gureum.core.protocol.ActionRequest;
import dev.gureum.core.protocol.ActionService;
import dev.gureum.core.protocol.Params;
import dev.gureum.core.protocol.Struct;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.Ec2Scope;
import dev.gureum.ec2.domain.Ec2World;
import dev.gureum.ec2.domain.Filter;
import dev.gureum.ec2.domain.Filters;
import dev.gureum.ec2.domain.KeyMaterial;
import dev.gureum.ec2.domain.KeyPairInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Key pairs: real RSA and ED25519 keys, created or imported. */
final class KeyPairOperations {

    private static final Filters<KeyPairInfo> FILTERS = new Filters<KeyPairInfo>()
            .add("key-pair-id", KeyPairInfo::id)
            .add("key-name", KeyPairInfo::name)
            .add("fingerprint", KeyPairInfo::fingerprint)
            .add("key-type", KeyPairInfo::type)
            .tags(KeyPairInfo::tags);

    private final Ec2World world;

    KeyPairOperations(Ec2World world) {
        this.world = world;
    }

    void register(BiConsumer<String, ActionService.Operation> op) {
        op.accept("CreateKeyPair", this::createKeyPair);
        op.accept("ImportKeyPair", this::importKeyPair);
        op.accept("DescribeKeyPairs", this::describeKeyPairs);
        op.accept("DeleteKeyPair", this::deleteKeyPair);
    }

    private static String keyName(Params p) {
        String name = Requests.require(p, "KeyName");
        if (name.length() > 255) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Key names are at most 255 characters.");
        }
        return name;
    }

    private Struct createKeyPair(ActionRequest r) {
        Params p = r.params();
        String name = keyName(p);
        String type = p.string("KeyType", "rsa");
        if (!type.equals("rsa") && !type.equals("ed25519")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + type + ") for parameter keyType is invalid.");
        }
        String format = p.string("KeyFormat", "pem");
        if (format.equals("ppk")) {
            throw new AwsException(CommonError.NOT_IMPLEMENTED,
                    "PuTTY private keys (ppk) are not supported by Gureum's EC2; ask for pem.");
        }
        if (!format.equals("pem")) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Value (" + format + ") for parameter keyFormat is invalid.");
        }
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            checkFree(scope, name);
            KeyMaterial material = KeyMaterial.create(type);
            KeyPairInfo key = new KeyPairInfo(name, material, world.now());
            key.tags().putAll(tags.getOrDefault("key-pair", Map.of()));
            scope.keyPairs().put(name, key);
            return Struct.of()
                    .put("keyPairId", key.id())
                    .put("keyName", name)
                    .put("keyFingerprint", key.fingerprint())
                    .put("keyMaterial", material.privateKey())
                    .list("tagSet", Render.tagSet(key.tags()));
        });
    }

    private static void checkFree(Ec2Scope scope, String name) {
        if (scope.keyPairs().containsKey(name)) {
            throw new AwsException(Ec2Error.INVALID_KEY_PAIR_DUPLICATE, "The keypair already exists");
        }
    }

    private Struct importKeyPair(ActionRequest r) {
        Params p = r.params();
        String name = keyName(p);
        byte[] material = p.blob("PublicKeyMaterial");
        if (material == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter PublicKeyMaterial");
        }
        KeyMaterial key = KeyMaterial.importPublicKey(material);
        Map<String, Map<String, String>> tags = Requests.tagSpecifications(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            checkFree(scope, name);
            KeyPairInfo info = new KeyPairInfo(name, key, world.now());
            info.tags().putAll(tags.getOrDefault("key-pair", Map.of()));
            scope.keyPairs().put(name, info);
            return Struct.of()
                    .put("keyFingerprint", info.fingerprint())
                    .put("keyName", name)
                    .put("keyPairId", info.id())
                    .list("tagSet", Render.tagSet(info.tags()));
        });
    }

    private Struct describeKeyPairs(ActionRequest r) {
        Params p = r.params();
        List<String> names = p.stringList("KeyName");
        List<String> ids = p.stringList("KeyPairId");
        boolean includePublicKey = p.bool("IncludePublicKey", false);
        List<Filter> f = Requests.filters(p);
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            List<KeyPairInfo> keys = new ArrayList<>();
            for (String name : names) {
                KeyPairInfo k = scope.keyPairs().get(name);
                if (k == null) {
                    throw new AwsException(Ec2Error.INVALID_KEY_PAIR_NOT_FOUND, "The key pair '" + name + "' does not exist");
                }
                keys.add(k);
            }
            for (String id : ids) {
                keys.add(scope.keyPairs().values().stream().filter(k -> k.id().equals(id)).findFirst()
                        .orElseThrow(() -> new AwsException(Ec2Error.INVALID_KEY_PAIR_NOT_FOUND,
                                "The key pair '" + id + "' does not exist")));
            }
            if (names.isEmpty() && ids.isEmpty()) {
                keys.addAll(scope.keyPairs().values());
            }
            return Struct.of().list("keySet", FILTERS.apply(keys, f), k -> Struct.of()
                    .put("keyPairId", k.id())
                    .put("keyType", k.type())
                    .list("tagSet", Render.tagSet(k.tags()))
                    .put("publicKey", includePublicKey ? k.publicKey() : null)
                    .put("createTime", k.createTime())
                    .put("keyName", k.name())
                    .put("keyFingerprint", k.fingerprint()));
        });
    }

    private Struct deleteKeyPair(ActionRequest r) {
        Params p = r.params();
        String name = p.string("KeyName");
        String id = p.string("KeyPairId");
        if (name == null && id == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter KeyName or KeyPairId");
        }
        return world.apply(Requests.account(r), Requests.region(r), scope -> {
            KeyPairInfo key = name != null ? scope.keyPairs().get(name)
                    : scope.keyPairs().values().stream().filter(k -> k.id().equals(id)).findFirst().orElse(null);
            // deleting a key pair that does not exist succeeds, as on AWS
            if (key != null) {
                scope.keyPairs().remove(key.name());
            }
            return Struct.of().put("return", true).put("keyPairId", key == null ? null : key.id());
        });
    }
}
