package dev.gureum.ec2.domain;

import dev.gureum.core.id.Ids;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A key pair of an account in a region; EC2 keeps only its public half. */
public final class KeyPairInfo implements Tagged {

    private final String id;
    private final String name;
    private final KeyMaterial material;
    private final Instant createTime;
    private final Map<String, String> tags = new LinkedHashMap<>();

    public KeyPairInfo(String name, KeyMaterial material, Instant createTime) {
        this(Ids.ec2("key"), name, material, createTime);
    }

    /** A key pair with the id it was given (one kept across a restart); the private key is never kept. */
    KeyPairInfo(String id, String name, KeyMaterial material, Instant createTime) {
        this.id = id;
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

    /** The public half as EC2 keeps it: type, OpenSSH public key, fingerprint; no private key. */
    KeyMaterial material() {
        return material;
    }

    public Instant createTime() {
        return createTime;
    }
}
