package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An account's launch templates in a region: creating them and their versions, finding them by id or
 * name, resolving {@code $Latest}, {@code $Default} and version numbers, and deleting. Called under the
 * world's lock.
 */
public final class LaunchTemplates {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9().\\-/_]{3,128}");
    private static final Pattern ID = Pattern.compile("lt-[0-9a-f]{17}");
    /** AWS allows 5,000 launch templates per region. */
    private static final int TEMPLATE_LIMIT = 5_000;
    /** The tags AWS puts on instances launched from a template. */
    public static final String ID_TAG = "aws:ec2launchtemplate:id";
    public static final String VERSION_TAG = "aws:ec2launchtemplate:version";

    /** What deleting one version came to: its number, or the error code and message of {@code ResponseError}. */
    public record VersionDeletion(String version, Long number, String errorCode, String errorMessage) {
    }

    private LaunchTemplates() {
    }

    public static List<LaunchTemplate> all(Ec2Scope scope) {
        return new ArrayList<>(scope.launchTemplates.values());
    }

    public static LaunchTemplate create(Ec2Scope scope, String name, String description, Map<String, String> data,
                                        Map<String, String> tags, Instant now) {
        return create(scope, name, description, data, tags, null, now);
    }

    /** A template, or the one a call with the same ClientToken made (a retried call makes no second). */
    public static LaunchTemplate create(Ec2Scope scope, String name, String description, Map<String, String> data,
                                        Map<String, String> tags, String clientToken, Instant now) {
        if (clientToken != null) {
            for (LaunchTemplate t : scope.launchTemplates.values()) {
                if (Long.valueOf(1).equals(t.clientTokens().get(clientToken))) {
                    return t;
                }
            }
        }
        if (name == null || name.isEmpty()) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER, "The request must contain the parameter launchTemplateName");
        }
        if (!NAME.matcher(name).matches()) {
            throw new AwsException(LaunchTemplateError.NAME_MALFORMED, "A launch template name must be between 3 "
                    + "and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.'");
        }
        if (byName(scope, name) != null) {
            throw new AwsException(LaunchTemplateError.NAME_ALREADY_EXISTS, "Launch template name already in use.");
        }
        if (scope.launchTemplates.size() >= TEMPLATE_LIMIT) {
            throw new AwsException(LaunchTemplateError.TEMPLATE_LIMIT_EXCEEDED,
                    "You've reached the maximum number of launch templates (" + TEMPLATE_LIMIT + ") for this Region.");
        }
        LaunchTemplate t = new LaunchTemplate(name, now, createdBy(scope));
        t.addVersion(description, data, now, t.createdBy());
        if (clientToken != null) {
            t.clientTokens().put(clientToken, 1L);
        }
        t.tags().putAll(tags);
        scope.launchTemplates.put(t.id(), t);
        return t;
    }

    /** A new version: the source version's data ({@code $Default} when none is named) under the data given. */
    public static LaunchTemplateVersion createVersion(Ec2Scope scope, LaunchTemplate t, String sourceVersion,
                                                      String description, Map<String, String> data, Instant now) {
        return createVersion(scope, t, sourceVersion, description, data, null, now);
    }

    /** As above; a call with the ClientToken of one that made a version answers that version. */
    public static LaunchTemplateVersion createVersion(Ec2Scope scope, LaunchTemplate t, String sourceVersion,
                                                      String description, Map<String, String> data,
                                                      String clientToken, Instant now) {
        Long made = clientToken == null ? null : t.clientTokens().get(clientToken);
        if (made != null && t.version(made) != null) {
            return t.version(made);
        }
        Map<String, String> base = sourceVersion == null ? Map.of() : version(t, sourceVersion).data();
        if (t.versions().size() >= LaunchTemplate.VERSION_LIMIT) {
            throw new AwsException(LaunchTemplateError.VERSION_LIMIT_EXCEEDED, "You've reached the maximum number "
                    + "of versions (" + LaunchTemplate.VERSION_LIMIT + ") for launch template " + t.id() + ".");
        }
        LaunchTemplateVersion v = t.addVersion(description, LaunchTemplateVersion.overlay(base, data), now,
                createdBy(scope));
        if (clientToken != null) {
            t.clientTokens().put(clientToken, v.number());
        }
        return v;
    }

    private static String createdBy(Ec2Scope scope) {
        return dev.gureum.core.id.Arn.of("iam", "", scope.accountId(), "root").toString();
    }

    /** The template of an id or a name; the id wins when both are given. */
    public static LaunchTemplate find(Ec2Scope scope, String id, String name) {
        if (id != null) {
            if (!ID.matcher(id).matches()) {
                throw new AwsException(LaunchTemplateError.ID_MALFORMED, "The specified launch template ID '" + id
                        + "' is malformed.");
            }
            LaunchTemplate t = scope.launchTemplates.get(id);
            if (t == null) {
                throw new AwsException(LaunchTemplateError.ID_NOT_FOUND,
                        "The specified launch template, with template ID " + id + ", does not exist.");
            }
            return t;
        }
        if (name == null) {
            throw new AwsException(Ec2Error.MISSING_PARAMETER,
                    "The request must contain the parameter launchTemplateName or launchTemplateId");
        }
        LaunchTemplate t = byName(scope, name);
        if (t == null) {
            throw new AwsException(LaunchTemplateError.NAME_NOT_FOUND,
                    "The specified launch template, with template name " + name + ", does not exist.");
        }
        return t;
    }

    public static LaunchTemplate byName(Ec2Scope scope, String name) {
        for (LaunchTemplate t : scope.launchTemplates.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** A version by {@code $Latest}, {@code $Default} or number; {@code null} is the default version. */
    public static LaunchTemplateVersion version(LaunchTemplate t, String version) {
        LaunchTemplateVersion v = versionOrNull(t, version);
        if (v == null) {
            throw new AwsException(LaunchTemplateError.VERSION_NOT_FOUND, "Could not find launch template version "
                    + version + " for launch template " + t.id() + " (" + t.name() + ").");
        }
        return v;
    }

    private static LaunchTemplateVersion versionOrNull(LaunchTemplate t, String version) {
        if (version == null || version.equals("$Default")) {
            return t.version(t.defaultVersion());
        }
        if (version.equals("$Latest")) {
            List<LaunchTemplateVersion> all = t.versions();
            return all.isEmpty() ? null : all.get(all.size() - 1);
        }
        Long n = number(version);
        return n == null ? null : t.version(n);
    }

    private static Long number(String version) {
        try {
            return Long.parseLong(version.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static void setDefault(LaunchTemplate t, String version) {
        t.defaultVersion(version(t, version).number());
    }

    public static void delete(Ec2Scope scope, LaunchTemplate t) {
        scope.launchTemplates.remove(t.id());
    }

    /** Deletes versions one by one; the default version stays, reported as not deleted. */
    public static List<VersionDeletion> deleteVersions(LaunchTemplate t, List<String> versions) {
        List<VersionDeletion> out = new ArrayList<>();
        for (String version : versions) {
            Long n = number(version);
            if (n == null || t.version(n) == null) {
                out.add(new VersionDeletion(version, n, "launchTemplateVersionDoesNotExist",
                        "The specified launch template version does not exist."));
            } else if (n == t.defaultVersion()) {
                out.add(new VersionDeletion(version, n, "unexpectedError",
                        "Cannot delete the default version of the launch template."));
            } else {
                t.removeVersion(n);
                out.add(new VersionDeletion(version, n, null, null));
            }
        }
        return out;
    }

    /** Marks instances launched from a template as AWS does, with the template's id and the version used. */
    public static void tagLaunched(List<Instance> instances, LaunchTemplate t, LaunchTemplateVersion v) {
        for (Instance i : instances) {
            i.tags().put(ID_TAG, t.id());
            i.tags().put(VERSION_TAG, String.valueOf(v.number()));
        }
    }
}
