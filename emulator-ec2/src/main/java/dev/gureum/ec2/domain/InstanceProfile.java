package dev.gureum.ec2.domain;

/**
 * The IAM instance profile an instance was launched with ({@code IamInstanceProfile}), whose role's
 * temporary credentials its metadata service hands out.
 *
 * @param arn  {@code arn:aws:iam::<account>:instance-profile/<name>}
 * @param id   the profile's id ({@code AIPA...})
 * @param role the role the profile holds: the profile's name, as consoles create them
 */
public record InstanceProfile(String arn, String id, String role) {
}
