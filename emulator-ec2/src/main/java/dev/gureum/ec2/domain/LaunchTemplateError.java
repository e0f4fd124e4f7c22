package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsError;

/** The error codes of launch templates and instance metadata options (the EC2 API reference's). */
public enum LaunchTemplateError implements AwsError {
    NAME_ALREADY_EXISTS("InvalidLaunchTemplateName.AlreadyExistsException"),
    NAME_MALFORMED("InvalidLaunchTemplateName.MalformedException"),
    NAME_NOT_FOUND("InvalidLaunchTemplateName.NotFoundException"),
    ID_MALFORMED("InvalidLaunchTemplateId.Malformed"),
    ID_NOT_FOUND("InvalidLaunchTemplateId.NotFound"),
    VERSION_NOT_FOUND("InvalidLaunchTemplateId.VersionNotFound"),
    TEMPLATE_LIMIT_EXCEEDED("LaunchTemplateLimitExceeded"),
    VERSION_LIMIT_EXCEEDED("LaunchTemplateVersionLimitExceeded");

    private final String code;

    LaunchTemplateError(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return 400;
    }
}
