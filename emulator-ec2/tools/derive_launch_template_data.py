#!/usr/bin/env python3
"""Derives how launch template data travels, from the botocore EC2 service model.

A launch template's data arrives as RequestLaunchTemplateData query members, is answered as
ResponseLaunchTemplateData XML, and is launched as RunInstances query members. For every leaf of
RequestLaunchTemplateData this writes one line: its query path, its XML path in the answer and its
RunInstances query path ('-' when RunInstances has no such member). '#' stands for a list index; an
XML step 'name/item' is a list whose items are named 'item'. Run it from the repository root:

    python3 emulator-ec2/tools/derive_launch_template_data.py
"""
import gzip
import json
import os

import botocore

MODEL = os.path.join(os.path.dirname(botocore.__file__), "data", "ec2", "2016-11-15", "service-2.json.gz")
OUT = "emulator-ec2/src/main/resources/dev/gureum/ec2/protocol/launch-template-data.tsv"

with gzip.open(MODEL) as f:
    SHAPES = json.load(f)["shapes"]


def query_name(name, member):
    if "queryName" in member:
        return member["queryName"]
    if "locationName" in member:
        loc = member["locationName"]
        return loc[0].upper() + loc[1:]
    return name


def members(shape_name):
    return SHAPES[shape_name].get("members", {})


def walk(req_shape, resp_shape, run_shape, req_path, resp_path, run_path, out, depth=0):
    """Walks a request shape with its response and RunInstances counterparts (None when absent)."""
    shape = SHAPES[req_shape]
    kind = shape["type"]
    if depth > 12:
        return
    if kind == "structure":
        resp_members = members(resp_shape) if resp_shape and SHAPES[resp_shape]["type"] == "structure" else {}
        run_members = members(run_shape) if run_shape and SHAPES[run_shape]["type"] == "structure" else {}
        for name, member in members(req_shape).items():
            resp = resp_members.get(name)
            if resp is None:
                # a few request members are spelled in the plural or singular in the answer
                for alt in (name + "s", name[:-1] if name.endswith("s") else None, "Groups" if name == "SecurityGroupIds" else None):
                    if alt and alt in resp_members:
                        resp = resp_members[alt]
                        break
            run = run_members.get(name)
            run_name = name
            if run is None:
                # RamDiskId is RamdiskId there, ElasticGpuSpecifications ElasticGpuSpecification
                for other, m in run_members.items():
                    if other.lower() in (name.lower(), name.lower().rstrip("s")):
                        run, run_name = m, other
            walk(member["shape"], resp["shape"] if resp else None, run["shape"] if run else None,
                 req_path + [query_name(name, member)],
                 resp_path + [resp.get("locationName", name[0].lower() + name[1:])] if resp else None,
                 run_path + [query_name(run_name, run)] if run is not None and run_path is not None else None,
                 out, depth + 1)
    elif kind == "list":
        item = shape["member"]["shape"]
        resp_item = None
        resp_step = None
        if resp_shape and SHAPES[resp_shape]["type"] == "list":
            resp_item = SHAPES[resp_shape]["member"]["shape"]
            resp_step = SHAPES[resp_shape]["member"].get("locationName", "member")
        run_item = SHAPES[run_shape]["member"]["shape"] if run_shape and SHAPES[run_shape]["type"] == "list" else None
        walk(item, resp_item, run_item, req_path + ["#"],
             resp_path[:-1] + [resp_path[-1] + "/" + resp_step] if resp_path and resp_step else None,
             run_path + ["#"] if run_path is not None and run_item else None, out, depth + 1)
    elif kind == "map":
        return
    else:
        out.append((".".join(req_path), ".".join(resp_path) if resp_path else "-",
                    ".".join(run_path) if run_path else "-"))


def main():
    rows = []
    walk("RequestLaunchTemplateData", "ResponseLaunchTemplateData", "RunInstancesRequest", [], [], [], rows)
    with open(OUT, "w") as f:
        f.write("# RequestLaunchTemplateData query path, ResponseLaunchTemplateData XML path, RunInstances query path\n")
        f.write("# derived from the botocore EC2 model by emulator-ec2/tools/derive_launch_template_data.py\n")
        for row in rows:
            f.write("\t".join(row) + "\n")


if __name__ == "__main__":
    main()
