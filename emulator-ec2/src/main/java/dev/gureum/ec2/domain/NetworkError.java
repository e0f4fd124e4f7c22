package dev.gureum.ec2.domain;

import dev.gureum.core.error.AwsError;

/** The EC2 error codes of gateways, route tables, DHCP options, endpoints and peering (all HTTP 400). */
public enum NetworkError implements AwsError {
    INVALID_INTERNET_GATEWAY_ID_MALFORMED("InvalidInternetGatewayId.Malformed"),
    INVALID_INTERNET_GATEWAY_ID_NOT_FOUND("InvalidInternetGatewayID.NotFound"),
    INVALID_EGRESS_ONLY_GATEWAY_ID_MALFORMED("InvalidEgressOnlyInternetGatewayId.Malformed"),
    INVALID_EGRESS_ONLY_GATEWAY_ID_NOT_FOUND("InvalidEgressOnlyInternetGatewayId.NotFound"),
    INVALID_GATEWAY_ID_NOT_FOUND("InvalidGatewayID.NotFound"),
    GATEWAY_NOT_ATTACHED("Gateway.NotAttached"),
    INVALID_NAT_GATEWAY_ID_MALFORMED("InvalidNatGatewayID.Malformed"),
    NAT_GATEWAY_NOT_FOUND("NatGatewayNotFound"),
    INVALID_ROUTE_TABLE_ID_MALFORMED("InvalidRouteTableId.Malformed"),
    INVALID_ROUTE_TABLE_ID_NOT_FOUND("InvalidRouteTableID.NotFound"),
    INVALID_ROUTE_NOT_FOUND("InvalidRoute.NotFound"),
    ROUTE_ALREADY_EXISTS("RouteAlreadyExists"),
    INVALID_ASSOCIATION_ID_NOT_FOUND("InvalidAssociationID.NotFound"),
    INVALID_NETWORK_INTERFACE_ID_NOT_FOUND("InvalidNetworkInterfaceID.NotFound"),
    INVALID_DHCP_OPTIONS_ID_MALFORMED("InvalidDhcpOptionsId.Malformed"),
    INVALID_DHCP_OPTIONS_ID_NOT_FOUND("InvalidDhcpOptionID.NotFound"),
    INVALID_VPC_ENDPOINT_ID_MALFORMED("InvalidVpcEndpointId.Malformed"),
    INVALID_VPC_ENDPOINT_ID_NOT_FOUND("InvalidVpcEndpointId.NotFound"),
    INVALID_SERVICE_NAME("InvalidServiceName"),
    INVALID_PREFIX_LIST_ID_NOT_FOUND("InvalidPrefixListID.NotFound"),
    INVALID_PEERING_ID_MALFORMED("InvalidVpcPeeringConnectionId.Malformed"),
    INVALID_PEERING_ID_NOT_FOUND("InvalidVpcPeeringConnectionID.NotFound"),
    INVALID_STATE_TRANSITION("InvalidStateTransition"),
    INVALID_NETWORK_ACL_ID_NOT_FOUND("InvalidNetworkAclID.NotFound");

    private final String code;

    NetworkError(String code) {
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
