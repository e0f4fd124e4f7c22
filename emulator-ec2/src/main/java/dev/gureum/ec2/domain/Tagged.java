package dev.gureum.ec2.domain;

import java.util.Map;

/** A resource that carries tags (instances, VPCs, images, hosts...). */
public interface Tagged {

    /** Its id: {@code i-...}, {@code vpc-...}. */
    String id();

    /** The {@code resourceType} DescribeTags reports: {@code instance}, {@code vpc}, {@code dedicated-host}... */
    String resourceType();

    /** Its tags, in the order they were set; changed in place. */
    Map<String, String> tags();
}
