package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A key pair of an account in a region; EC2 keeps only its public half. */
public final class KeyPairInfo implements Tagged {

    private final String id = Ids.ec2("key");
    private final String name;
    private final KeyMaterial material;
    private final Instant createTime;
    private final Map<String, String> tags = new LinkedHashMap<>();

    public KeyPairInfo(String name, KeyMaterial material, Instant createTime) {
        this.name = name;
        this.material = new KeyMaterial(material.type(), null, material.publicKey(), material.fingerprint());
        this.createTime = createTime;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String resourceType() {
        return "key-pair";
    }

    @Override
    public Map<String, String> tags() {
        return tags;
    }

    public String name() {
        return name;
    }

    public String type() {
        return material.type();
    }

    public String fingerprint() {
        return material.fingerprint();
    }

    /** The public key as DescribeKeyPairs shows it with {@code IncludePublicKey}: OpenSSH format with the name. */
    public String publicKey() {
        return material.publicKey() + " " + name;
    }

    public Instant createTime() {
        return createTime;
    }
}
