package dev.gureum.ec2.protocol;

import dev.gureum.core.error.AwsException;
import dev.gureum.core.protocol.Params;
import dev.gureum.ec2.domain.Ec2Error;
import dev.gureum.ec2.domain.NetworkInterfaceSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code NetworkInterface.N} of RunInstances (and of anything that launches as RunInstances does): each
 * item's {@code DeviceIndex}, {@code NetworkInterfaceId}, {@code SubnetId}, {@code PrivateIpAddress},
 * {@code PrivateIpAddresses.M}, {@code SecondaryPrivateIpAddressCount}, {@code SecurityGroupId.M} (the
 * model's {@code Groups}), {@code AssociatePublicIpAddress}, {@code DeleteOnTermination} and
 * {@code Description}.
 */
public final class NetworkInterfaceSpecs {

    private NetworkInterfaceSpecs() {
    }

    /** The {@code NetworkInterface.N} items of a request's parameters. */
    public static List<NetworkInterfaceSpec> of(Params request) {
        return of(request.list("NetworkInterface"));
    }

    /** The items themselves, each with the members of {@code InstanceNetworkInterfaceSpecification}. */
    public static List<NetworkInterfaceSpec> of(List<Params> items) {
        List<NetworkInterfaceSpec> specs = new ArrayList<>();
        for (Params item : items) {
            specs.add(spec(item));
        }
        return specs;
    }

    static NetworkInterfaceSpec spec(Params item) {
        String eniId = item.string("NetworkInterfaceId");
        if (eniId != null) {
            Requests.checkId(eniId, "eni", Ec2Error.INVALID_NETWORK_INTERFACE_ID_MALFORMED);
        }
        String subnetId = item.string("SubnetId");
        if (subnetId != null) {
            Requests.checkId(subnetId, "subnet", Ec2Error.INVALID_SUBNET_ID_MALFORMED);
        }
        List<String> groups = new ArrayList<>(item.stringList("SecurityGroupId"));
        groups.addAll(item.stringList("Groups"));
        for (String g : groups) {
            Requests.checkId(g, "sg", Ec2Error.INVALID_GROUP_ID_MALFORMED);
        }
        if (item.integer("Ipv6AddressCount", 0) > 0 || !item.list("Ipv6Addresses").isEmpty()) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE, "Gureum's EC2 does not simulate IPv6 addresses.");
        }
        return new NetworkInterfaceSpec(item.integer("DeviceIndex"), eniId, subnetId, item.string("PrivateIpAddress"),
                privateIpAddresses(item), item.integer("SecondaryPrivateIpAddressCount"), groups,
                item.bool("AssociatePublicIpAddress"), item.bool("DeleteOnTermination"), item.string("Description"));
    }

    /** {@code PrivateIpAddresses.N.PrivateIpAddress} and {@code .Primary}; at most one primary. */
    static List<NetworkInterfaceSpec.PrivateIp> privateIpAddresses(Params p) {
        List<NetworkInterfaceSpec.PrivateIp> out = new ArrayList<>();
        int primaries = 0;
        for (Params ip : p.list("PrivateIpAddresses")) {
            String address = ip.string("PrivateIpAddress");
            if (address == null) {
                throw new AwsException(Ec2Error.MISSING_PARAMETER,
                        "The request must contain the parameter PrivateIpAddresses.PrivateIpAddress");
            }
            boolean primary = ip.bool("Primary", false);
            primaries += primary ? 1 : 0;
            out.add(new NetworkInterfaceSpec.PrivateIp(address, primary));
        }
        if (primaries > 1) {
            throw new AwsException(Ec2Error.INVALID_PARAMETER_VALUE,
                    "Only one primary private IP address can be specified.");
        }
        return out;
    }
}
