#!/usr/bin/env python3
"""Derives Gureum's EC2 catalog resources from public facts.

The instance type specifications and the instance type offerings per zone are the answers of
DescribeInstanceTypes and DescribeInstanceTypeOfferings, as published in the data files of the
`moto` Python package; the XML member names come from the botocore EC2 service model. Run it
from the repository root with both packages installed:

    python3 emulator-ec2/tools/derive_catalog.py
"""
import gzip
import json
import os

import botocore
import moto

EC2_RESOURCES = os.path.join(os.path.dirname(moto.__file__), "ec2", "resources")
MODEL = os.path.join(os.path.dirname(botocore.__file__), "data", "ec2", "2016-11-15", "service-2.json.gz")
CATALOG_OUT = "emulator-ec2/src/main/resources/dev/gureum/ec2/catalog"
REGIONS_OUT = "emulator-core/src/main/resources/dev/gureum/core/datacenter/regions.tsv"

REGION_NAMES = {
    "us-east-1": "US East (N. Virginia)", "us-east-2": "US East (Ohio)",
    "us-west-1": "US West (N. California)", "us-west-2": "US West (Oregon)",
    "af-south-1": "Africa (Cape Town)", "ap-east-1": "Asia Pacific (Hong Kong)",
    "ap-south-1": "Asia Pacific (Mumbai)", "ap-south-2": "Asia Pacific (Hyderabad)",
    "ap-southeast-1": "Asia Pacific (Singapore)", "ap-southeast-2": "Asia Pacific (Sydney)",
    "ap-southeast-3": "Asia Pacific (Jakarta)", "ap-southeast-4": "Asia Pacific (Melbourne)",
    "ap-southeast-5": "Asia Pacific (Malaysia)", "ap-northeast-1": "Asia Pacific (Tokyo)",
    "ap-northeast-2": "Asia Pacific (Seoul)", "ap-northeast-3": "Asia Pacific (Osaka)",
    "ca-central-1": "Canada (Central)", "ca-west-1": "Canada West (Calgary)",
    "eu-central-1": "Europe (Frankfurt)", "eu-central-2": "Europe (Zurich)",
    "eu-west-1": "Europe (Ireland)", "eu-west-2": "Europe (London)", "eu-west-3": "Europe (Paris)",
    "eu-south-1": "Europe (Milan)", "eu-south-2": "Europe (Spain)", "eu-north-1": "Europe (Stockholm)",
    "il-central-1": "Israel (Tel Aviv)", "me-south-1": "Middle East (Bahrain)",
    "me-central-1": "Middle East (UAE)", "sa-east-1": "South America (Sao Paulo)",
}
# Regions launched after March 2019 are disabled until the account opts in.
OPT_IN = {"af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
          "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1"}


def load(path):
    with gzip.open(path) as f:
        return json.load(f)


def to_wire(value, shape_name, shapes):
    """Renames members to the XML names (locationName) the ec2 protocol uses."""
    shape = shapes[shape_name]
    if shape["type"] == "structure":
        out = {}
        for name, member in shape["members"].items():
            if name in value:
                out[member.get("locationName", name)] = to_wire(value[name], member["shape"], shapes)
        return out
    if shape["type"] == "list":
        return [to_wire(v, shape["member"]["shape"], shapes) for v in value]
    return value


def main():
    shapes = load(MODEL)["shapes"]
    types = load(os.path.join(EC2_RESOURCES, "instance_types.json.gz"))
    wire = [to_wire(types[name], "InstanceTypeInfo", shapes) for name in sorted(types)]
    os.makedirs(CATALOG_OUT, exist_ok=True)
    with gzip.open(os.path.join(CATALOG_OUT, "instance-types.json.gz"), "wt", encoding="utf-8") as f:
        json.dump(wire, f, separators=(",", ":"), sort_keys=False)

    offerings_dir = os.path.join(EC2_RESOURCES, "instance_type_offerings")
    region_lines = []
    offering_lines = []
    for file in sorted(os.listdir(os.path.join(offerings_dir, "availability-zone"))):
        region = file[: -len(".json.gz")]
        by_name = {}
        for o in load(os.path.join(offerings_dir, "availability-zone", file)):
            by_name.setdefault(o["Location"], set()).add(o["InstanceType"])
        by_id = {}
        for o in load(os.path.join(offerings_dir, "availability-zone-id", file)):
            by_id.setdefault(o["Location"], set()).add(o["InstanceType"])
        zones = []
        used_ids = set()
        for zone in sorted(by_name):
            candidates = sorted(i for i, t in by_id.items() if t == by_name[zone] and i not in used_ids)
            zone_id = candidates[0]
            used_ids.add(zone_id)
            zones.append(zone + ":" + zone_id)
        region_lines.append("\t".join([region, "opt-in" if region in OPT_IN else "default",
                                       REGION_NAMES[region], ",".join(zones)]))
        zones_of_type = {}
        for zone, names in by_name.items():
            for t in names:
                zones_of_type.setdefault(t, []).append(zone[len(region):])
        groups = {}
        for t, letters in zones_of_type.items():
            groups.setdefault("".join(sorted(letters)), []).append(t)
        for letters in sorted(groups):
            offering_lines.append("\t".join([region, letters, " ".join(sorted(groups[letters]))]))
    with open(REGIONS_OUT, "w", encoding="utf-8") as f:
        f.write("# region\tstatus\tname\tzone:zone-id,...\n")
        f.write("\n".join(region_lines) + "\n")
    with gzip.open(os.path.join(CATALOG_OUT, "instance-type-offerings.tsv.gz"), "wt", encoding="utf-8") as f:
        f.write("# region\tzones (letters)\tinstance types offered in each of those zones\n")
        f.write("\n".join(offering_lines) + "\n")


if __name__ == "__main__":
    main()
