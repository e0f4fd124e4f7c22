package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsError;

/**
 * The EC2 error codes Gureum answers (the EC2 API reference's client and server error codes). Client
 * errors are HTTP 400; capacity errors are server errors (500), which SDKs retry before giving up.
 */
public enum Ec2Error implements AwsError {
    INVALID_PARAMETER_VALUE("InvalidParameterValue"),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination"),
    INVALID_PARAMETER("InvalidParameter"),
    MISSING_PARAMETER("MissingParameter"),
    UNKNOWN_PARAMETER("UnknownParameter"),
    INVALID_FILTER("InvalidFilter"),
    INVALID_PAGINATION_TOKEN("InvalidPaginationToken"),
    INVALID_ID("InvalidID"),
    DRY_RUN_OPERATION("DryRunOperation", 412),
    AUTH_FAILURE("AuthFailure", 401),
    UNAUTHORIZED_OPERATION("UnauthorizedOperation", 403),
    UNSUPPORTED("Unsupported"),
    UNSUPPORTED_OPERATION("UnsupportedOperation"),
    OPERATION_NOT_PERMITTED("OperationNotPermitted"),
    INCORRECT_INSTANCE_STATE("IncorrectInstanceState"),
    INCORRECT_STATE("IncorrectState"),
    IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatch"),
    DEPENDENCY_VIOLATION("DependencyViolation"),
    INVALID_INSTANCE_ID_MALFORMED("InvalidInstanceID.Malformed"),
    INVALID_INSTANCE_ID_NOT_FOUND("InvalidInstanceID.NotFound"),
    INVALID_INSTANCE_TYPE("InvalidInstanceType"),
    INVALID_AMI_ID_MALFORMED("InvalidAMIID.Malformed"),
    INVALID_AMI_ID_NOT_FOUND("InvalidAMIID.NotFound"),
    INVALID_AMI_NAME_DUPLICATE("InvalidAMIName.Duplicate"),
    INVALID_AMI_NAME_MALFORMED("InvalidAMIName.Malformed"),
    INVALID_ZONE_NOT_FOUND("InvalidZone.NotFound"),
    INVALID_VPC_ID_MALFORMED("InvalidVpcID.Malformed"),
    INVALID_VPC_ID_NOT_FOUND("InvalidVpcID.NotFound"),
    INVALID_VPC_RANGE("InvalidVpc.Range"),
    VPC_ID_NOT_SPECIFIED("VPCIdNotSpecified"),
    INVALID_SUBNET_ID_MALFORMED("InvalidSubnetID.Malformed"),
    INVALID_SUBNET_ID_NOT_FOUND("InvalidSubnetID.NotFound"),
    INVALID_SUBNET_RANGE("InvalidSubnet.Range"),
    INVALID_SUBNET_CONFLICT("InvalidSubnet.Conflict"),
    INVALID_IP_ADDRESS_IN_USE("InvalidIPAddress.InUse"),
    INSUFFICIENT_FREE_ADDRESSES("InsufficientFreeAddressesInSubnet"),
    INVALID_GROUP_ID_MALFORMED("InvalidGroupId.Malformed"),
    INVALID_GROUP_NOT_FOUND("InvalidGroup.NotFound"),
    INVALID_GROUP_DUPLICATE("InvalidGroup.Duplicate"),
    INVALID_GROUP_RESERVED("InvalidGroup.Reserved"),
    CANNOT_DELETE("CannotDelete"),
    INVALID_PERMISSION_DUPLICATE("InvalidPermission.Duplicate"),
    INVALID_PERMISSION_NOT_FOUND("InvalidPermission.NotFound"),
    INVALID_PERMISSION_MALFORMED("InvalidPermission.Malformed"),
    INVALID_KEY_PAIR_NOT_FOUND("InvalidKeyPair.NotFound"),
    INVALID_KEY_PAIR_DUPLICATE("InvalidKeyPair.Duplicate"),
    INVALID_KEY_FORMAT("InvalidKey.Format"),
    INVALID_ALLOCATION_ID_MALFORMED("InvalidAllocationID.Malformed"),
    INVALID_ALLOCATION_ID_NOT_FOUND("InvalidAllocationID.NotFound"),
    INVALID_ASSOCIATION_ID_NOT_FOUND("InvalidAssociationID.NotFound"),
    INVALID_ADDRESS_NOT_FOUND("InvalidAddress.NotFound"),
    RESOURCE_ALREADY_ASSOCIATED("Resource.AlreadyAssociated"),
    INVALID_HOST_ID_MALFORMED("InvalidHostId.Malformed"),
    INVALID_HOST_ID_NOT_FOUND("InvalidHostID.NotFound"),
    INVALID_HOST_CONFIGURATION("InvalidHostConfiguration"),
    INSUFFICIENT_CAPACITY_ON_HOST("InsufficientCapacityOnHost"),
    INVALID_SPOT_REQUEST_ID_MALFORMED("InvalidSpotInstanceRequestID.Malformed"),
    INVALID_SPOT_REQUEST_ID_NOT_FOUND("InvalidSpotInstanceRequestID.NotFound"),
    SPOT_MAX_PRICE_TOO_LOW("SpotMaxPriceTooLow"),
    INVALID_RI_OFFERING_ID("InvalidReservedInstancesOfferingId"),
    INVALID_RI_ID("InvalidReservedInstancesId"),
    INVALID_USER_DATA_MALFORMED("InvalidUserData.Malformed"),
    TAG_LIMIT_EXCEEDED("TagLimitExceeded"),
    INVALID_NETWORK_INTERFACE_ID_MALFORMED("InvalidNetworkInterfaceID.Malformed"),
    INVALID_NETWORK_INTERFACE_ID_NOT_FOUND("InvalidNetworkInterfaceID.NotFound"),
    INVALID_NETWORK_INTERFACE_IN_USE("InvalidNetworkInterface.InUse"),
    INVALID_ATTACHMENT_ID_NOT_FOUND("InvalidAttachmentID.NotFound"),
    ATTACHMENT_LIMIT_EXCEEDED("AttachmentLimitExceeded"),
    PRIVATE_IP_ADDRESS_LIMIT_EXCEEDED("PrivateIpAddressLimitExceeded"),
    INVALID_INSTANCE_ID("InvalidInstanceID"),
    INSUFFICIENT_INSTANCE_CAPACITY("InsufficientInstanceCapacity", 500),
    INSUFFICIENT_HOST_CAPACITY("InsufficientHostCapacity", 500),
    INVALID_PARAMETER_DEPENDENCY("InvalidParameterDependency"),
    INVALID_VOLUME_ID_MALFORMED("InvalidVolumeID.Malformed"),
    INVALID_VOLUME_NOT_FOUND("InvalidVolume.NotFound"),
    INVALID_VOLUME_ZONE_MISMATCH("InvalidVolume.ZoneMismatch"),
    VOLUME_IN_USE("VolumeInUse"),
    INVALID_ATTACHMENT_NOT_FOUND("InvalidAttachment.NotFound"),
    INVALID_BLOCK_DEVICE_MAPPING("InvalidBlockDeviceMapping"),
    INCORRECT_MODIFICATION_STATE("IncorrectModificationState"),
    INVALID_VOLUME_MODIFICATION_NOT_FOUND("InvalidVolumeModification.NotFound"),
    INVALID_SNAPSHOT_ID_MALFORMED("InvalidSnapshotID.Malformed"),
    INVALID_SNAPSHOT_NOT_FOUND("InvalidSnapshot.NotFound"),
    INVALID_SNAPSHOT_IN_USE("InvalidSnapshot.InUse");

    private final String code;
    private final int status;

    Ec2Error(String code) {
        this(code, 400);
    }

    Ec2Error(String code, int status) {
        this.code = code;
        this.status = status;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public int status() {
        return status;
    }
}
